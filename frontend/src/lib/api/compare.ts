// Comparing areas (issues 10 and 20): `GET /api/v1/compare` puts this forum's own pattern
// reports beside those its partner forums sent, one quarter at a time: a table of areas × tags,
// a map of England coloured by one tag's rate, and that tag's trend in a few areas. The
// evidence export (`/api/v1/evidence.csv`, `.json`) takes the same query. The figures are
// public (they are what the forum federates); a hidden one has no number in it at all. A
// figure counts families (members who shared a counted story), except in a report from an
// older forum that still counts stories: its row says so (`unit`). Only quarters that have
// ended are reported.

import { request } from './client';
import { asFields, isCount, isString, isTimestamp, parsed, parseList, type Fields } from './parse';
import { isText, parseRate, type Figure } from './stats';
import { isQuarter, quartersBetween } from '../stats/quarters';

/** What the table is sorted by: the area's name, its number of families, or the shown tag's rate. */
export type CompareSort = 'area' | 'families' | 'rate';
export type SortOrder = 'asc' | 'desc';
export const COMPARE_SORTS: readonly CompareSort[] = ['area', 'families', 'rate'];

/** What a report's figures count: families (members who shared a story), or, from an older forum, stories. */
export type CountUnit = 'family' | 'story';
const COUNT_UNITS: readonly CountUnit[] = ['family', 'story'];
export const SORT_ORDERS: readonly SortOrder[] = ['asc', 'desc'];

/** The server's most areas in the trends. */
export const MAX_TREND_AREAS = 10;

/** `rate`: a rate is shown; `suppressed`: a report covers the area but hides it; `no_data`: no report. */
export type AreaStatus = 'rate' | 'suppressed' | 'no_data';
const AREA_STATUSES: readonly AreaStatus[] = ['rate', 'suppressed', 'no_data'];

/** What to compare; every part is optional (the server's defaults in brackets). */
export interface CompareQuery {
  /** The quarter of the table and the map, `YYYYQn` (the newest any report covers). */
  period?: string;
  /** The trends' quarters (the 8 ending at `period`). */
  from?: string;
  to?: string;
  /** One shared tag: the table's only column, and the map's and trends' tag. */
  tag?: string;
  /** One category: its tags are the table's columns. */
  category?: string;
  /** GSS codes of the trends' areas, at most 10 (the 5 with the most families). */
  areas?: readonly string[];
  sort?: CompareSort;
  /** (`asc` for `area`, `desc` otherwise.) */
  order?: SortOrder;
}

export interface TagRef {
  id: string;
  label: string;
  category: string;
}

export interface CategoryRef {
  id: string;
  label: string;
}

/** A forum whose reports are shown: this one (`local`) or a partner. */
export interface CompareForum {
  domain: string;
  name: string;
  url: string;
  local: boolean;
}

/**
 * One figure of a report: the families who shared a story (`tag` null, no rate) or those whose
 * stories had one tag. As the patterns page's figures, but a hidden one reads "fewer than 10"
 * (10 being the report's k).
 */
export type CompareFigure = Pick<Figure, 'count' | 'suppressed' | 'rate' | 'rate_low' | 'rate_high'> & {
  tag: string | null;
  display: string;
};

/** One report in the table: an area's figures for the quarter, as one forum reported them. */
export interface CompareRow {
  area: string;
  area_name: string;
  region: string;
  period: string;
  /** True: the report is of a quarter that had ended; null: an older forum did not say. */
  complete: true | null;
  /** The reporting forum's domain (one of `forums`). */
  forum: string;
  report_id: string;
  k: number;
  vocabulary_version: number;
  epsilon: number | null;
  /** When the reporting forum worked it out, and when this forum received it. */
  updated_at: string;
  received_at: string;
  /** What this report's figures count: `story` only from an older forum, never to be shown as families. */
  unit: CountUnit;
  /** The families who shared a story (or, when `unit` is `story`, the stories counted). */
  families: CompareFigure;
  /** One per column, in the columns' order. */
  figures: CompareFigure[];
}

