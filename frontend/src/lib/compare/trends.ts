// The trends as the page shows them: the shown tag's rate in each chosen area, quarter by
// quarter, as lines (in percent; a gap where there is no rate) and as a table.

import type { Comparison, TrendSeries } from '../api/compare';
import { linesChartConfig, quarterLabel, type LineChartConfig } from '../stats/chart';
import { shortQuarterName } from '../stats/quarters';

/** A rate in percent for the chart, or null (a gap) where there is none to show. */
export function trendPoints(series: TrendSeries): (number | null)[] {
  return series.points.map((point) => (point.status === 'rate' && point.rate !== null ? point.rate * 100 : null));
}

/** The key's note for a line that is not drawn at all. */
export function trendNote(series: TrendSeries): string {
  return trendPoints(series).every((point) => point === null) ? 'no rate to show in these quarters' : '';
}

/** A fresh Chart.js configuration for the trends in `answer`. */
export function trendChartConfig(answer: Pick<Comparison, 'trends'>): LineChartConfig {
  const quarters = answer.trends[0]?.points.map((point) => point.period) ?? [];
  return linesChartConfig({
    labels: quarters.map((quarter) => quarterLabel(shortQuarterName(quarter))),
    lines: answer.trends.map((series) => ({ label: series.area_name, points: trendPoints(series) })),
    y: 'percent',
  });
}
