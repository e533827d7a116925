import { describe, expect, test } from 'vitest';
import { filtersFromSearch, isUnfiltered, periodFrom, periodParts, searchFromFilters } from './feed-filters';

describe('filters in the address', () => {
  test('read from the query, and written back the same', () => {
    const search = '?tag=bedroom-inspected&category=blame&area=E08000025&service=social-care&period=2025-03';
    const filters = filtersFromSearch(search, 2026);
    expect(filters).toEqual({
      tag: 'bedroom-inspected',
      category: 'blame',
      area: 'E08000025',
      service: 'social-care',
      period: '2025-03',
    });
    expect(searchFromFilters(filters)).toBe(search);
    expect(filtersFromSearch('?tag=local%3Atransport-cancelled', 2026)).toEqual({ tag: 'local:transport-cancelled' });
  });

  test('nothing set is no query at all', () => {
    expect(filtersFromSearch('', 2026)).toEqual({});
    expect(searchFromFilters({})).toBe('');
    expect(isUnfiltered({})).toBe(true);
    expect(isUnfiltered({ period: '2025' })).toBe(false);
  });

  test('what could not be a filter is left out, not sent', () => {
    expect(filtersFromSearch('?service=dentist&period=2025-13&tag=<b>&area=', 2026)).toEqual({});
    expect(filtersFromSearch('?period=1989', 2026)).toEqual({});
    expect(filtersFromSearch('?period=2027', 2026)).toEqual({});
    expect(filtersFromSearch('?period=2026', 2026)).toEqual({ period: '2026' });
    expect(filtersFromSearch('?cursor=abc&limit=5', 2026)).toEqual({});
  });
});

describe('the period menus', () => {
  test('a year, or a year and a month; a month alone is no period', () => {
    expect(periodFrom('2025', '')).toBe('2025');
    expect(periodFrom('2025', '03')).toBe('2025-03');
    expect(periodFrom('', '03')).toBe('');
    expect(periodParts('2025-03')).toEqual({ year: '2025', month: '03' });
    expect(periodParts('2025')).toEqual({ year: '2025', month: '' });
    expect(periodParts(undefined)).toEqual({ year: '', month: '' });
  });
});
