import { afterEach, describe, expect, test, vi } from 'vitest';
import { comparison, hidden, shown } from '../compare/test-comparison';
import { ApiError } from './client';
import { compareQuery, evidenceAddress, fetchComparison, parseCompareFigure, parseComparison } from './compare';
import { answer, problem, sent } from './fake-fetch';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a figure', () => {
  test('shown with its rate, shown without one (the families counted), or hidden', () => {
    expect(parseCompareFigure(shown('minutes-withheld', 12, 40))).toEqual(shown('minutes-withheld', 12, 40));
    expect(parseCompareFigure(shown(null, 40))).toEqual(shown(null, 40));
    expect(parseCompareFigure(hidden('bedroom-inspected', 5))).toEqual(hidden('bedroom-inspected', 5));
  });

  test('a hidden figure never carries a number', () => {
    expect(parseCompareFigure({ ...hidden('x'), count: 3 })).toBeNull();
    expect(parseCompareFigure({ ...hidden('x'), rate: 0.1, rate_low: 0, rate_high: 0.2 })).toBeNull();
    expect(parseCompareFigure({ ...hidden('x'), display: '' })).toBeNull();
  });

  test('a shown figure has a count, and its interval holds its rate', () => {
    expect(parseCompareFigure({ ...shown('x', 12, 40), count: null })).toBeNull();
    expect(parseCompareFigure({ ...shown('x', 12, 40), rate_low: 0.5 })).toBeNull();
    expect(parseCompareFigure({ ...shown('x', 12, 40), rate_high: null })).toBeNull();
    expect(parseCompareFigure({ ...shown('x', 12, 40), tag: 7 })).toBeNull();
  });
});

describe('the answer', () => {
  test('as the server sends it, and only the contract’s fields', () => {
    expect(parseComparison(comparison())).toEqual(comparison());
    expect(parseComparison({ ...comparison(), extra: true })).toEqual(comparison());
  });

  test('with no reports at all', () => {
    const empty = { ...comparison(), periods: [], shown_tag: null, k_values: [], columns: [], forums: [], rows: [], trends: [] };
    empty.map = empty.map.filter((area) => area.status === 'no_data');
    expect(parseComparison(empty)).toEqual(empty);
  });

  test('each row’s figures follow the columns', () => {
    const swapped = comparison();
    swapped.rows[0]!.figures.reverse();
    expect(parseComparison(swapped)).toBeNull();
    const short = comparison();
    short.rows[0]!.figures.pop();
    expect(parseComparison(short)).toBeNull();
  });

  test('each figure is from a forum the answer lists, in the quarter asked for', () => {
    const stranger = comparison();
    stranger.rows[1]!.forum = 'elsewhere.example';
    expect(parseComparison(stranger)).toBeNull();
    const late = comparison();
    late.rows[0]!.period = '2026Q4';
    expect(parseComparison(late)).toBeNull();
    const mapStranger = comparison();
    mapStranger.map[2]!.forum = 'elsewhere.example';
    expect(parseComparison(mapStranger)).toBeNull();
  });

  test('no rate beside a hidden number of families', () => {
    const leaky = comparison();
    leaky.rows[0]!.families = hidden(null);
    expect(parseComparison(leaky)).toBeNull();
  });

  test('each row says what it counts: families, or stories from an older forum', () => {
    const older = comparison();
    older.rows[1]!.unit = 'story';
    expect(parseComparison(older)).toEqual(older);
    for (const unit of ['stories', 'families', null]) {
      const wrong = comparison();
      (wrong.rows[1] as { unit: unknown }).unit = unit;
      expect(parseComparison(wrong), String(unit)).toBeNull();
    }
    const unsaid = comparison() as unknown as { rows: Record<string, unknown>[] };
    delete unsaid.rows[0]!.unit;
    expect(parseComparison(unsaid)).toBeNull();
  });

  test('the families are called families: a row with only `stories` breaks the contract', () => {
    const renamed = comparison() as unknown as { rows: Record<string, unknown>[] };
    renamed.rows[0]!.stories = renamed.rows[0]!.families;
    delete renamed.rows[0]!.families;
    expect(parseComparison(renamed)).toBeNull();
    const mapRenamed = comparison() as unknown as { map: Record<string, unknown>[] };
    mapRenamed.map[2]!.stories = mapRenamed.map[2]!.families;
    delete mapRenamed.map[2]!.families;
    expect(parseComparison(mapRenamed)).toBeNull();
  });

  test('a report of a quarter still under way is never shown', () => {
    const underWay = comparison();
    (underWay.rows[0] as { complete: unknown }).complete = false;
    expect(parseComparison(underWay)).toBeNull();
  });

  test('a map area’s figures agree with its status', () => {
    const noData = comparison();
    noData.map[0] = { ...noData.map[0]!, families: 3 };
    expect(parseComparison(noData)).toBeNull();
    const hiddenRate = comparison();
    hiddenRate.map[1] = { ...hiddenRate.map[1]!, rate: 0.2, rate_low: 0.1, rate_high: 0.3 };
    expect(parseComparison(hiddenRate)).toBeNull();
    const noRate = comparison();
    noRate.map[2] = { ...noRate.map[2]!, rate: null, rate_low: null, rate_high: null };
    expect(parseComparison(noRate)).toBeNull();
    const unknown = comparison();
    (unknown.map[2] as { status: string }).status = 'hidden';
    expect(parseComparison(unknown)).toBeNull();
    const twice = comparison();
    twice.map.push({ ...twice.map[0]! });
    expect(parseComparison(twice)).toBeNull();
  });

  test('a trend has one point per quarter from `from` to `to`, oldest first', () => {
    const reversed = comparison();
    reversed.trends[0]!.points.reverse();
    expect(parseComparison(reversed)).toBeNull();
    const longer = comparison();
    longer.from = '2026Q1';
    expect(parseComparison(longer)).toBeNull();
  });

  test('quarters, sorting and the forums are checked', () => {
    expect(parseComparison({ ...comparison(), period: '2026-09' })).toBeNull();
    expect(parseComparison({ ...comparison(), from: '2026Q4' })).toBeNull();
    expect(parseComparison({ ...comparison(), periods: ['2026Q3', '2026Q3'] })).toBeNull();
    expect(parseComparison({ ...comparison(), sort: 'name' })).toBeNull();
    expect(parseComparison({ ...comparison(), sort: 'stories' })).toBeNull();
    expect(parseComparison({ ...comparison(), sort: 'families', order: 'desc' })).toEqual({ ...comparison(), sort: 'families', order: 'desc' });
    expect(parseComparison({ ...comparison(), order: 'up' })).toBeNull();
    expect(parseComparison({ ...comparison(), k_values: [0] })).toBeNull();
    const link = comparison();
    link.forums[1]!.url = 'javascript:alert(1)';
    expect(parseComparison(link)).toBeNull();
    expect(parseComparison(null)).toBeNull();
  });
});

