import { expect, test } from 'vitest';
import {
  addQuarters,
  isQuarter,
  publishedThroughOn,
  quarterLastDay,
  quarterName,
  quarterOf,
  quartersBetween,
  shortQuarterName,
  splitQuarter,
} from './quarters';

test('a quarter as the API writes it', () => {
  expect(isQuarter('2025Q3')).toBe(true);
  expect(splitQuarter('2025Q3')).toEqual({ year: 2025, quarter: 3 });
  for (const wrong of ['2025Q0', '2025Q5', '2025-Q3', '25Q3', '2025q3', '2025Q3 ', '']) {
    expect(isQuarter(wrong)).toBe(false);
    expect(splitQuarter(wrong)).toBeNull();
  }
  expect(isQuarter(20253)).toBe(false);
});

test('the quarter a day falls in, in UTC', () => {
  expect(quarterOf(new Date('2026-11-23T12:00:00Z'))).toBe('2026Q4');
  expect(quarterOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026Q1');
  expect(quarterOf(new Date('2026-03-31T23:59:59Z'))).toBe('2026Q1');
  expect(quarterOf(new Date('2026-04-01T00:00:00Z'))).toBe('2026Q2');
  expect(quarterOf(new Date('2026-09-30T23:30:00-02:00'))).toBe('2026Q4');
});

test('counting quarters on and back, across years', () => {
  expect(addQuarters('2026Q4', -7)).toBe('2025Q1');
  expect(addQuarters('2026Q1', -1)).toBe('2025Q4');
  expect(addQuarters('2026Q4', 1)).toBe('2027Q1');
  expect(addQuarters('2026Q2', 0)).toBe('2026Q2');
  expect(addQuarters('2026Q4', -15)).toBe('2023Q1');
  expect(addQuarters('2026-10', 1)).toBeNull();
});

test('every quarter between two, both included', () => {
  expect(quartersBetween('2025Q3', '2026Q2')).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
  expect(quartersBetween('2026Q2', '2026Q2')).toEqual(['2026Q2']);
  expect(quartersBetween('2026Q2', '2026Q1')).toEqual([]);
  expect(quartersBetween('2026Q2', 'soon')).toEqual([]);
});

test('names people read', () => {
  expect(quarterName('2025Q1')).toBe('January to March 2025');
  expect(quarterName('2025Q3')).toBe('July to September 2025');
  expect(quarterName('2026Q4')).toBe('October to December 2026');
  expect(shortQuarterName('2025Q2')).toBe('Apr–Jun 2025');
  expect(shortQuarterName('2026Q4')).toBe('Oct–Dec 2026');
  expect(quarterName('later')).toBe('later');
});

test('the last day of a quarter', () => {
  expect(quarterLastDay('2026Q1')).toBe('2026-03-31');
  expect(quarterLastDay('2026Q2')).toBe('2026-06-30');
  expect(quarterLastDay('2026Q3')).toBe('2026-09-30');
  expect(quarterLastDay('2026Q4')).toBe('2026-12-31');
  expect(quarterLastDay('2026-12')).toBeNull();
});

test('the last quarter published on a day: each some days after it ends, never the quarter under way', () => {
  // October to December 2026 ends with 31 December; 14 days on is 15 January 2027 (as the server counts).
  expect(publishedThroughOn(new Date('2027-01-15T00:00:00Z'), 14)).toBe('2026Q4');
  expect(publishedThroughOn(new Date('2027-01-14T23:59:59Z'), 14)).toBe('2026Q3');
  expect(publishedThroughOn(new Date('2026-10-15T12:00:00Z'), 14)).toBe('2026Q3');
  expect(publishedThroughOn(new Date('2026-10-14T12:00:00Z'), 14)).toBe('2026Q2');
  expect(publishedThroughOn(new Date('2026-12-07T12:00:00Z'), 14)).toBe('2026Q3');
  // No wait: the day after the quarter ends; the quarter to date never.
  expect(publishedThroughOn(new Date('2027-01-01T00:00:00Z'), 0)).toBe('2026Q4');
  expect(publishedThroughOn(new Date('2026-12-31T23:59:59Z'), 0)).toBe('2026Q3');
  // 90 days: a quarter later still.
  expect(publishedThroughOn(new Date('2026-12-29T12:00:00Z'), 90)).toBe('2026Q2');
  expect(publishedThroughOn(new Date('2026-12-30T12:00:00Z'), 90)).toBe('2026Q3');
});