/** One English local authority on the map, for the shown tag in the quarter. */
export interface MapArea {
  area: string;
  name: string;
  region: string;
  /** Odd-r hex position; r grows northwards. */
  hex_q: number;
  hex_r: number;
  status: AreaStatus;
  rate: number | null;
  rate_low: number | null;
  rate_high: number | null;
  count: number | null;
  /** The families who shared a story (the rate's denominator). */
  families: number | null;
  forum: string | null;
  report_id: string | null;
  /** What the report counts; null where no report covers the area. */
  unit: CountUnit | null;
}

/** One quarter of an area's trend. */
export interface TrendPoint {
  period: string;
  forum: string | null;
  report_id: string | null;
  status: AreaStatus;
  count: number | null;
  families: number | null;
  rate: number | null;
  rate_low: number | null;
  rate_high: number | null;
  k: number | null;
  /** What the report counts; null where no report covers the area. */
  unit: CountUnit | null;
}

export interface TrendSeries {
  area: string;
  area_name: string;
  /** One per quarter from `from` to `to`, oldest first. */
  points: TrendPoint[];
}

/** `GET /api/v1/compare`. */
export interface Comparison {
  period: string;
  from: string;
  to: string;
  /** Every quarter any report covers, newest first. */
  periods: string[];
  /** The filters as asked, or null. */
  tag: string | null;
  category: string | null;
  /** The tag of the map and the trends; null only when there is no data. */
  shown_tag: TagRef | null;
  sort: CompareSort;
  order: SortOrder;
  /** The distinct thresholds of the reports shown. */
  k_values: number[];
  columns: TagRef[];
  categories: CategoryRef[];
  forums: CompareForum[];
  rows: CompareRow[];
  /** Every English area, in the areas file's order. */
  map: MapArea[];
  trends: TrendSeries[];
  /** A sentence on hidden figures, and a paragraph on how the figures are made. */
  suppression: string;
  method: string;
}

/** The comparison for `query`. A query the server cannot use is `ApiError` `validation` (422). */
export async function fetchComparison(query: CompareQuery = {}, signal?: AbortSignal): Promise<Comparison> {
  const search = compareQuery(query);
  return parsed(await request('GET', `/api/v1/compare${search ? `?${search}` : ''}`, signal ? { signal } : {}), parseComparison);
}

/** The evidence export's address for `query`: the same figures as the comparison, as CSV or JSON. */
export function evidenceAddress(format: 'csv' | 'json', query: CompareQuery): string {
  const search = compareQuery(query);
  return `/api/v1/evidence.${format}${search ? `?${search}` : ''}`;
}

/** The query string for `query`, without the `?`: only the parts that are set. */
export function compareQuery(query: CompareQuery): string {
  const params = new URLSearchParams();
  const { period, from, to, tag, category, areas, sort, order } = query;
  if (period) params.set('period', period);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (tag) params.set('tag', tag);
  if (category) params.set('category', category);
  if (areas && areas.length > 0) params.set('areas', areas.join(','));
  if (sort) params.set('sort', sort);
  if (order) params.set('order', order);
  return params.toString();
}

// ---- Parsing the server's answer ----

const GSS_CODE = /^E\d{8}$/;

export function isGssCode(value: unknown): value is string {
  return isString(value) && GSS_CODE.test(value);
}

function isOneOf<T extends string>(choices: readonly T[], value: unknown): value is T {
  return choices.includes(value as T);
}

function isNullable<T>(value: unknown, check: (value: unknown) => value is T): value is T | null {
  return value === null || check(value);
}

function isThreshold(value: unknown): value is number {
  return isCount(value) && value >= 1;
}

