import { describe, expect, test } from 'vitest';
import {
  feedAddress,
  filterCount,
  filtersFromSearch,
  isUnfiltered,
  periodFrom,
  periodParts,
  searchFromFilters,
  sourceOf,
  withoutFilters,
  withSource,
} from './feed-filters';

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

describe('whose stories', () => {
  test('the partner forums’ stories are in the address; this forum’s are the default', () => {
    const filters = filtersFromSearch('?source=partners&tag=bedroom-inspected', 2026);
    expect(filters).toEqual({ source: 'partners', tag: 'bedroom-inspected' });
    expect(sourceOf(filters)).toBe('partners');
    expect(feedAddress(filters)).toBe('/stories?source=partners&tag=bedroom-inspected');
    expect(filtersFromSearch('?source=local', 2026)).toEqual({});
    expect(filtersFromSearch('?source=everywhere', 2026)).toEqual({});
    expect(sourceOf({})).toBe('local');
  });

  test('is not a filter: choosing it keeps the filters, clearing them keeps it', () => {
    expect(isUnfiltered({ source: 'partners' })).toBe(true);
    expect(filterCount({ source: 'partners', tag: 'x', period: '2025' })).toBe(2);
    expect(withSource({ tag: 'x' }, 'partners')).toEqual({ source: 'partners', tag: 'x' });
    expect(withSource({ source: 'partners', tag: 'x' }, 'local')).toEqual({ tag: 'x' });
    expect(feedAddress(withoutFilters({ source: 'partners', tag: 'x' }))).toBe('/stories?source=partners');
    expect(feedAddress(withoutFilters({ tag: 'x' }))).toBe('/stories');
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
