import { expect, test } from 'vitest';
import { formatDate, formatDay } from './date';

test('writes a date out in full, British style', () => {
  expect(formatDate('2026-11-22')).toBe('22 November 2026');
  expect(formatDate('2027-01-01')).toBe('1 January 2027');
  expect(formatDate('2028-02-29')).toBe('29 February 2028');
});

test('leaves anything else as it is', () => {
  expect(formatDate('2026-02-30')).toBe('2026-02-30');
  expect(formatDate('yesterday')).toBe('yesterday');
  expect(formatDate('2026-11-22T10:00:00Z')).toBe('2026-11-22T10:00:00Z');
});

test('a moment is shown as its day', () => {
  expect(formatDay('2026-11-23T10:00:00Z')).toBe('23 November 2026');
  expect(formatDay('2026-11-23T23:30:00+01:00')).toBe('23 November 2026');
});
