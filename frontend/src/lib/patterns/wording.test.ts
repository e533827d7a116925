import { expect, test } from 'vitest';
import { matchesSummary, suggestedSummary, tagCount } from './wording';

test('tags are counted properly', () => {
  expect(tagCount(0)).toBe('0 tags');
  expect(tagCount(1)).toBe('1 tag');
  expect(tagCount(2)).toBe('2 tags');
});

test('what suggesting found', () => {
  expect(suggestedSummary(0)).toBe('We didn’t find any tags that clearly fit your story.');
  expect(suggestedSummary(1)).toBe('We suggest 1 tag. Tick the ones that fit your story.');
  expect(suggestedSummary(3)).toBe('We suggest 3 tags. Tick the ones that fit your story.');
});

test('what a search found', () => {
  expect(matchesSummary(0, ' bus ')).toBe('No tags match “bus”. Try another word, or look through the tags by category.');
  expect(matchesSummary(1, 'minutes')).toBe('1 tag matches “minutes”.');
  expect(matchesSummary(4, 'the')).toBe('4 tags match “the”.');
});
