// The forum's anonymised figures (issues 8 and 20): how many families shared a published story,
// counted with their consent, that showed each pattern, quarter by quarter. A family (a member)
// is counted once in a quarter however many stories they shared. Only quarters that have ended
// are published, some days after they end; the quarter under way never is. `GET /api/v1/stats`
// is public and reads only what the refresh job published. A figure that could identify a
// family comes back suppressed (`count: null`, `display: "hidden"`): the app shows it as
// hidden, never as 0.

import { request } from './client';
import { asFields, isCount, isDate, isString, parsed, parseList, type Fields } from './parse';
import { addQuarters, isQuarter, quarterLastDay, quartersBetween } from '../stats/quarters';

/** What the figures are narrowed to; every part is optional (the server's defaults in brackets). */
export interface StatsQuery {
  /** A GSS code (the forum's own area). */
  area?: string;
  /** First quarter, `YYYYQn` (`to` minus 7 quarters: two years in all). */
  from?: string;
  /** Last quarter, `YYYYQn` (the last one published, `published_through`); never after it. */
  to?: string;
  /** One tag id (all tags). */
  tag?: string;
  /** One category id (all categories). */
  category?: string;
}

/** One published figure. */
export interface Figure {
  /** Null when suppressed. */
  count: number | null;
  suppressed: boolean;
  /** "hidden" when suppressed; never a number then. */
  display: string;
  /** The share of the quarter's families, 0 to 1; null for the total, and when this figure or the total is hidden. */
  rate: number | null;
  /** The share's 95% (Wilson) interval; null exactly when `rate` is. */
  rate_low: number | null;
  rate_high: number | null;
  /** The threshold the figure was published under. */
  k: number;
  /** The quarter it counts, `YYYYQn`. */
  period: string;
  vocabulary_version: number;
  /** Set when the forum adds differential-privacy noise. */
  epsilon: number | null;
}

export interface CategoryFigure extends Figure {
  category: string;
  label: string;
}

export interface TagFigure extends Figure {
  tag: string;
  label: string;
  category: string;
}

/** One quarter's figures. */
export interface QuarterFigures {
  quarter: string;
  /** Every family who shared a counted story in the quarter. */
  total: Figure;
  /** In the vocabulary's order. */
  categories: CategoryFigure[];
  /** In the vocabulary's order, then the forum's own tags. */
  tags: TagFigure[];
}

/** What every figure counts: families (members who shared a counted story). */
export type StatsUnit = 'family';

/** `GET /api/v1/stats`. */
export interface Stats {
  area: { code: string; name: string };
  unit: StatsUnit;
  from: string;
  to: string;
  /** A figure is hidden when it counts fewer families than this, or could be used to work one out. */
  k: number;
  epsilon: number | null;
  vocabulary_version: number;
  /** YYYY-MM-DD; null when the figures have never been worked out (every figure is hidden then). */
  refreshed_on: string | null;
  /** The last quarter whose figures may be published today (the default `to`); null only before any quarter has ended. */
  published_through: string | null;
  /** The quarter published next: the one after `published_through`. */
  next_quarter: string;
  /** YYYY-MM-DD: the day from which `next_quarter`'s figures appear (`publish_after_days` after it ends). */
  next_publication: string;
  /** How many days after a quarter ends its figures appear. */
  publish_after_days: number;
  /** One per quarter from `from` to `to`, oldest first. */
  quarters: QuarterFigures[];
}

/** The figures for `query`. A query the server cannot use is `ApiError` `validation` (422). */
export async function fetchStats(query: StatsQuery = {}, signal?: AbortSignal): Promise<Stats> {
  const search = statsQuery(query);
  const path = search ? `/api/v1/stats?${search}` : '/api/v1/stats';
  return parsed(await request('GET', path, signal ? { signal } : {}), parseStats);
}

/** The query string for `query`, without the `?`: only the parts that are set. */
export function statsQuery(query: StatsQuery): string {
  const params = new URLSearchParams();
  const { area, from, to, tag, category } = query;
  if (area) params.set('area', area);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (tag) params.set('tag', tag);
  if (category) params.set('category', category);
  return params.toString();
}

// ---- Parsing the server's answer ----

const GSS_CODE = /^[EKNSW]\d{8}$/;

export function isText(value: unknown): value is string {
  return isString(value) && value.trim().length > 0;
}

function isShare(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

function isEpsilon(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value) && value > 0);
}

/**
 * One figure, or null if it breaks the contract: a hidden figure with a number in it, a shown
 * one without, or a share whose interval does not hold it.
 */
export function parseFigure(value: unknown): Figure | null {
  const v = asFields(value);
  if (!v || typeof v.suppressed !== 'boolean' || !isString(v.display)) return null;
  if (!isCount(v.k) || v.k < 1 || !isQuarter(v.period) || !isCount(v.vocabulary_version) || !isEpsilon(v.epsilon)) return null;
  if (v.suppressed) {
    if (v.count !== null || v.display !== 'hidden') return null;
  } else if (!isCount(v.count) || v.display === 'hidden') {
    return null;
  }
  const rate = parseRate(v);
  if (!rate) return null;
  if (v.suppressed && rate.rate !== null) return null;
  return {
    count: v.count,
    suppressed: v.suppressed,
    display: v.display,
    ...rate,
    k: v.k,
    period: v.period,
    vocabulary_version: v.vocabulary_version,
    epsilon: v.epsilon,
  };
}

