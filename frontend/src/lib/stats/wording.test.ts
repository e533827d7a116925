import { expect, test } from 'vitest';
import { figureView } from './series';
import { STATS } from './test-stats';
import { chartDescription, figuresTitle, freshnessSentence, noiseSentence, soFarSentence, suppressionSentence } from './wording';

test('why figures are hidden, with the forum’s own k', () => {
  expect(suppressionSentence(10)).toBe(
    'To protect families, a figure is hidden when it counts fewer than 10 stories, or when it could be used to work out one that does.',
  );
  expect(suppressionSentence(5)).toContain('fewer than 5 stories');
});

test('the noise, when the forum adds it', () => {
  expect(noiseSentence(1)).toBe(
    'Each figure also has a little random noise added (differential privacy, epsilon 1), so figures may be off by a few.',
  );
  expect(noiseSentence(0.5)).toContain('epsilon 0.5)');
});

test('how fresh the figures are', () => {
  expect(freshnessSentence(null)).toBe('The figures have not been worked out yet. They are worked out once a day.');
  expect(freshnessSentence('2026-11-23')).toBe('Figures last worked out on 23 November 2026.');
  expect(soFarSentence('2026Q4')).toBe('October to December 2026 is counted so far: its figures will change until the quarter ends.');
});

test('titles and the chart’s description say what is shown', () => {
  expect(figuresTitle(figureView(STATS, {}))).toBe('Stories each quarter, by category');
  expect(figuresTitle(figureView(STATS, { category: 'meetings' }))).toBe(
    'Stories each quarter, for each tag in “Meetings and communication”',
  );
  expect(figuresTitle(figureView(STATS, { tag: 'outnumbered' }))).toBe('Stories each quarter, with the tag “Outnumbered”');
  expect(chartDescription(figureView(STATS, {}))).toBe(
    'Line chart of stories each quarter by category, from April to June 2026 to October to December 2026: ' +
      'one line for each category, with a gap wherever a figure is hidden. The table of figures has every number.',
  );
  expect(chartDescription(figureView(STATS, { category: 'blame' }))).toContain('one line for each tag,');
});
