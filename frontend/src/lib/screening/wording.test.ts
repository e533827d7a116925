import { expect, test } from 'vitest';
import { applyLabel, changedSummary, foundSummary } from './wording';

test('the apply button counts the changes', () => {
  expect(applyLabel(1)).toBe('Apply 1 change');
  expect(applyLabel(2)).toBe('Apply 2 changes');
});

test('what a check found', () => {
  expect(foundSummary(0)).toBe('We found nothing that looks identifying.');
  expect(foundSummary(1)).toBe('We found 1 thing that could help someone recognise you or your child.');
  expect(foundSummary(4)).toBe('We found 4 things that could help someone recognise you or your child.');
});

test('what applying did', () => {
  expect(changedSummary(1)).toBe('We made 1 change to your story.');
  expect(changedSummary(3)).toBe('We made 3 changes to your story.');
});
