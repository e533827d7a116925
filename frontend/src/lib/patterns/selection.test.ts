import { expect, test } from 'vitest';
import { setChosen } from './selection';

test('choosing adds a tag once, at the end; unchoosing takes it out', () => {
  expect(setChosen([], 'a', true)).toEqual(['a']);
  expect(setChosen(['a'], 'b', true)).toEqual(['a', 'b']);
  expect(setChosen(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
  expect(setChosen(['a', 'b'], 'a', false)).toEqual(['b']);
  expect(setChosen(['a'], 'c', false)).toEqual(['a']);
});

test('the list passed in is never changed', () => {
  const selected = ['a'];
  setChosen(selected, 'b', true);
  setChosen(selected, 'a', false);
  expect(selected).toEqual(['a']);
});
