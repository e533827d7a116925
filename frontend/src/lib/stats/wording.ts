// What the patterns page says about its figures, in plain words: what they count (families who
// shared a story), why some are hidden, how fresh they are, when the next quarter's appear,
// and what the chart and the table show.

import { formatDate } from '../format/date';
import { quarterName } from './quarters';
import type { FigureView } from './series';

/**
 * Why figures are hidden. Said once for the page, never of one figure: the API does not say
 * whether a figure is below k or hidden to protect another, since saying so would itself leak.
 */
export function suppressionSentence(k: number): string {
  return `To protect families, a figure is hidden when it counts fewer than ${k} families, or when it could be used to work out one that does.`;
}

/** Said when the forum adds differential-privacy noise to its figures. */
export function noiseSentence(epsilon: number): string {
  return `Each figure also has a little random noise added (differential privacy, epsilon ${epsilon}), so figures may be off by a few.`;
}

/** When the figures were last worked out, or that they have not been yet. */
export function freshnessSentence(refreshedOn: string | null): string {
  if (refreshedOn === null) return 'The figures have not been worked out yet. They are worked out once a day.';
  return `Figures last worked out on ${formatDate(refreshedOn)}.`;
}

/** That only quarters that have ended are published, and how long after they end. */
export function publishedSentence(publishAfterDays: number): string {
  if (publishAfterDays === 0) return 'Figures are published only for quarters that have ended.';
  const days = publishAfterDays === 1 ? '1 day' : `${publishAfterDays} days`;
  return `Figures are published only for quarters that have ended, ${days} after each one ends.`;
}

/** When the next quarter's figures appear: "Figures for October to December 2026 will appear from 15 January 2027." */
export function nextPublicationSentence(nextQuarter: string, nextPublication: string): string {
  return `Figures for ${quarterName(nextQuarter)} will appear from ${formatDate(nextPublication)}.`;
}

/** "by category", "for each tag in “Meetings”", "with the tag “Outnumbered”". */
function seriesPhrase(view: FigureView): string {
  if (view.kind === 'categories') return 'by category';
  const subject = view.subject ?? 'the one you chose';
  return view.kind === 'category-tags' ? `for each tag in “${subject}”` : `with the tag “${subject}”`;
}

/** The table's caption, and the heading over the chart and table. */
export function figuresTitle(view: FigureView): string {
  return `Families who shared a story each quarter, ${seriesPhrase(view)}`;
}

/** What the chart shows, for people who cannot see it: the table has the numbers. */
export function chartDescription(view: FigureView): string {
  const first = view.quarters[0];
  const last = view.quarters.at(-1);
  const span = first && last ? `, from ${first.name} to ${last.name}` : '';
  const line = view.kind === 'categories' ? 'category' : 'tag';
  return (
    `Line chart of families who shared a story each quarter ${seriesPhrase(view)}${span}: one line for each ${line}, ` +
    'with a gap wherever a figure is hidden. The table of figures has every number.'
  );
}

/** How to read a figure in the table. */
export const FIGURE_HINT =
  'Each figure is a number of families who shared a story. In brackets: its share of all the families counted that quarter, ' +
  'then the range that share is likely to be in (a 95% interval).';
