// Quarters as the figures count them (`2026Q3` is July to September 2026), in UTC as the server
// counts. Figures are published only for quarters that have ended, some days after (the
// server's default, 14): a journey that wants figures shares stories dated in a quarter that
// ended long enough ago, such as two quarters before the one under way.

/** The server's default wait between a quarter's last day and its figures' publication. */
export const PUBLISH_AFTER_DAYS = 14;

const MONTHS = [
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

/** The quarter a day falls in, in UTC: `2026-11-23` → `2026Q4`. */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

function parts(quarter: string): { year: number; index: number } {
  const match = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  return { year: Number(match[1]), index: Number(match[2]) - 1 };
}

/** The quarter `count` quarters after `quarter` (before it, when negative). */
export function addQuarters(quarter: string, count: number): string {
  const { year, index } = parts(quarter);
  const at = year * 4 + index + count;
  return `${Math.floor(at / 4)}Q${(at % 4) + 1}`;
}

/** The quarter `back` quarters before the one `now` falls in: with 2 or more, long over and published. */
export function quarterBefore(back: number, now = new Date()): string {
  return addQuarters(quarterOf(now), -back);
}

/** The quarter's three months as stories' periods: `2026Q3` → 2026-07, 2026-08, 2026-09. */
export function monthsOf(quarter: string): [string, string, string] {
  const { year, index } = parts(quarter);
  const month = (m: number) => `${year}-${String(index * 3 + m).padStart(2, '0')}`;
  return [month(1), month(2), month(3)];
}

/**
 * The day a quarter's figures are first published, `YYYY-MM-DD`: `days` after it ends, counted
 * from the first day of the next quarter (`2026Q4`, 14 → 2027-01-15).
 */
export function publicationDay(quarter: string, days = PUBLISH_AFTER_DAYS): string {
  const { year, index } = parts(addQuarters(quarter, 1));
  return new Date(Date.UTC(year, index * 3, 1 + days)).toISOString().slice(0, 10);
}

/** The last quarter whose figures are published on the day `now` falls in; never the quarter under way. */
export function publishedThrough(now = new Date(), days = PUBLISH_AFTER_DAYS): string {
  const today = now.toISOString().slice(0, 10);
  let quarter = addQuarters(quarterOf(now), -1);
  while (publicationDay(quarter, days) > today) quarter = addQuarters(quarter, -1);
  return quarter;
}

/** `2026Q3` → "July to September 2026", as the pages name a quarter. */
export function quarterName(quarter: string): string {
  const { year, index } = parts(quarter);
  return `${MONTHS[index * 3]} to ${MONTHS[index * 3 + 2]} ${year}`;
}

/** `2027-01-14` → "14 January 2027", as the pages write a date. */
export function dateName(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
