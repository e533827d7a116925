// Figures for the tests beside this code: three quarters in Birmingham, the last of them the
// last one published, with two categories and three tags, some of them hidden.

import type { Figure, Stats } from '../api/stats';

/** A shown figure with `count` of `total` families, or a hidden one for `null`. */
export function figure(period: string, count: number | null, total?: number): Figure {
  const base = { k: 5, period, vocabulary_version: 1, epsilon: null };
  if (count === null) {
    return { ...base, count: null, suppressed: true, display: 'hidden', rate: null, rate_low: null, rate_high: null };
  }
  if (total === undefined) {
    return { ...base, count, suppressed: false, display: String(count), rate: null, rate_low: null, rate_high: null };
  }
  const rate = count / total;
  return {
    ...base,
    count,
    suppressed: false,
    display: String(count),
    rate,
    rate_low: Math.max(0, rate - 0.2),
    rate_high: Math.min(1, rate + 0.2),
  };
}

/** [total, meetings, blame, minutes-withheld, outnumbered, bedroom-inspected] per quarter; null is hidden. */
type Row = [number | null, number | null, number | null, number | null, number | null, number | null];

/** The figures of `rows`, one quarter each, as published on 15 January 2027 (up to 2026Q4). */
export function statsOf(rows: Record<string, Row>): Stats {
  const periods = Object.keys(rows);
  return {
    area: { code: 'E08000025', name: 'Birmingham' },
    unit: 'family',
    from: periods[0] ?? '2026Q2',
    to: periods.at(-1) ?? '2026Q4',
    k: 5,
    epsilon: null,
    vocabulary_version: 1,
    refreshed_on: '2027-01-15',
    published_through: '2026Q4',
    next_quarter: '2027Q1',
    next_publication: '2027-04-15',
    publish_after_days: 14,
    quarters: Object.entries(rows).map(([period, [total, meetings, blame, minutes, outnumbered, bedroom]]) => {
      const share = (count: number | null) => figure(period, count, total ?? undefined);
      return {
        quarter: period,
        total: figure(period, total),
        categories: [
          { category: 'meetings', label: 'Meetings and communication', ...share(meetings) },
          { category: 'blame', label: 'Parent blame and safeguarding', ...share(blame) },
        ],
        tags: [
          { tag: 'minutes-withheld', label: 'Minutes kept from me', category: 'meetings', ...share(minutes) },
          { tag: 'outnumbered', label: 'Outnumbered', category: 'meetings', ...share(outnumbered) },
          { tag: 'bedroom-inspected', label: 'Bedroom inspected', category: 'blame', ...share(bedroom) },
        ],
      };
    }),
  };
}

/** Three quarters: nothing shown in the first, a little in the second, more in the third. */
export const STATS: Stats = statsOf({
  '2026Q2': [null, null, null, null, null, null],
  '2026Q3': [6, null, 6, null, null, 6],
  '2026Q4': [12, 8, 10, 6, null, 10],
});
