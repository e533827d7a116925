import { expect, test } from 'vitest';
import { ariaSort, orderWords, sortAfterPressing, sortButtonLabel } from './sorting';

test('pressing the sorted column turns the order round', () => {
  expect(sortAfterPressing({ sort: 'area', order: 'asc' }, 'area')).toEqual({ sort: 'area', order: 'desc' });
  expect(sortAfterPressing({ sort: 'rate', order: 'desc' }, 'rate')).toEqual({ sort: 'rate', order: 'asc' });
});

test('pressing another column sorts by it in its own order', () => {
  expect(sortAfterPressing({ sort: 'area', order: 'asc' }, 'families')).toEqual({ sort: 'families', order: 'desc' });
  expect(sortAfterPressing({ sort: 'rate', order: 'asc' }, 'area')).toEqual({ sort: 'area', order: 'asc' });
});

test('only the sorted column says how it is sorted', () => {
  expect(ariaSort({ sort: 'area', order: 'asc' }, 'area')).toBe('ascending');
  expect(ariaSort({ sort: 'families', order: 'desc' }, 'families')).toBe('descending');
  expect(ariaSort({ sort: 'families', order: 'desc' }, 'area')).toBeUndefined();
});

test('the words for an order and for what a button does', () => {
  expect(orderWords({ sort: 'area', order: 'asc' })).toBe('A to Z');
  expect(orderWords({ sort: 'rate', order: 'desc' })).toBe('highest first');
  expect(sortButtonLabel({ sort: 'area', order: 'asc' }, 'area')).toBe('sort Z to A');
  expect(sortButtonLabel({ sort: 'area', order: 'asc' }, 'families')).toBe('sort most first');
});
