import { expect, test } from 'vitest';
import { handleProblem, normaliseHandle } from './handle';

test('tidies what was typed', () => {
  expect(normaliseHandle('  Rowan_73 ')).toBe('rowan_73');
});

test('accepts 3 to 30 of a–z, 0–9 and _', () => {
  expect(handleProblem('abc')).toBeNull();
  expect(handleProblem('a'.repeat(30))).toBeNull();
  expect(handleProblem('tired_parent_2')).toBeNull();
});

test('says what is wrong otherwise', () => {
  expect(handleProblem('')).toBe('Enter a handle.');
  const rule = 'A handle is 3 to 30 characters: lowercase letters a to z, numbers 0 to 9 and _.';
  expect(handleProblem('ab')).toBe(rule);
  expect(handleProblem('a'.repeat(31))).toBe(rule);
  expect(handleProblem('rowan smith')).toBe(rule);
  expect(handleProblem('rowan-smith')).toBe(rule);
  expect(handleProblem('zoë')).toBe(rule);
});
