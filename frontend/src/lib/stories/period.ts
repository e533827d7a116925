// When a story happened: a month and year (`2025-03`) or just a year (`2025`), never a day
// (a day could identify a family), never in the future, never before 1990.

import { FIRST_YEAR } from './options';

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A period taken apart; `month` is 1 to 12, or null for "just the year". */
export interface PeriodParts {
  year: number;
  month: number | null;
}

/** This month, as a period (`2026-11`), in the person's own time zone. */
export function currentPeriod(now: Date = new Date()): string {
  return joinPeriod({ year: now.getFullYear(), month: now.getMonth() + 1 });
}

export function joinPeriod({ year, month }: PeriodParts): string {
  return month === null ? String(year) : `${year}-${String(month).padStart(2, '0')}`;
}

/** `2025-03` → { year: 2025, month: 3 }; `2025` → { year: 2025, month: null }; else null. */
export function splitPeriod(period: string): PeriodParts | null {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  if (month !== null && (month < 1 || month > 12)) return null;
  return { year, month };
}

/** "March 2025", or "2025"; anything else comes back unchanged. */
export function formatPeriod(period: string): string {
  const parts = splitPeriod(period);
  if (!parts) return period;
  return parts.month === null ? String(parts.year) : `${MONTH_NAMES[parts.month - 1]} ${parts.year}`;
}

/** The years a story may have happened in, this year first. */
export function yearChoices(now: Date = new Date()): number[] {
  const years: number[] = [];
  for (let year = now.getFullYear(); year >= FIRST_YEAR; year--) years.push(year);
  return years;
}

/** Why `parts` cannot be a story's period, in plain words; null when it can. */
export function periodProblem(parts: PeriodParts, now: Date = new Date()): string | null {
  if (!Number.isInteger(parts.year) || parts.year < FIRST_YEAR) return `Choose a year from ${FIRST_YEAR} on.`;
  const thisYear = now.getFullYear();
  const thisMonth = now.getMonth() + 1;
  if (parts.year > thisYear || (parts.year === thisYear && parts.month !== null && parts.month > thisMonth)) {
    return 'When it happened can’t be in the future. Choose an earlier month, or just the year.';
  }
  return null;
}
