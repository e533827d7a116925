// The patterns page's filters and the address bar: a chosen view has an address of its own
// (`/patterns?category=blame&years=4`) that can be kept or shared, and reloading it shows the
// same figures. What the address says is checked here before it is sent anywhere.

import type { StatsQuery } from '../api/stats';
import { addQuarters } from './quarters';

/** How many years back the page can look: the server allows 40 quarters at most. */
export const YEAR_SPANS = [1, 2, 4] as const;
export type YearSpan = (typeof YEAR_SPANS)[number];

/** Two years, the server's own default (8 quarters). */
export const DEFAULT_YEARS: YearSpan = 2;

/** How many days after a quarter ends the server publishes its figures, until it has said (its default). */
export const DEFAULT_PUBLISH_AFTER_DAYS = 14;

export interface PatternFilters {
  /** A category id: its tags become the series. */
  category?: string;
  /** A tag id: that tag alone is the series. */
  tag?: string;
  years: YearSpan;
}

/** Slugs and `local:` tags: nothing else belongs in these filters. */
const TOKEN = /^[A-Za-z0-9:_-]{1,100}$/;

function isYearSpan(value: number): value is YearSpan {
  return (YEAR_SPANS as readonly number[]).includes(value);
}

/** The filters in `search` (e.g. `?category=blame&years=4`); anything malformed is left out. */
export function filtersFromSearch(search: string): PatternFilters {
  const params = new URLSearchParams(search);
  const category = params.get('category');
  const tag = params.get('tag');
  const years = Number(params.get('years'));
  const filters: PatternFilters = { years: isYearSpan(years) ? years : DEFAULT_YEARS };
  if (category && TOKEN.test(category)) filters.category = category;
  if (tag && TOKEN.test(tag)) filters.tag = tag;
  return filters;
}

/** The address's query for `filters`: `?category=…` or '' for the page as it first opens. */
export function searchFromFilters(filters: PatternFilters): string {
  const params = new URLSearchParams();
  if (filters.category) params.set('category', filters.category);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.years !== DEFAULT_YEARS) params.set('years', String(filters.years));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** True when the page shows what it shows first: every category, over two years. */
export function isUnfiltered(filters: PatternFilters): boolean {
  return searchFromFilters(filters) === '';
}

/**
 * What to ask the server for `filters` in `area`. Only `from` is sent, never `to`: the server
 * ends at the last quarter it has published, and a `to` after it would be refused. So `from`
 * counts back from that quarter, `publishedThrough` (as the server last said, or as worked out
 * from today). Two years are the server's default, so nothing is sent for them.
 */
export function statsQueryFor(filters: PatternFilters, area: string, publishedThrough: string): StatsQuery {
  const query: StatsQuery = { area };
  if (filters.category) query.category = filters.category;
  if (filters.tag) query.tag = filters.tag;
  if (filters.years !== DEFAULT_YEARS) {
    const from = addQuarters(publishedThrough, 1 - filters.years * 4);
    if (from) query.from = from;
  }
  return query;
}
