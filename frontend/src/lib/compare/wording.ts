// What the comparison page says about its figures, in plain words: what they count (families
// who shared a story, or stories in a report from an older forum), a rate and its interval, a
// hidden figure and its footnote, who reported a figure and for when, and what the map and the
// trend chart show for those who cannot see them.

import type { AreaStatus, CompareFigure, CompareForum, CompareRow, Comparison, CountUnit, MapArea } from '../api/compare';
import { quarterName } from '../stats/quarters';
import { orderWords } from './sorting';
import { percent } from '../stats/series';

const COUNT = new Intl.NumberFormat('en-GB');

/** The mark a hidden figure carries, pointing to the footnote. */
export const HIDDEN_MARK = '*';

/** The mark a report that counts stories carries, pointing to its own footnote. */
export const STORY_UNIT_MARK = '†';

/** Said beside a report that counts stories, not families. */
export const STORY_UNIT_NOTE = 'counts stories, not families';

/** "30–47%": a rate's 95% interval, in whole percent. */
export function intervalText(low: number, high: number): string {
  return `${Math.round(low * 100)}–${percent(high)}`;
}

/** "fewer than 10*": a hidden figure, as the server words it, with the footnote's mark. */
export function hiddenText(figure: Pick<CompareFigure, 'display'>): string {
  return `${figure.display}${HIDDEN_MARK}`;
}

/** A count as the table shows it: "1,234", or "fewer than 10*". */
export function countText(figure: CompareFigure): string {
  return figure.suppressed || figure.count === null ? hiddenText(figure) : COUNT.format(figure.count);
}

/** "12 families", "1 family"; "12 stories" for a report that counts stories. */
export function countedText(count: number, unit: CountUnit = 'family'): string {
  const [one, many] = unit === 'story' ? ['story', 'stories'] : ['family', 'families'];
  return `${COUNT.format(count)} ${count === 1 ? one : many}`;
}

/** Why a figure is hidden, with the threshold of the reports shown (forums may differ). */
function hiddenExplanation(kValues: readonly number[]): string {
  const ks = [...new Set(kValues)].sort((a, b) => a - b);
  if (ks.length <= 1) {
    const k = ks[0] ?? 10;
    return `Fewer than ${k} families, or hidden so that a figure of fewer than ${k} cannot be worked out from the others.`;
  }
  const list = `${ks.slice(0, -1).join(', ')} or ${ks.at(-1)}`;
  return `Fewer than the reporting forum’s threshold (${list} families), or hidden so that a figure below it cannot be worked out from the others.`;
}

/** The footnote for hidden figures, under the tables. */
export function hiddenFootnote(kValues: readonly number[]): string {
  return `${HIDDEN_MARK} ${hiddenExplanation(kValues)}`;
}

/** The footnote for reports that count stories, under the table when it has one. */
export const STORY_UNIT_FOOTNOTE =
  `${STORY_UNIT_MARK} Counts stories, not families: the report comes from a forum that still counts stories, so its figures ` +
  'are numbers and shares of stories and cannot be compared directly with the others.';

/** True when any row of `rows` counts stories, not families. */
export function anyCountsStories(rows: readonly Pick<CompareRow, 'unit'>[]): boolean {
  return rows.some((row) => row.unit === 'story');
}

/** A forum's name from its domain; the domain itself for one the answer does not name. */
export function forumName(domain: string, forums: readonly CompareForum[]): string {
  return forums.find((forum) => forum.domain === domain)?.name ?? domain;
}

/** "Reported by Leeds Parent Carer Forum for July to September 2026". */
export function reportedBy(row: Pick<CompareRow, 'forum' | 'period'>, forums: readonly CompareForum[]): string {
  return `Reported by ${forumName(row.forum, forums)} for ${quarterName(row.period)}`;
}

/** The map and the chosen area's status, in words. */
export function statusText(status: AreaStatus): string {
  switch (status) {
    case 'rate':
      return 'Rate shown';
    case 'suppressed':
      return 'Figures hidden';
    case 'no_data':
      return 'No figures';
  }
}

/** What an area's rate is, in a sentence: for the figures beside the map. */
export function areaRateSentence(area: MapArea, tagLabel: string, unit: CountUnit = 'family'): string {
  if (area.status === 'no_data') return `No figures from ${area.name} have reached this forum for this quarter.`;
  if (area.status === 'suppressed' || area.rate === null || area.rate_low === null || area.rate_high === null) {
    return `The rate of “${tagLabel}” in ${area.name} is hidden, to protect families.`;
  }
  const likely = `(likely between ${intervalText(area.rate_low, area.rate_high)})`;
  if (unit === 'story') {
    return (
      `${percent(area.rate)} of the stories counted in ${area.name} had the tag “${tagLabel}” ${likely}. ` +
      'This report counts stories, not families.'
    );
  }
  return `${percent(area.rate)} of the families who shared a story in ${area.name} shared one with the tag “${tagLabel}” ${likely}.`;
}

