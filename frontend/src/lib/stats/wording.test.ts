import { expect, test } from 'vitest';
import { figureView } from './series';
import { STATS } from './test-stats';
import {
  chartDescription,
  FIGURE_HINT,
  figuresTitle,
  freshnessSentence,
  nextPublicationSentence,
  noiseSentence,
  publishedSentence,
  suppressionSentence,
} from './wording';

test('why figures are hidden, with the forum’s own k', () => {
  expect(suppressionSentence(10)).toBe(
    'To protect families, a figure is hidden when it counts fewer than 10 families, or when it could be used to work out one that does.',
  );
  expect(suppressionSentence(5)).toContain('fewer than 5 families');
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
});

test('only quarters that have ended, and when the next one’s figures appear', () => {
  expect(publishedSentence(14)).toBe('Figures are published only for quarters that have ended, 14 days after each one ends.');
  expect(publishedSentence(1)).toBe('Figures are published only for quarters that have ended, 1 day after each one ends.');
  expect(publishedSentence(0)).toBe('Figures are published only for quarters that have ended.');
  expect(nextPublicationSentence('2026Q4', '2027-01-15')).toBe('Figures for October to December 2026 will appear from 15 January 2027.');
  expect(nextPublicationSentence('2027Q1', '2027-04-15')).toBe('Figures for January to March 2027 will appear from 15 April 2027.');
});

test('titles and the chart’s description say what is shown', () => {
  expect(figuresTitle(figureView(STATS, {}))).toBe('Families who shared a story each quarter, by category');
  expect(figuresTitle(figureView(STATS, { category: 'meetings' }))).toBe(
    'Families who shared a story each quarter, for each tag in “Meetings and communication”',
  );
  expect(figuresTitle(figureView(STATS, { tag: 'outnumbered' }))).toBe('Families who shared a story each quarter, with the tag “Outnumbered”');
  expect(chartDescription(figureView(STATS, {}))).toBe(
    'Line chart of families who shared a story each quarter by category, from April to June 2026 to October to December 2026: ' +
      'one line for each category, with a gap wherever a figure is hidden. The table of figures has every number.',
  );
  expect(chartDescription(figureView(STATS, { category: 'blame' }))).toContain('one line for each tag,');
});

test('how to read a figure: families, and their share', () => {
  expect(FIGURE_HINT).toBe(
    'Each figure is a number of families who shared a story. In brackets: its share of all the families counted that quarter, ' +
      'then the range that share is likely to be in (a 95% interval).',
  );
});
