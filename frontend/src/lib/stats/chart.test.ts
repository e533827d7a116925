import { expect, test } from 'vitest';
import { DASHES, LINE_COLOURS, lineChartConfig, lineStyle, POINT_STYLES } from './chart';
import { figureView } from './series';
import { STATS } from './test-stats';

/** WCAG's contrast ratio of a #rrggbb colour with white. */
function contrastWithWhite(hex: string): number {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

test('every line colour stands out from the white page (3:1 at least)', () => {
  for (const colour of LINE_COLOURS) expect(contrastWithWhite(colour), colour).toBeGreaterThanOrEqual(3);
  expect(new Set(LINE_COLOURS).size).toBe(LINE_COLOURS.length);
});

test('no two of the first 28 lines look the same, and neighbours differ in shape too', () => {
  const looks = Array.from({ length: LINE_COLOURS.length * DASHES.length }, (_, i) => JSON.stringify(lineStyle(i)));
  expect(new Set(looks).size).toBe(looks.length);
  for (let i = 1; i < 28; i++) expect(lineStyle(i).point).not.toBe(lineStyle(i - 1).point);
  expect(lineStyle(0)).toEqual({ colour: LINE_COLOURS[0], point: POINT_STYLES[0], dash: [] });
  expect(lineStyle(LINE_COLOURS.length).dash).toEqual(DASHES[1]);
});

test('a line per series, a point per quarter, gaps for hidden figures, no animation', () => {
  const config = lineChartConfig(figureView(STATS, {}));
  expect(config.type).toBe('line');
  expect(config.data.labels).toEqual([
    ['Apr–Jun', '2026'],
    ['Jul–Sep', '2026'],
    ['Oct–Dec', '2026'],
  ]);
  expect(config.data.datasets.map((d) => [d.label, d.data, d.spanGaps])).toEqual([
    ['Meetings and communication', [null, null, 8], false],
    ['Parent blame and safeguarding', [null, 6, 10], false],
  ]);
  expect(config.options?.animation).toBe(false);
  expect(config.options?.events).toEqual([]);
  expect(config.options?.scales?.y?.title).toMatchObject({ display: true, text: 'Families' });
});

test('each chart gets its own configuration, for Chart.js to write into', () => {
  const view = figureView(STATS, {});
  const first = lineChartConfig(view);
  const second = lineChartConfig(view);
  expect(first.data.datasets[0]?.data).not.toBe(second.data.datasets[0]?.data);
  expect(first.data.datasets[0]?.borderDash).not.toBe(second.data.datasets[0]?.borderDash);
});
