import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from './client';
import { fetchStats, parseFigure, parseQuarterFigures, parseStats, statsQuery } from './stats';

const SHOWN = {
  count: 12,
  suppressed: false,
  display: '12',
  rate: 0.48,
  rate_low: 0.3,
  rate_high: 0.67,
  k: 10,
  period: '2026Q3',
  vocabulary_version: 1,
  epsilon: null,
};
const HIDDEN = { ...SHOWN, count: null, suppressed: true, display: 'hidden', rate: null, rate_low: null, rate_high: null };
const TOTAL = { ...SHOWN, count: 25, display: '25', rate: null, rate_low: null, rate_high: null };

function quarter(period: string) {
  return {
    quarter: period,
    total: { ...TOTAL, period },
    categories: [
      { category: 'meetings', label: 'Meetings and communication', ...SHOWN, period },
      { category: 'blame', label: 'Parent blame and safeguarding', ...HIDDEN, period },
    ],
    tags: [{ tag: 'minutes-withheld', label: 'Minutes kept from me', category: 'meetings', ...SHOWN, period }],
  };
}

// As answered on 15 January 2027, the day October to December 2026 is published (14 days after it ends).
const STATS = {
  area: { code: 'E08000025', name: 'Birmingham' },
  unit: 'family',
  from: '2026Q2',
  to: '2026Q4',
  k: 10,
  epsilon: null,
  vocabulary_version: 1,
  refreshed_on: '2027-01-15',
  published_through: '2026Q4',
  next_quarter: '2027Q1',
  next_publication: '2027-04-15',
  publish_after_days: 14,
  quarters: [quarter('2026Q2'), quarter('2026Q3'), quarter('2026Q4')],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a figure', () => {
  test('shown, with its share, or hidden, as the server sends it', () => {
    expect(parseFigure(SHOWN)).toEqual(SHOWN);
    expect(parseFigure(HIDDEN)).toEqual(HIDDEN);
    expect(parseFigure(TOTAL)).toEqual(TOTAL);
    expect(parseFigure({ ...SHOWN, epsilon: 0.5 })?.epsilon).toBe(0.5);
  });

  test('only the fields of the contract are kept', () => {
    expect(parseFigure({ ...SHOWN, why: 'below k' })).toEqual(SHOWN);
  });

  test('a hidden figure never carries a number', () => {
    expect(parseFigure({ ...HIDDEN, count: 0 })).toBeNull();
    expect(parseFigure({ ...HIDDEN, display: '3' })).toBeNull();
    expect(parseFigure({ ...HIDDEN, rate: 0.1, rate_low: 0, rate_high: 0.2 })).toBeNull();
  });

  test('a shown figure has a count, and is not called hidden', () => {
    expect(parseFigure({ ...SHOWN, count: null })).toBeNull();
    expect(parseFigure({ ...SHOWN, count: -1 })).toBeNull();
    expect(parseFigure({ ...SHOWN, count: 1.5 })).toBeNull();
    expect(parseFigure({ ...SHOWN, display: 'hidden' })).toBeNull();
    expect(parseFigure({ ...SHOWN, suppressed: 'no' })).toBeNull();
  });

  test('a share comes with its interval, and the interval holds it', () => {
    expect(parseFigure({ ...SHOWN, rate_low: null })).toBeNull();
    expect(parseFigure({ ...SHOWN, rate: null })).toBeNull();
    expect(parseFigure({ ...SHOWN, rate_low: 0.5 })).toBeNull();
    expect(parseFigure({ ...SHOWN, rate: 1.2, rate_high: 1.3 })).toBeNull();
    expect(parseFigure({ ...SHOWN, rate: '48%' })).toBeNull();
    // Floating point: 10 of 10 is a share of 1 whose interval may end a hair below it.
    const all = { ...SHOWN, count: 10, display: '10', rate: 1, rate_low: 0.7225, rate_high: 0.9999999999999999 };
    expect(parseFigure(all)).toEqual(all);
    const none = { ...SHOWN, count: 0, display: '0', rate: 0, rate_low: 1e-17, rate_high: 0.2775 };
    expect(parseFigure(none)).toEqual(none);
  });

  test('k, the quarter, the vocabulary and the noise are checked', () => {
    expect(parseFigure({ ...SHOWN, k: 0 })).toBeNull();
    expect(parseFigure({ ...SHOWN, period: '2026-09' })).toBeNull();
    expect(parseFigure({ ...SHOWN, vocabulary_version: '1' })).toBeNull();
    expect(parseFigure({ ...SHOWN, epsilon: 0 })).toBeNull();
    expect(parseFigure({ ...SHOWN, epsilon: 'none' })).toBeNull();
  });
});

