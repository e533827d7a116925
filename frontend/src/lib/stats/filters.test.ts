import { expect, test } from 'vitest';
import { filtersFromSearch, isUnfiltered, searchFromFilters, statsQueryFor } from './filters';

/** The last quarter published on 23 November 2026. */
const THROUGH = '2026Q3';

test('the page as it first opens: every category, two years', () => {
  expect(filtersFromSearch('')).toEqual({ years: 2 });
  expect(searchFromFilters({ years: 2 })).toBe('');
  expect(isUnfiltered(filtersFromSearch(''))).toBe(true);
});

test('filters round-trip through the address', () => {
  const filters = { category: 'blame', tag: 'local:transport-cancelled', years: 4 as const };
  const search = searchFromFilters(filters);
  expect(search).toBe('?category=blame&tag=local%3Atransport-cancelled&years=4');
  expect(filtersFromSearch(search)).toEqual(filters);
  expect(isUnfiltered(filters)).toBe(false);
  expect(filtersFromSearch('?years=1')).toEqual({ years: 1 });
});

test('anything malformed in the address is left out', () => {
  expect(filtersFromSearch('?years=3')).toEqual({ years: 2 });
  expect(filtersFromSearch('?years=four')).toEqual({ years: 2 });
  expect(filtersFromSearch('?category=<script>&tag=a%20b')).toEqual({ years: 2 });
  expect(filtersFromSearch(`?tag=${'a'.repeat(101)}`)).toEqual({ years: 2 });
  expect(filtersFromSearch('?category=&tag=')).toEqual({ years: 2 });
});

test('what the server is asked: the area always, `from` only for other spans than two years', () => {
  expect(statsQueryFor({ years: 2 }, 'E08000025', THROUGH)).toEqual({ area: 'E08000025' });
  expect(statsQueryFor({ category: 'blame', tag: 'bedroom-inspected', years: 2 }, 'E08000025', THROUGH)).toEqual({
    area: 'E08000025',
    category: 'blame',
    tag: 'bedroom-inspected',
  });
  // Four years up to July to September 2026, the last quarter published: 16 quarters, from October to December 2022.
  expect(statsQueryFor({ years: 4 }, 'E08000025', THROUGH)).toEqual({ area: 'E08000025', from: '2022Q4' });
  expect(statsQueryFor({ years: 1 }, 'E08000025', THROUGH)).toEqual({ area: 'E08000025', from: '2025Q4' });
  expect(statsQueryFor({ years: 1 }, 'E08000025', '2026Q4')).toEqual({ area: 'E08000025', from: '2026Q1' });
});
