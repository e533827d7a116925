import { expect, test } from 'vitest';
import { currentPeriod, formatPeriod, joinPeriod, periodProblem, splitPeriod, yearChoices } from './period';

const NOV_2026 = new Date(2026, 10, 23, 12);

test('this month', () => {
  expect(currentPeriod(NOV_2026)).toBe('2026-11');
  expect(currentPeriod(new Date(2027, 0, 1, 0, 5))).toBe('2027-01');
});

test('taking a period apart and back', () => {
  expect(splitPeriod('2025-03')).toEqual({ year: 2025, month: 3 });
  expect(splitPeriod('2025')).toEqual({ year: 2025, month: null });
  expect(splitPeriod('2025-13')).toBeNull();
  expect(splitPeriod('2025-03-01')).toBeNull();
  expect(joinPeriod({ year: 2025, month: 3 })).toBe('2025-03');
  expect(joinPeriod({ year: 2025, month: null })).toBe('2025');
});

test('in words', () => {
  expect(formatPeriod('2025-03')).toBe('March 2025');
  expect(formatPeriod('2025')).toBe('2025');
  expect(formatPeriod('soon')).toBe('soon');
});

test('years offered run from this year back to 1990', () => {
  const years = yearChoices(NOV_2026);
  expect(years[0]).toBe(2026);
  expect(years.at(-1)).toBe(1990);
  expect(years).toHaveLength(37);
});

test('never in the future, never before 1990', () => {
  expect(periodProblem({ year: 2026, month: 11 }, NOV_2026)).toBeNull();
  expect(periodProblem({ year: 2026, month: null }, NOV_2026)).toBeNull();
  expect(periodProblem({ year: 2026, month: 12 }, NOV_2026)).toMatch(/can’t be in the future/);
  expect(periodProblem({ year: 2027, month: null }, NOV_2026)).toMatch(/can’t be in the future/);
  expect(periodProblem({ year: 1989, month: 5 }, NOV_2026)).toBe('Choose a year from 1990 on.');
});