describe('a quarter', () => {
  test('its total, categories and tags', () => {
    expect(parseQuarterFigures(quarter('2026Q3'))).toEqual(quarter('2026Q3'));
    // A quarter is never "complete" or not: every quarter published has ended.
    expect(parseQuarterFigures({ ...quarter('2026Q3'), complete: false })).toEqual(quarter('2026Q3'));
  });

  test('every figure in it is of that quarter', () => {
    const wrong = quarter('2026Q3');
    wrong.tags[0] = { ...wrong.tags[0]!, period: '2026Q2' };
    expect(parseQuarterFigures(wrong)).toBeNull();
  });

  test('the total has no share, and no share is given of a hidden total', () => {
    expect(parseQuarterFigures({ ...quarter('2026Q3'), total: { ...SHOWN, period: '2026Q3' } })).toBeNull();
    expect(parseQuarterFigures({ ...quarter('2026Q3'), total: { ...HIDDEN, period: '2026Q3' } })).toBeNull();
    const hidden = { ...HIDDEN, period: '2026Q3' };
    const allHidden = {
      ...quarter('2026Q3'),
      total: hidden,
      categories: [{ category: 'meetings', label: 'Meetings and communication', ...hidden }],
      tags: [{ tag: 'minutes-withheld', label: 'Minutes kept from me', category: 'meetings', ...hidden }],
    };
    expect(parseQuarterFigures(allHidden)).toEqual(allHidden);
  });

  test('no category or tag twice', () => {
    const twice = quarter('2026Q3');
    twice.categories[1] = { ...twice.categories[0]! };
    expect(parseQuarterFigures(twice)).toBeNull();
    const tagTwice = quarter('2026Q3');
    tagTwice.tags.push({ ...tagTwice.tags[0]! });
    expect(parseQuarterFigures(tagTwice)).toBeNull();
  });
});