/** How far apart a share and its interval's end may be and still count as the same (floating point). */
const SHARE_SLACK = 1e-9;

/** The share and its interval: all three null, or low ≤ share ≤ high, each from 0 to 1. */
export function parseRate(v: Fields): Pick<Figure, 'rate' | 'rate_low' | 'rate_high'> | null {
  if (v.rate === null && v.rate_low === null && v.rate_high === null) return { rate: null, rate_low: null, rate_high: null };
  if (!isShare(v.rate) || !isShare(v.rate_low) || !isShare(v.rate_high)) return null;
  // 10 of 10 is a share of 1 whose interval may end at 0.9999999999999999.
  if (v.rate_low > v.rate + SHARE_SLACK || v.rate > v.rate_high + SHARE_SLACK) return null;
  return { rate: v.rate, rate_low: v.rate_low, rate_high: v.rate_high };
}

export function parseCategoryFigure(value: unknown): CategoryFigure | null {
  const v = asFields(value);
  const figure = parseFigure(value);
  if (!v || !figure || !isText(v.category) || !isText(v.label)) return null;
  return { category: v.category, label: v.label, ...figure };
}

export function parseTagFigure(value: unknown): TagFigure | null {
  const v = asFields(value);
  const figure = parseFigure(value);
  if (!v || !figure || !isText(v.tag) || !isText(v.label) || !isText(v.category)) return null;
  return { tag: v.tag, label: v.label, category: v.category, ...figure };
}

/** One quarter: every figure in it is of that quarter, the total has no share, no id twice. */
export function parseQuarterFigures(value: unknown): QuarterFigures | null {
  const v = asFields(value);
  if (!v || !isQuarter(v.quarter)) return null;
  const total = parseFigure(v.total);
  const categories = parseList(v.categories, parseCategoryFigure);
  const tags = parseList(v.tags, parseTagFigure);
  if (!total || !categories || !tags || total.rate !== null) return null;
  // A share of a hidden total could give the total away.
  if (total.suppressed && [...categories, ...tags].some((figure) => figure.rate !== null)) return null;
  if (![total, ...categories, ...tags].every((figure) => figure.period === v.quarter)) return null;
  if (new Set(categories.map((c) => c.category)).size !== categories.length) return null;
  if (new Set(tags.map((t) => t.tag)).size !== tags.length) return null;
  return { quarter: v.quarter, total, categories, tags };
}

function idsOf(quarter: QuarterFigures): string {
  return JSON.stringify([quarter.categories.map((c) => c.category), quarter.tags.map((t) => t.tag)]);
}

/**
 * When the figures are published: the quarter published next is the one after the last one
 * published, and it appears only once it has ended. Null if that breaks the contract.
 */
function parsePublication(v: Fields): Pick<Stats, 'published_through' | 'next_quarter' | 'next_publication' | 'publish_after_days'> | null {
  const { published_through, next_quarter, next_publication, publish_after_days } = v;
  if (!(published_through === null || isQuarter(published_through)) || !isQuarter(next_quarter)) return null;
  if (!isDate(next_publication) || !isCount(publish_after_days)) return null;
  if (published_through !== null && addQuarters(published_through, 1) !== next_quarter) return null;
  // `YYYY-MM-DD` sorts as text in the order of time.
  if (next_publication <= (quarterLastDay(next_quarter) ?? '')) return null;
  return { published_through, next_quarter, next_publication, publish_after_days };
}

/**
 * The whole answer, or null if any part breaks the contract: another unit than families,
 * quarters missing, repeated or out of order, one after the last quarter published, or a
 * quarter that lists other categories or tags than the rest.
 */
export function parseStats(value: unknown): Stats | null {
  const v = asFields(value);
  const area = asFields(v?.area);
  if (!v || !area || !isString(area.code) || !GSS_CODE.test(area.code) || !isText(area.name)) return null;
  if (v.unit !== 'family' || !isQuarter(v.from) || !isQuarter(v.to)) return null;
  if (!isCount(v.k) || v.k < 1 || !isEpsilon(v.epsilon) || !isCount(v.vocabulary_version)) return null;
  if (!(v.refreshed_on === null || isDate(v.refreshed_on))) return null;
  const publication = parsePublication(v);
  // `YYYYQn` sorts as text in the order of time: nothing after the last quarter published.
  if (!publication || (publication.published_through !== null && v.to > publication.published_through)) return null;
  const quarters = parseList(v.quarters, parseQuarterFigures);
  if (!quarters) return null;
  const expected = quartersBetween(v.from, v.to);
  if (expected.length === 0 || quarters.length !== expected.length) return null;
  const ids = quarters[0] ? idsOf(quarters[0]) : '';
  for (const [i, quarter] of quarters.entries()) {
    if (quarter.quarter !== expected[i] || idsOf(quarter) !== ids) return null;
  }
  return {
    area: { code: area.code, name: area.name },
    unit: v.unit,
    from: v.from,
    to: v.to,
    k: v.k,
    epsilon: v.epsilon,
    vocabulary_version: v.vocabulary_version,
    refreshed_on: v.refreshed_on,
    ...publication,
    quarters,
  };
}
