// The patterns chart's settings for Chart.js: one line per series, quarters along the bottom,
// a gap for each hidden figure. Lines differ in colour, dash and point shape, so colour is never
// the only way to tell them apart (WCAG 1.4.1), and every colour has at least 3:1 contrast
// with the white page (WCAG 1.4.11). The chart is a picture (role="img"): it answers no mouse
// or touch (no tooltips that only a mouse could reach), and the table beside it has every number.

import type { ChartConfiguration, PointStyle } from 'chart.js';
import { linePoints, type FigureView } from './series';

/** Okabe and Ito's colour-blind-safe colours, darkened where needed for 3:1 on white. */
export const LINE_COLOURS = ['#0072b2', '#c85200', '#007a5a', '#a0467c', '#6b4f00', '#5b3f9e', '#0b0c0c'] as const;

export const POINT_STYLES: readonly PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'];

/** Solid, dashed, dotted, dash-dot (in pixels). */
export const DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [10, 4, 2, 4]];

/** The page's text colours and fonts (app.css), so the chart reads like the rest of it. */
const TEXT = '#0b0c0c';
const GRID = '#d6d7d8';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export interface LineStyle {
  colour: string;
  point: PointStyle;
  dash: number[];
}

/**
 * The look of the `index`th line. Colours come round again after seven lines, but then with
 * another dash and another point shape; no two of the first 28 lines look the same.
 */
export function lineStyle(index: number): LineStyle {
  const colours = LINE_COLOURS.length;
  return {
    colour: LINE_COLOURS[index % colours] ?? TEXT,
    point: POINT_STYLES[index % POINT_STYLES.length] ?? 'circle',
    dash: [...(DASHES[Math.floor(index / colours) % DASHES.length] ?? [])],
  };
}

/** Each quarter's label is two lines, "Jul–Sep" over "2025", so that it need not be turned on its side. */
export type LineChartConfig = ChartConfiguration<'line', (number | null)[], string[]>;

/** A quarter's label on the axis: "Jul–Sep" over "2025". */
export function quarterLabel(shortName: string): string[] {
  const [months = '', year = ''] = shortName.split(' ');
  return [months, year];
}

/** A line chart's contents: a label per quarter, and each line's points (null: a gap). */
export interface LineChartContents {
  labels: string[][];
  lines: { label: string; points: (number | null)[] }[];
  /** What the y axis counts: numbers of families, or rates in percent (0 to 100). */
  y: 'families' | 'percent';
}

/** A fresh configuration for `view` (Chart.js writes into what it is given). */
export function lineChartConfig(view: FigureView): LineChartConfig {
  return linesChartConfig({
    labels: view.quarters.map((q) => quarterLabel(q.shortName)),
    lines: view.series.map((series) => ({ label: series.label, points: linePoints(series) })),
    y: 'families',
  });
}

/** A fresh configuration for any chart of lines by quarter, in the patterns chart's looks. */
export function linesChartConfig(contents: LineChartContents): LineChartConfig {
  const percent = contents.y === 'percent';
  return {
    type: 'line',
    data: {
      labels: contents.labels,
      datasets: contents.lines.map((line, i) => {
        const style = lineStyle(i);
        return {
          label: line.label,
          data: line.points,
          borderColor: style.colour,
          backgroundColor: style.colour,
          borderDash: style.dash,
          borderWidth: 2,
          pointStyle: style.point,
          pointRadius: 5,
          pointBorderWidth: 2,
          // A hidden figure breaks the line: joining across it would draw a figure we hide.
          spanGaps: false,
        };
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      events: [],
      color: TEXT,
      font: { family: FONT, size: 14 },
      scales: {
        // Level labels, some left out where there is no room (a phone), rather than tilted ones;
        // half a quarter's room at each end, so the first and last points are whole.
        x: { offset: true, ticks: { color: TEXT, maxRotation: 0, autoSkip: true }, grid: { color: GRID } },
        y: {
          beginAtZero: true,
          ...(percent ? { max: 100 } : {}),
          ticks: percent ? { color: TEXT, callback: (value) => `${value}%` } : { color: TEXT, precision: 0 },
          grid: { color: GRID },
          title: { display: true, text: percent ? 'Rate' : 'Families', color: TEXT },
        },
      },
      // The key is text on the page (LineKey), however many lines there are: drawn in the
      // canvas, a long one would leave no room for the lines.
      plugins: { legend: { display: false } },
    },
  };
}
