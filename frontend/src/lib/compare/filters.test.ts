import { expect, test } from 'vitest';
import { compareAddress, compareQueryFor, filtersFromSearch, isUnfiltered, searchFromFilters, withAreas, withSort } from './filters';

test('the page as it first opens: the server’s choices', () => {
  expect(filtersFromSearch('')).toEqual({});
  expect(searchFromFilters({})).toBe('');
  expect(compareAddress({})).toBe('/compare');
  expect(isUnfiltered({})).toBe(true);
});

test('filters round-trip through the address', () => {
  const filters = { period: '2026Q3', tag: 'bedroom-inspected', category: 'blame', sort: 'rate' as const, order: 'asc' as const, areas: ['E08000025', 'E06000052'] };
  const search = searchFromFilters(filters);
  expect(search).toBe('?period=2026Q3&tag=bedroom-inspected&category=blame&areas=E08000025%2CE06000052&sort=rate&order=asc');
  expect(filtersFromSearch(search)).toEqual(filters);
  expect(isUnfiltered(filters)).toBe(false);
});

test('an order that is the sort’s own default is not written', () => {
  expect(searchFromFilters({ sort: 'families', order: 'desc' })).toBe('?sort=families');
  expect(searchFromFilters({ order: 'asc' })).toBe('');
  expect(searchFromFilters({ order: 'desc' })).toBe('?order=desc');
  expect(filtersFromSearch('?sort=rate&order=desc')).toEqual({ sort: 'rate' });
  expect(filtersFromSearch('?order=desc')).toEqual({ order: 'desc' });
});

test('anything malformed in the address is left out', () => {
  expect(filtersFromSearch('?period=2026-07&tag=<b>&category=Blame!&sort=name&order=up&areas=Birmingham')).toEqual({});
  // The old name of the families' sort, from an address kept before it changed.
  expect(filtersFromSearch('?sort=stories')).toEqual({});
  expect(filtersFromSearch('?tag=local%3Atransport')).toEqual({});
  expect(filtersFromSearch('?areas=E08000025,,nope,E08000025,E06000052')).toEqual({ areas: ['E08000025', 'E06000052'] });
});

test('at most ten areas for the trends', () => {
  const codes = Array.from({ length: 12 }, (_, i) => `E0800${String(i).padStart(4, '0')}`);
  expect(filtersFromSearch(`?areas=${codes.join(',')}`).areas).toEqual(codes.slice(0, 10));
  expect(withAreas({}, codes).areas).toHaveLength(10);
});

test('the API is asked what the address says', () => {
  expect(compareQueryFor({ period: '2026Q3', sort: 'families', order: 'desc', areas: ['E08000025'] })).toEqual({
    period: '2026Q3',
    sort: 'families',
    areas: ['E08000025'],
  });
});

test('sorting and choosing areas keep the other filters', () => {
  expect(withSort({ tag: 'outnumbered', order: 'asc' }, 'rate', 'desc')).toEqual({ tag: 'outnumbered', sort: 'rate' });
  expect(withSort({ tag: 'outnumbered' }, 'area', 'desc')).toEqual({ tag: 'outnumbered', sort: 'area', order: 'desc' });
  expect(withAreas({ period: '2026Q3', areas: ['E08000025'] }, [])).toEqual({ period: '2026Q3' });
  expect(withAreas({ period: '2026Q3' }, ['E06000052', 'E06000052'])).toEqual({ period: '2026Q3', areas: ['E06000052'] });
});
