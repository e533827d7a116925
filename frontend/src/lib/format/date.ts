// Dates as people in England write them: "22 November 2026". The API sends calendar dates
// (YYYY-MM-DD, never times), so they are read and written in UTC to stay the same day.

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-11-22" → "22 November 2026"; anything that is not such a date comes back unchanged. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return isoDate;
  return LONG_DATE.format(date);
}

/**
 * The day of a moment the API sends as RFC 3339 (`2026-11-23T10:00:00Z` → "23 November 2026"),
 * as written there: admins see when something began, not to the minute.
 */
export function formatDay(timestamp: string): string {
  return formatDate(timestamp.slice(0, 10));
}
