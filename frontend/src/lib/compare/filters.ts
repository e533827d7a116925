// The comparison's filters and the address bar: a chosen comparison has an address of its own
// (`/compare?period=2026Q3&tag=bedroom-inspected&sort=rate`) that can be kept, shared or cited,
// and reloading it shows the same figures. The address's query is the API's query, checked
// here before it is sent anywhere; an order that is the sort's own default is left out.

import { compareQuery, COMPARE_SORTS, isGssCode, MAX_TREND_AREAS, SORT_ORDERS, type CompareQuery, type CompareSort, type SortOrder } from '../api/compare';
import { isQuarter } from '../stats/quarters';

/** What the page can be asked to show: the API's query without the trends' span (its default). */
export type CompareFilters = Omit<CompareQuery, 'from' | 'to' | 'areas'> & { areas?: string[] };

/** Shared tag ids and category ids are slugs. */
const SLUG = /^[a-z0-9-]{1,100}$/;

/** The order each sort takes unless asked otherwise: names A to Z, the biggest numbers first. */
export const DEFAULT_ORDER: Readonly<Record<CompareSort, SortOrder>> = { area: 'asc', families: 'desc', rate: 'desc' };

function isOneOf<T extends string>(choices: readonly T[], value: unknown): value is T {
  return choices.includes(value as T);
}

/** The filters in `search` (e.g. `?period=2026Q3&sort=rate`); anything malformed is left out. */
export function filtersFromSearch(search: string): CompareFilters {
  const params = new URLSearchParams(search);
  const filters: CompareFilters = {};
  const period = params.get('period');
  const tag = params.get('tag');
  const category = params.get('category');
  const sort = params.get('sort');
  const order = params.get('order');
  if (isQuarter(period)) filters.period = period;
  if (tag && SLUG.test(tag)) filters.tag = tag;
  if (category && SLUG.test(category)) filters.category = category;
  if (isOneOf(COMPARE_SORTS, sort)) filters.sort = sort;
  if (isOneOf(SORT_ORDERS, order) && order !== DEFAULT_ORDER[filters.sort ?? 'area']) filters.order = order;
  const areas = [...new Set((params.get('areas') ?? '').split(',').filter(isGssCode))].slice(0, MAX_TREND_AREAS);
  if (areas.length > 0) filters.areas = areas;
  return filters;
}

/** The address's query for `filters`: `?period=…` or '' for the page as it first opens. */
export function searchFromFilters(filters: CompareFilters): string {
  const { order, ...rest } = filters;
  const sort = filters.sort ?? 'area';
  const query = compareQuery(order && order !== DEFAULT_ORDER[sort] ? { ...rest, order } : rest);
  return query ? `?${query}` : '';
}

/** The page's address for `filters`. */
export function compareAddress(filters: CompareFilters): string {
  return `/compare${searchFromFilters(filters)}`;
}

/** What to ask the server, and what the evidence links carry, for `filters`. */
export function compareQueryFor(filters: CompareFilters): CompareQuery {
  return filtersFromSearch(searchFromFilters(filters));
}

/** The same filters, sorted by `sort` in `order`. */
export function withSort(filters: CompareFilters, sort: CompareSort, order: SortOrder): CompareFilters {
  const { order: _old, ...rest } = filters;
  return order === DEFAULT_ORDER[sort] ? { ...rest, sort } : { ...rest, sort, order };
}

/** The same filters, with the trends for `areas` (none: the server's choice). */
export function withAreas(filters: CompareFilters, areas: readonly string[]): CompareFilters {
  const { areas: _old, ...rest } = filters;
  const chosen = [...new Set(areas)].slice(0, MAX_TREND_AREAS);
  return chosen.length > 0 ? { ...rest, areas: chosen } : rest;
}

/** True when the page shows what it shows first. */
export function isUnfiltered(filters: CompareFilters): boolean {
  return searchFromFilters(filters) === '';
}
