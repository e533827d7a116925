import { expect, test } from 'vitest';
import { comparison, hidden, shown } from './test-comparison';
import {
  anyCountsStories,
  areaFacts,
  areaRateSentence,
  countedText,
  countText,
  forumName,
  hiddenFootnote,
  hiddenText,
  intervalText,
  mapCounts,
  mapCountText,
  mapDescription,
  rateWithInterval,
  sortedBy,
  statusSentence,
  reportedBy,
  statusText,
  STORY_UNIT_FOOTNOTE,
  trendDescription,
} from './wording';

test('rates’ intervals in whole percent', () => {
  expect(intervalText(0.2, 0.47)).toBe('20–47%');
  expect(intervalText(0.004, 0.996)).toBe('0–100%');
});

test('a hidden figure reads as the server words it, marked for the footnote', () => {
  expect(hiddenText(hidden('x', 10))).toBe('fewer than 10*');
  expect(countText(hidden('x', 5))).toBe('fewer than 5*');
  expect(countText(shown('x', 1234))).toBe('1,234');
  expect(countedText(1)).toBe('1 family');
  expect(countedText(40)).toBe('40 families');
  expect(countedText(1234)).toBe('1,234 families');
  expect(countedText(1, 'story')).toBe('1 story');
  expect(countedText(40, 'story')).toBe('40 stories');
});

test('the footnote, with one threshold or several', () => {
  expect(hiddenFootnote([10])).toBe(
    '* Fewer than 10 families, or hidden so that a figure of fewer than 10 cannot be worked out from the others.',
  );
  expect(hiddenFootnote([])).toContain('Fewer than 10 families');
  expect(hiddenFootnote([10, 5, 10])).toBe(
    '* Fewer than the reporting forum’s threshold (5 or 10 families), or hidden so that a figure below it cannot be worked out from the others.',
  );
  expect(hiddenFootnote([5, 10, 20])).toContain('(5, 10 or 20 families)');
});

test('a report from an older forum that counts stories is said to, and has a footnote', () => {
  const answer = comparison();
  expect(anyCountsStories(answer.rows)).toBe(false);
  answer.rows[1]!.unit = 'story';
  expect(anyCountsStories(answer.rows)).toBe(true);
  expect(STORY_UNIT_FOOTNOTE).toBe(
    '† Counts stories, not families: the report comes from a forum that still counts stories, so its figures ' +
      'are numbers and shares of stories and cannot be compared directly with the others.',
  );
});

test('who reported a figure, and for when', () => {
  const { forums, rows } = comparison();
  expect(forumName('localhost:8082', forums)).toBe('Leeds Parent Carer Forum');
  expect(forumName('elsewhere.example', forums)).toBe('elsewhere.example');
  expect(reportedBy(rows[0]!, forums)).toBe('Reported by Birmingham Parent Carer Forum for July to September 2026');
  expect(reportedBy(rows[1]!, forums)).toBe('Reported by Leeds Parent Carer Forum for July to September 2026');
});

test('an area’s rate in a sentence', () => {
  const [hartlepool, cornwall, birmingham] = comparison().map;
  expect(areaRateSentence(birmingham!, 'Minutes kept from me')).toBe(
    '30% of the families who shared a story in Birmingham shared one with the tag “Minutes kept from me” (likely between 5–45%).',
  );
  expect(areaRateSentence(birmingham!, 'Minutes kept from me', 'story')).toBe(
    '30% of the stories counted in Birmingham had the tag “Minutes kept from me” (likely between 5–45%). This report counts stories, not families.',
  );
  expect(areaRateSentence(cornwall!, 'Minutes kept from me')).toBe('The rate of “Minutes kept from me” in Cornwall is hidden, to protect families.');
  expect(areaRateSentence(hartlepool!, 'Minutes kept from me')).toBe('No figures from Hartlepool have reached this forum for this quarter.');
  expect(statusText('no_data')).toBe('No figures');
});

test('what the map and the trend chart show, for those who cannot see them', () => {
  const answer = comparison();
  expect(mapCounts(answer.map)).toEqual({ rate: 2, suppressed: 1, no_data: 1 });
  expect(mapDescription(answer)).toBe(
    'Hex map of England’s 4 local authorities, one hexagon each, coloured by the rate of “Minutes kept from me” in July to September 2026: ' +
      '2 areas with a rate, 1 area with hidden figures, 1 area with no figures. The table of the map’s figures has every number.',
  );
  expect(trendDescription(answer)).toBe(
    'Line chart of the rate of “Minutes kept from me” each quarter from April to June 2026 to July to September 2026: ' +
      'one line for each of the 2 areas, with a gap wherever there is no figure or it is hidden. The table of the trends has every number.',
  );
  expect(mapDescription({ ...answer, shown_tag: null })).toContain('coloured by the rate of a tag');
});

test('the chosen area’s figures beside the map', () => {
  const { map, forums } = comparison();
  const [hartlepool, cornwall, birmingham] = map;
  expect(areaFacts(birmingham!, forums)).toEqual([
    { term: 'Rate', value: '30% (likely 5–45%)' },
    { term: 'Families with the tag', value: '12' },
    { term: 'Families who shared a story', value: '40' },
    { term: 'Reported by', value: 'Birmingham Parent Carer Forum' },
    { term: 'Report', value: 'http://localhost:8081/ap/reports/E08000025/2026Q3' },
  ]);
  expect(areaFacts(cornwall!, forums).slice(0, 3)).toEqual([
    { term: 'Rate', value: 'hidden*' },
    { term: 'Families with the tag', value: 'hidden*' },
    { term: 'Families who shared a story', value: '14' },
  ]);
  expect(areaFacts(birmingham!, forums, 'story').slice(0, 4)).toEqual([
    { term: 'Rate', value: '30% (likely 5–45%)' },
    { term: 'Stories with the tag', value: '12' },
    { term: 'Stories counted', value: '40' },
    { term: 'Counts', value: 'Stories, not families' },
  ]);
  expect(areaFacts(hartlepool!, forums)).toEqual([]);
  expect(rateWithInterval({ rate: 0.5, rate_low: 0.25, rate_high: 0.75 })).toBe('50% (likely 25–75%)');
  expect(mapCountText(1500)).toBe('1,500');
});

test('what the page says it shows', () => {
  const answer = comparison();
  expect(statusSentence(answer)).toBe('Showing 2 reports for July to September 2026, sorted by area name, A to Z.');
  expect(statusSentence({ ...answer, rows: answer.rows.slice(0, 1), sort: 'families', order: 'desc' })).toBe(
    'Showing 1 report for July to September 2026, sorted by families who shared a story, most first.',
  );
  expect(statusSentence({ ...answer, rows: [] })).toBe('No forum has reported figures for July to September 2026 yet.');
  expect(sortedBy({ ...answer, sort: 'rate', order: 'asc' })).toBe('the share with “Minutes kept from me”, lowest first');
});
