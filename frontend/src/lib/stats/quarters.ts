// Quarters of the calendar year, as the figures are counted: `2025Q3` is July to September
// 2025. The server decides which quarter is the current one, and which have been published,
// in UTC, so we do too.

import { MONTH_NAMES } from '../stories/period';

/** A quarter taken apart; `quarter` is 1 to 4. */
export interface Quarter {
  year: number;
  quarter: number;
}

const QUARTER = /^(\d{4})Q([1-4])$/;

/** `YYYYQn`, as the API writes a quarter. */
export function isQuarter(value: unknown): value is string {
  return typeof value === 'string' && QUARTER.test(value);
}

/** `2025Q3` → { year: 2025, quarter: 3 }; anything else → null. */
export function splitQuarter(value: string): Quarter | null {
  const match = QUARTER.exec(value);
  if (!match) return null;
  return { year: Number(match[1]), quarter: Number(match[2]) };
}

export function joinQuarter({ year, quarter }: Quarter): string {
  return `${year}Q${quarter}`;
}

/** The quarter `now` falls in, in UTC: `2026-11-23` → `2026Q4`. */
export function quarterOf(now: Date): string {
  return joinQuarter({ year: now.getUTCFullYear(), quarter: Math.floor(now.getUTCMonth() / 3) + 1 });
}

/** The quarter `count` quarters after `value` (before it, when `count` is negative). */
export function addQuarters(value: string, count: number): string | null {
  const parts = splitQuarter(value);
  if (!parts) return null;
  const index = parts.year * 4 + (parts.quarter - 1) + count;
  return joinQuarter({ year: Math.floor(index / 4), quarter: (index % 4) + 1 });
}

/** `2026Q4` → "2026-12-31": the last day of the quarter (YYYY-MM-DD); null for anything else. */
export function quarterLastDay(value: string): string | null {
  const parts = splitQuarter(value);
  if (!parts) return null;
  // Day 0 of the month after the quarter is its last day.
  return new Date(Date.UTC(parts.year, parts.quarter * 3, 0)).toISOString().slice(0, 10);
}

/**
 * The last quarter whose figures are published on the day `now` falls in (UTC), when each
 * quarter's appear `publishAfterDays` days after it ends (counted from the first day of the
 * next quarter, as the server counts): with 14 days, October to December 2026 appears on
 * 15 January 2027, so `2027-01-15` → `2026Q4` and the day before → `2026Q3`. As the server
 * works out `published_through`.
 */
export function publishedThroughOn(now: Date, publishAfterDays: number): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // The quarter of the day `publishAfterDays` ago has not ended long enough; the one before has.
  const then = quarterOf(new Date(today - publishAfterDays * 86_400_000));
  return addQuarters(then, -1) ?? then;
}

/** Every quarter from `from` to `to`, both included, oldest first; empty when `from` is after `to`. */
export function quartersBetween(from: string, to: string): string[] {
  const first = splitQuarter(from);
  const last = splitQuarter(to);
  if (!first || !last) return [];
  const quarters: string[] = [];
  for (let index = first.year * 4 + first.quarter - 1; index <= last.year * 4 + last.quarter - 1; index++) {
    quarters.push(joinQuarter({ year: Math.floor(index / 4), quarter: (index % 4) + 1 }));
  }
  return quarters;
}

/** `2025Q3` → "July to September 2025"; anything else comes back unchanged. */
export function quarterName(value: string): string {
  const parts = splitQuarter(value);
  if (!parts) return value;
  const first = MONTH_NAMES[(parts.quarter - 1) * 3];
  const last = MONTH_NAMES[(parts.quarter - 1) * 3 + 2];
  return `${first} to ${last} ${parts.year}`;
}

/** `2025Q3` → "Jul–Sep 2025", short enough for a chart's axis. */
export function shortQuarterName(value: string): string {
  const parts = splitQuarter(value);
  if (!parts) return value;
  const first = MONTH_NAMES[(parts.quarter - 1) * 3]?.slice(0, 3);
  const last = MONTH_NAMES[(parts.quarter - 1) * 3 + 2]?.slice(0, 3);
  return `${first}–${last} ${parts.year}`;
}
