// The feed's filters and the address bar: a filtered feed has an address of its own
// (`/stories?tag=bedroom-inspected&period=2025`) that can be kept or shared, and reloading it
// shows the same stories. Whose stories it shows is in the address too (`?source=partners`
// for the partner forums'). What the address says is checked here before it is sent anywhere.

import { feedQuery, type FeedFilters, type FeedSource } from '../api/stories';
import { FIRST_YEAR, isOneOf, SERVICES } from '../stories/options';
import { joinPeriod, splitPeriod } from '../stories/period';

/** The filters the feed page offers (no `limit`: the server's page size is used). */
export type FeedFilterFields = Omit<FeedFilters, 'limit'>;

/** The filters that narrow the feed: all but whose stories it shows. */
const NARROWING = ['tag', 'category', 'area', 'service', 'period'] as const;

const YEAR = /^\d{4}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;
const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;
/** Slugs, `local:` tags and GSS codes: nothing else belongs in these filters. */
const TOKEN = /^[A-Za-z0-9:_-]{1,100}$/;

/** The filters in `search` (e.g. `?tag=x&period=2025`); anything malformed is left out. */
export function filtersFromSearch(search: string, thisYear: number = new Date().getFullYear()): FeedFilterFields {
  const params = new URLSearchParams(search);
  const filters: FeedFilterFields = {};
  // This forum's own stories are the default, and are not written in the address.
  if (params.get('source') === 'partners') filters.source = 'partners';
  const tag = params.get('tag');
  const category = params.get('category');
  const area = params.get('area');
  const service = params.get('service');
  const period = params.get('period');
  if (tag && TOKEN.test(tag)) filters.tag = tag;
  if (category && TOKEN.test(category)) filters.category = category;
  if (area && TOKEN.test(area)) filters.area = area;
  if (isOneOf(SERVICES, service)) filters.service = service;
  const match = period ? PERIOD.exec(period) : null;
  if (period && match && Number(match[1]) >= FIRST_YEAR && Number(match[1]) <= thisYear) filters.period = period;
  return filters;
}

/** The address's query for `filters`: `?tag=…` or '' when nothing is filtered. */
export function searchFromFilters(filters: FeedFilterFields): string {
  const query = feedQuery(filters);
  return query ? `?${query}` : '';
}

/** The feed's address for `filters`: `/stories?source=partners&tag=…`. */
export function feedAddress(filters: FeedFilterFields): string {
  return `/stories${searchFromFilters(filters)}`;
}

/** How many filters narrow the feed (whose stories it shows is not one of them). */
export function filterCount(filters: FeedFilterFields): number {
  return NARROWING.filter((name) => Boolean(filters[name])).length;
}

/** True when no filter narrows the feed. */
export function isUnfiltered(filters: FeedFilterFields): boolean {
  return filterCount(filters) === 0;
}

/** Whose stories `filters` show: this forum's own unless the partners' are asked for. */
export function sourceOf(filters: FeedFilterFields): FeedSource {
  return filters.source ?? 'local';
}

/** The same filters, for `source`'s stories. */
export function withSource(filters: FeedFilterFields, source: FeedSource): FeedFilterFields {
  const { source: _current, ...narrowing } = filters;
  return source === 'partners' ? { source, ...narrowing } : narrowing;
}

/** Only whose stories `filters` show, without the filters that narrow them ("Clear the filters"). */
export function withoutFilters(filters: FeedFilterFields): FeedFilterFields {
  return withSource({}, sourceOf(filters));
}

/** A period from the form's year and month menus: '' (any time), `YYYY`, or `YYYY-MM`. */
export function periodFrom(year: string, month: string): string {
  if (!YEAR.test(year)) return '';
  return joinPeriod({ year: Number(year), month: MONTH.test(month) ? Number(month) : null });
}

/** The year and month menus' values (`2025`, `03`) for a period. */
export function periodParts(period: string | undefined): { year: string; month: string } {
  const parts = period ? splitPeriod(period) : null;
  if (!parts) return { year: '', month: '' };
  return { year: String(parts.year), month: parts.month === null ? '' : String(parts.month).padStart(2, '0') };
}
