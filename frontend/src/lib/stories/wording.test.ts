import { expect, test } from 'vitest';
import { excerptOf, titleOrUntitled } from './wording';

test('a short story is shown whole', () => {
  expect(excerptOf('  They came round.  ')).toBe('They came round.');
});

test('a long one is cut at a word', () => {
  expect(excerptOf('one two three four', 10)).toBe('one two…');
  expect(excerptOf('abcdefghijklmnop', 10)).toBe('abcdefghij…');
});

test('a draft without a title', () => {
  expect(titleOrUntitled(' ')).toBe('Untitled draft');
  expect(titleOrUntitled('Annual review')).toBe('Annual review');
});