function isEpsilon(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export function parseTagRef(value: unknown): TagRef | null {
  const v = asFields(value);
  if (!v || !isText(v.id) || !isText(v.label) || !isText(v.category)) return null;
  return { id: v.id, label: v.label, category: v.category };
}

function parseCategoryRef(value: unknown): CategoryRef | null {
  const v = asFields(value);
  if (!v || !isText(v.id) || !isText(v.label)) return null;
  return { id: v.id, label: v.label };
}

function parseForum(value: unknown): CompareForum | null {
  const v = asFields(value);
  if (!v || !isText(v.domain) || !isText(v.name) || !isString(v.url) || typeof v.local !== 'boolean') return null;
  // Written by another forum: only ever a link to an http(s) page.
  if (!/^https?:\/\//.test(v.url)) return null;
  return { domain: v.domain, name: v.name, url: v.url, local: v.local };
}

/**
 * One figure, or null if it breaks the contract: a hidden one with a number in it, a shown one
 * without its count, a rate whose interval does not hold it.
 */
export function parseCompareFigure(value: unknown): CompareFigure | null {
  const v = asFields(value);
  if (!v || typeof v.suppressed !== 'boolean' || !isText(v.display) || !isNullable(v.tag, isText)) return null;
  const rate = parseRate(v);
  if (!rate) return null;
  if (!isNullable(v.count, isCount) || v.suppressed !== (v.count === null)) return null;
  if (v.suppressed && rate.rate !== null) return null;
  return { tag: v.tag, count: v.count, suppressed: v.suppressed, display: v.display, ...rate };
}

/** A row: its figures follow `columns`, its forum is one of `forums`, its quarter is `period`. */
export function parseCompareRow(value: unknown, columns: readonly TagRef[], domains: ReadonlySet<string>, period: string): CompareRow | null {
  const v = asFields(value);
  if (!v || !isGssCode(v.area) || !isText(v.area_name) || !isString(v.region) || v.period !== period) return null;
  // A report of a quarter under way is never received, so never shown.
  if (!isNullable(v.complete, (c): c is true => c === true)) return null;
  if (!isOneOf(COUNT_UNITS, v.unit)) return null;
  if (!isString(v.forum) || !domains.has(v.forum) || !isText(v.report_id)) return null;
  if (!isThreshold(v.k) || !isCount(v.vocabulary_version) || !isNullable(v.epsilon, isEpsilon)) return null;
  if (!isTimestamp(v.updated_at) || !isTimestamp(v.received_at)) return null;
  const families = parseCompareFigure(v.families);
  const figures = parseList(v.figures, parseCompareFigure);
  if (!families || families.tag !== null || families.rate !== null || !figures) return null;
  if (figures.length !== columns.length || figures.some((figure, i) => figure.tag !== columns[i]?.id)) return null;
  // A rate needs the families counted: none may be given beside a hidden total.
  if (families.suppressed && figures.some((figure) => figure.rate !== null)) return null;
  return {
    area: v.area,
    area_name: v.area_name,
    region: v.region,
    period,
    complete: v.complete,
    forum: v.forum,
    report_id: v.report_id,
    k: v.k,
    vocabulary_version: v.vocabulary_version,
    epsilon: v.epsilon,
    updated_at: v.updated_at,
    received_at: v.received_at,
    unit: v.unit,
    families,
    figures,
  };
}

/** The fields a map area and a trend point share: a status, and figures that agree with it. */
function parseStatusFigures(v: Fields, domains: ReadonlySet<string>) {
  if (!isOneOf(AREA_STATUSES, v.status) || !isNullable(v.count, isCount) || !isNullable(v.families, isCount)) return null;
  const rate = parseRate(v);
  if (!rate) return null;
  if (!isNullable(v.forum, isString) || !isNullable(v.report_id, isText)) return null;
  if (!isNullable(v.unit, (u): u is CountUnit => isOneOf(COUNT_UNITS, u))) return null;
  if (v.forum !== null && !domains.has(v.forum)) return null;
  const reported = v.forum !== null && v.report_id !== null && v.unit !== null;
  if (v.status === 'rate' && (rate.rate === null || !reported)) return null;
  if (v.status === 'suppressed' && (rate.rate !== null || !reported)) return null;
  if (
    v.status === 'no_data' &&
    (rate.rate !== null || v.count !== null || v.families !== null || v.forum !== null || v.report_id !== null || v.unit !== null)
  ) {
    return null;
  }
  return { status: v.status, count: v.count, families: v.families, forum: v.forum, report_id: v.report_id, unit: v.unit, ...rate };
}

export function parseMapArea(value: unknown, domains: ReadonlySet<string>): MapArea | null {
  const v = asFields(value);
  if (!v || !isGssCode(v.area) || !isText(v.name) || !isString(v.region)) return null;
  if (!Number.isInteger(v.hex_q) || !Number.isInteger(v.hex_r)) return null;
  const figures = parseStatusFigures(v, domains);
  if (!figures) return null;
  return { area: v.area, name: v.name, region: v.region, hex_q: v.hex_q as number, hex_r: v.hex_r as number, ...figures };
}

export function parseTrendSeries(value: unknown, quarters: readonly string[], domains: ReadonlySet<string>): TrendSeries | null {
  const v = asFields(value);
  if (!v || !isGssCode(v.area) || !isText(v.area_name)) return null;
  const points = parseList(v.points, (item) => {
    const p = asFields(item);
    if (!p || !isQuarter(p.period) || !isNullable(p.k, isThreshold)) return null;
    const figures = parseStatusFigures(p, domains);
    return figures ? { period: p.period, k: p.k, ...figures } : null;
  });
  if (!points || points.length !== quarters.length || points.some((point, i) => point.period !== quarters[i])) return null;
  return { area: v.area, area_name: v.area_name, points };
}

/**
 * The whole answer, or null if any part breaks the contract: quarters out of order, a row
 * whose figures do not follow the columns, a figure from a forum it does not list.
 */
export function parseComparison(value: unknown): Comparison | null {
  const v = asFields(value);
  if (!v || !isQuarter(v.period) || !isQuarter(v.from) || !isQuarter(v.to) || v.from > v.to) return null;
  const periods = parseList(v.periods, (p) => (isQuarter(p) ? p : null));
  if (!periods || new Set(periods).size !== periods.length) return null;
  if (!isNullable(v.tag, isText) || !isNullable(v.category, isText)) return null;
  const shownTag = v.shown_tag === null ? null : parseTagRef(v.shown_tag);
  if (v.shown_tag !== null && !shownTag) return null;
  if (!isOneOf(COMPARE_SORTS, v.sort) || !isOneOf(SORT_ORDERS, v.order)) return null;
  const kValues = parseList(v.k_values, (k) => (isThreshold(k) ? k : null));
  const columns = parseList(v.columns, parseTagRef);
  const categories = parseList(v.categories, parseCategoryRef);
  const forums = parseList(v.forums, parseForum);
  if (!kValues || !columns || !categories || !forums || !isString(v.suppression) || !isString(v.method)) return null;
  const domains = new Set(forums.map((forum) => forum.domain));
  const period = v.period;
  const rows = parseList(v.rows, (row) => parseCompareRow(row, columns, domains, period));
  const map = parseList(v.map, (area) => parseMapArea(area, domains));
  const quarters = quartersBetween(v.from, v.to);
  const trends = parseList(v.trends, (series) => parseTrendSeries(series, quarters, domains));
  if (!rows || !map || !trends) return null;
  if (new Set(map.map((area) => area.area)).size !== map.length) return null;
  return {
    period,
    from: v.from,
    to: v.to,
    periods,
    tag: v.tag,
    category: v.category,
    shown_tag: shownTag,
    sort: v.sort,
    order: v.order,
    k_values: kValues,
    columns,
    categories,
    forums,
    rows,
    map,
    trends,
    suppression: v.suppression,
    method: v.method,
  };
}