/** How many areas the map colours, hatches and leaves pale. */
export function mapCounts(map: readonly MapArea[]): Record<AreaStatus, number> {
  const counts: Record<AreaStatus, number> = { rate: 0, suppressed: 0, no_data: 0 };
  for (const area of map) counts[area.status] += 1;
  return counts;
}

function areasPhrase(n: number): string {
  return n === 1 ? '1 area' : `${n} areas`;
}

/** The map's text alternative: what it is and what it shows; the table beside it has every figure. */
export function mapDescription(answer: Pick<Comparison, 'map' | 'period' | 'shown_tag'>): string {
  const counts = mapCounts(answer.map);
  const tag = answer.shown_tag ? `“${answer.shown_tag.label}”` : 'a tag';
  return (
    `Hex map of England’s ${answer.map.length} local authorities, one hexagon each, coloured by the rate of ${tag} ` +
    `in ${quarterName(answer.period)}: ${areasPhrase(counts.rate)} with a rate, ${areasPhrase(counts.suppressed)} ` +
    `with hidden figures, ${areasPhrase(counts.no_data)} with no figures. The table of the map’s figures has every number.`
  );
}

/** The trend chart's text alternative. */
export function trendDescription(answer: Pick<Comparison, 'from' | 'to' | 'shown_tag' | 'trends'>): string {
  const tag = answer.shown_tag ? `“${answer.shown_tag.label}”` : 'the tag';
  const n = answer.trends.length;
  return (
    `Line chart of the rate of ${tag} each quarter from ${quarterName(answer.from)} to ${quarterName(answer.to)}: ` +
    `one line for each of ${n === 1 ? 'the 1 area' : `the ${n} areas`}, with a gap wherever there is no figure or it is hidden. ` +
    'The table of the trends has every number.'
  );
}

/** "30% (likely 5–45%)", or "hidden*" for a rate that is not shown. */
export function rateWithInterval(figure: Pick<MapArea, 'rate' | 'rate_low' | 'rate_high'>): string {
  if (figure.rate === null || figure.rate_low === null || figure.rate_high === null) return `hidden${HIDDEN_MARK}`;
  return `${percent(figure.rate)} (likely ${intervalText(figure.rate_low, figure.rate_high)})`;
}

/** A number of families (or stories) on the map, or "hidden*". */
export function mapCountText(count: number | null): string {
  return count === null ? `hidden${HIDDEN_MARK}` : COUNT.format(count);
}

/** The chosen area's figures beside the map, as terms and values; none for an area with no report. */
export function areaFacts(area: MapArea, forums: readonly CompareForum[], unit: CountUnit = 'family'): { term: string; value: string }[] {
  if (area.status === 'no_data' || area.forum === null || area.report_id === null) return [];
  const counts =
    unit === 'story'
      ? [
          { term: 'Stories with the tag', value: mapCountText(area.count) },
          { term: 'Stories counted', value: mapCountText(area.families) },
          { term: 'Counts', value: 'Stories, not families' },
        ]
      : [
          { term: 'Families with the tag', value: mapCountText(area.count) },
          { term: 'Families who shared a story', value: mapCountText(area.families) },
        ];
  return [
    { term: 'Rate', value: rateWithInterval(area) },
    ...counts,
    { term: 'Reported by', value: forumName(area.forum, forums) },
    { term: 'Report', value: area.report_id },
  ];
}

/** How the table is sorted, after "sorted by": "area name, A to Z". */
export function sortedBy(answer: Pick<Comparison, 'sort' | 'order' | 'shown_tag'>): string {
  const order = orderWords(answer);
  if (answer.sort === 'area') return `area name, ${order}`;
  if (answer.sort === 'families') return `families who shared a story, ${order}`;
  return `the share with “${answer.shown_tag?.label ?? 'the tag'}”, ${order}`;
}

/** What the page says it shows, once the figures have come. */
export function statusSentence(answer: Pick<Comparison, 'rows' | 'period' | 'sort' | 'order' | 'shown_tag'>): string {
  const quarter = quarterName(answer.period);
  const n = answer.rows.length;
  if (n === 0) return `No forum has reported figures for ${quarter} yet.`;
  return `Showing ${n === 1 ? '1 report' : `${n} reports`} for ${quarter}, sorted by ${sortedBy(answer)}.`;
}