describe('asking for the comparison', () => {
  test('only the parts of the query that are set', () => {
    expect(compareQuery({})).toBe('');
    expect(compareQuery({ period: '2026Q3', tag: 'bedroom-inspected', areas: ['E08000025', 'E08000035'], sort: 'rate', order: 'asc' })).toBe(
      'period=2026Q3&tag=bedroom-inspected&areas=E08000025%2CE08000035&sort=rate&order=asc',
    );
    expect(compareQuery({ category: 'blame', from: '2025Q1', to: '2026Q3', areas: [] })).toBe('from=2025Q1&to=2026Q3&category=blame');
  });

  test('the evidence carries the same query', () => {
    expect(evidenceAddress('csv', {})).toBe('/api/v1/evidence.csv');
    expect(evidenceAddress('json', { period: '2026Q3', category: 'blame' })).toBe('/api/v1/evidence.json?period=2026Q3&category=blame');
  });

  test('fetchComparison asks the right path and reads the answer', async () => {
    const fetch = answer(Response.json(comparison()));
    await expect(fetchComparison({ period: '2026Q3', sort: 'families' })).resolves.toEqual(comparison());
    expect(sent(fetch)).toEqual({ path: '/api/v1/compare?period=2026Q3&sort=families', method: 'GET', body: undefined });
  });

  test('with no query, the bare path', async () => {
    const fetch = answer(Response.json(comparison()));
    await fetchComparison();
    expect(sent(fetch).path).toBe('/api/v1/compare');
  });

  test('a broken answer is an error, not a crash', async () => {
    answer(Response.json({ ...comparison(), rows: [{ area: 'Birmingham' }] }));
    const error = await fetchComparison().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('unexpected');
  });

  test('a query the server cannot use is a validation error', async () => {
    answer(problem(422, 'validation'));
    const error = await fetchComparison({ tag: 'no-such-tag' }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('validation');
  });
});