describe('the answer', () => {
  test('as the server sends it', () => {
    expect(parseStats(STATS)).toEqual(STATS);
  });

  test('figures not worked out yet: every figure hidden, refreshed_on null', () => {
    const hidden = (period: string) => ({
      quarter: period,
      total: { ...HIDDEN, period },
      categories: [{ category: 'meetings', label: 'Meetings and communication', ...HIDDEN, period }],
      tags: [],
    });
    const never = { ...STATS, refreshed_on: null, quarters: [hidden('2026Q2'), hidden('2026Q3'), hidden('2026Q4')] };
    expect(parseStats(never)).toEqual(never);
  });

  test('one quarter each, oldest first, from `from` to `to`', () => {
    expect(parseStats({ ...STATS, quarters: STATS.quarters.slice(1) })).toBeNull();
    expect(parseStats({ ...STATS, quarters: [...STATS.quarters].reverse() })).toBeNull();
    expect(parseStats({ ...STATS, quarters: [quarter('2026Q2'), quarter('2026Q2'), quarter('2026Q4')] })).toBeNull();
    expect(parseStats({ ...STATS, from: '2026Q4', to: '2026Q2' })).toBeNull();
    expect(parseStats({ ...STATS, from: '2026-04' })).toBeNull();
  });

  test('every figure counts families', () => {
    expect(parseStats({ ...STATS, unit: 'story' })).toBeNull();
    const { unit: _unit, ...noUnit } = STATS;
    expect(parseStats(noUnit)).toBeNull();
  });

  test('only quarters that have ended and been published: none after `published_through`', () => {
    // A range that ends before the last quarter published.
    const past = { ...STATS, to: '2026Q3', quarters: [quarter('2026Q2'), quarter('2026Q3')] };
    expect(parseStats(past)).toEqual(past);
    // The quarter under way, or one not published yet, is never in the answer.
    expect(parseStats({ ...STATS, published_through: '2026Q3', next_quarter: '2026Q4', next_publication: '2027-01-15' })).toBeNull();
    // Before any quarter has ended, nothing is published.
    const none = { ...STATS, published_through: null };
    expect(parseStats(none)).toEqual(none);
  });

  test('when the next quarter is published: the one after the last, once it has ended', () => {
    expect(parseStats({ ...STATS, next_quarter: '2027Q2' })).toBeNull();
    expect(parseStats({ ...STATS, next_quarter: '2027-03' })).toBeNull();
    expect(parseStats({ ...STATS, next_publication: '15 April 2027' })).toBeNull();
    // Its last day, or before: the quarter would be published while under way.
    expect(parseStats({ ...STATS, next_publication: '2027-03-31' })).toBeNull();
    expect(parseStats({ ...STATS, next_publication: '2027-02-01' })).toBeNull();
    const atOnce = { ...STATS, next_publication: '2027-04-01', publish_after_days: 0 };
    expect(parseStats(atOnce)).toEqual(atOnce);
    expect(parseStats({ ...STATS, publish_after_days: -1 })).toBeNull();
    expect(parseStats({ ...STATS, publish_after_days: '14' })).toBeNull();
    const { next_publication: _next, ...noDate } = STATS;
    expect(parseStats(noDate)).toBeNull();
  });

  test('the quarter to date is no part of the answer', () => {
    expect(parseStats({ ...STATS, quarter_to_date: '2027Q1' })).toEqual(STATS);
  });

  test('every quarter lists the same categories and tags', () => {
    const fewer = quarter('2026Q3');
    fewer.tags = [];
    expect(parseStats({ ...STATS, quarters: [quarter('2026Q2'), fewer, quarter('2026Q4')] })).toBeNull();
  });

  test('the area, k, noise and date are checked', () => {
    expect(parseStats({ ...STATS, area: { code: 'Birmingham', name: 'Birmingham' } })).toBeNull();
    expect(parseStats({ ...STATS, area: null })).toBeNull();
    expect(parseStats({ ...STATS, k: 0 })).toBeNull();
    expect(parseStats({ ...STATS, epsilon: -1 })).toBeNull();
    expect(parseStats({ ...STATS, refreshed_on: '23 November 2026' })).toBeNull();
    expect(parseStats({ ...STATS, quarters: null })).toBeNull();
    expect(parseStats(null)).toBeNull();
  });
});

describe('asking for the figures', () => {
  test('only the parts of the query that are set', () => {
    expect(statsQuery({})).toBe('');
    expect(statsQuery({ area: 'E08000025', from: '2023Q1', tag: 'local:transport-cancelled' })).toBe(
      'area=E08000025&from=2023Q1&tag=local%3Atransport-cancelled',
    );
    expect(statsQuery({ category: 'blame', to: '2026Q4' })).toBe('to=2026Q4&category=blame');
  });

  test('fetchStats asks the right path and reads the answer', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => Response.json(STATS));
    vi.stubGlobal('fetch', fetch);
    await expect(fetchStats({ area: 'E08000025', category: 'meetings' })).resolves.toEqual(STATS);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/stats?area=E08000025&category=meetings');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('GET');
    await fetchStats();
    expect(fetch.mock.calls[1]?.[0]).toBe('/api/v1/stats');
  });

  test('a broken answer is an error, not a crash', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ ...STATS, quarters: [{ quarter: '2026Q2' }] }));
    const error = await fetchStats().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('unexpected');
  });

  test('a query the server cannot use is a validation error', async () => {
    const body = { type: 'about:blank', title: 'validation', status: 422, code: 'validation' };
    vi.stubGlobal(
      'fetch',
      async () => new Response(JSON.stringify(body), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const error = await fetchStats({ tag: 'no-such-tag' }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('validation');
  });
});
