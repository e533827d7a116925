import { expect, test } from 'vitest';
import { comparison } from './test-comparison';
import { trendChartConfig, trendNote, trendPoints } from './trends';

test('a line per area, rates in percent, a gap where there is no rate', () => {
  const answer = comparison();
  expect(trendPoints(answer.trends[1]!)).toEqual([null, 80]);
  const config = trendChartConfig(answer);
  expect(config.data.labels).toEqual([
    ['Apr–Jun', '2026'],
    ['Jul–Sep', '2026'],
  ]);
  expect(config.data.datasets.map((d) => [d.label, d.data, d.spanGaps])).toEqual([
    ['Birmingham', [null, 30], false],
    ['Leeds', [null, 80], false],
  ]);
  expect(config.options?.scales?.y?.max).toBe(100);
  expect(config.options?.events).toEqual([]);
});

test('a line with nothing to draw says so in the key', () => {
  const answer = comparison();
  expect(trendNote(answer.trends[0]!)).toBe('');
  const nothing = { ...answer.trends[0]!, points: answer.trends[0]!.points.map((p) => ({ ...p, status: 'no_data' as const, rate: null })) };
  expect(trendNote(nothing)).toBe('no rate to show in these quarters');
});

test('no trends, no lines', () => {
  expect(trendChartConfig({ trends: [] }).data.datasets).toEqual([]);
});
