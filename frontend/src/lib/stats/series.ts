// The figures as the patterns page shows them: the series for the chart (one line each) and
// the table (one column each), with a row per quarter. Every figure counts families who
// shared a story; every quarter shown has ended. With no filter the series are the
// categories; with a category, that category's tags; with a tag, that tag alone.
// A hidden figure is a gap in a line (null) and "hidden" in the table, never 0.

import type { Figure, Stats } from '../api/stats';
import { quarterName, shortQuarterName } from './quarters';

export type SeriesKind = 'categories' | 'category-tags' | 'tag';

export interface Series {
  /** The category's or tag's id. */
  id: string;
  label: string;
  /** One per quarter, oldest first. */
  figures: Figure[];
}

export interface QuarterRow {
  /** `YYYYQn`. */
  quarter: string;
  /** "July to September 2025". */
  name: string;
  /** "Jul–Sep 2025", for the chart's axis. */
  shortName: string;
}

export interface FigureView {
  kind: SeriesKind;
  /** The category's label (`category-tags`) or the tag's (`tag`); null for every category. */
  subject: string | null;
  quarters: QuarterRow[];
  /** Every family who shared a counted story, one per quarter. */
  totals: Figure[];
  series: Series[];
}

/** The series the filters ask for, from `stats` (which the server already narrowed to them). */
export function figureView(stats: Stats, filters: { category?: string; tag?: string }): FigureView {
  const quarters = stats.quarters.map((q) => ({
    quarter: q.quarter,
    name: quarterName(q.quarter),
    shortName: shortQuarterName(q.quarter),
  }));
  const totals = stats.quarters.map((q) => q.total);
  const first = stats.quarters[0];
  if (!first) return { kind: 'categories', subject: null, quarters, totals, series: [] };

  // Every quarter lists the same categories and tags in the same order (the parser checks),
  // so a series is the figure at one position in each quarter.
  const tagSeries = (keep: (tag: { tag: string; category: string }) => boolean): Series[] =>
    first.tags.flatMap((tag, i) =>
      keep(tag) ? [{ id: tag.tag, label: tag.label, figures: stats.quarters.flatMap((q) => q.tags[i] ?? []) }] : [],
    );

  if (filters.tag) {
    const series = tagSeries((t) => t.tag === filters.tag);
    return { kind: 'tag', subject: series[0]?.label ?? null, quarters, totals, series };
  }
  if (filters.category) {
    const category = filters.category;
    const subject = first.categories.find((c) => c.category === category)?.label ?? null;
    return { kind: 'category-tags', subject, quarters, totals, series: tagSeries((t) => t.category === category) };
  }
  const series = first.categories.map((category, i) => ({
    id: category.category,
    label: category.label,
    figures: stats.quarters.flatMap((q) => q.categories[i] ?? []),
  }));
  return { kind: 'categories', subject: null, quarters, totals, series };
}

/** A series as a line: its counts, with null (a gap) for each hidden figure. */
export function linePoints(series: Series): (number | null)[] {
  return series.figures.map((figure) => (figure.suppressed ? null : figure.count));
}

/** True when at least one figure in the series would be drawn. */
export function hasShownFigure(series: readonly Series[]): boolean {
  return series.some((s) => linePoints(s).some((point) => point !== null));
}

const COUNT = new Intl.NumberFormat('en-GB');

/** 0.483 → "48%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A figure's count as the table shows it, "1,234"; "hidden" when suppressed, never a number. */
export function countText(figure: Figure): string {
  return figure.suppressed || figure.count === null ? 'hidden' : COUNT.format(figure.count);
}

/**
 * "48%, 30–67%": the share of the quarter's families and the share's 95% interval, or '' when
 * there is none (a total, or a hidden figure). The table shows it after the count, in brackets:
 * "12 (48%, 30–67%)".
 */
export function shareText(figure: Figure): string {
  if (figure.rate === null || figure.rate_low === null || figure.rate_high === null) return '';
  return `${percent(figure.rate)}, ${Math.round(figure.rate_low * 100)}–${percent(figure.rate_high)}`;
}
