import { describe, expect, test } from 'vitest';
import { searchTags, tagMatches, wordsOf } from './search';
import { VOCABULARY } from './test-vocabulary';

const found = (query: string) => searchTags(VOCABULARY.tags, query).map((t) => t.id);

test('words are lower case, without accents or punctuation', () => {
  expect(wordsOf('Child’s bedroom, INSPECTED!')).toEqual(['child', 's', 'bedroom', 'inspected']);
  expect(wordsOf('Café  naïve')).toEqual(['cafe', 'naive']);
  expect(wordsOf('  …  ')).toEqual([]);
});

describe('searching the vocabulary', () => {
  test('finds words of the label, in any case', () => {
    expect(found('bedroom')).toEqual(['bedroom-inspected']);
    expect(found('BEDROOM')).toEqual(['bedroom-inspected']);
  });

  test('finds words of the definition too', () => {
    expect(found('minutes')).toEqual(['no-minutes']);
    expect(found('anxious')).toEqual(['parent-too-emotional']);
  });

  test('a word typed may be the start of a word', () => {
    expect(found('inspect')).toEqual(['bedroom-inspected']);
    expect(found('emot')).toEqual(['parent-too-emotional']);
  });

  test('but not the middle of one', () => {
    expect(found('room')).toEqual([]);
  });

  test('every word typed must be there, in any order, in label or definition', () => {
    expect(found('meeting')).toEqual(['reports-at-meeting', 'no-minutes']);
    expect(found('meeting reports')).toEqual(['reports-at-meeting']);
    expect(found('inspected concern')).toEqual(['bedroom-inspected']);
    expect(found('bedroom minutes')).toEqual([]);
  });

  test('a forum’s own tags are found; retired ones never', () => {
    expect(found('transport')).toEqual(['local:transport-cancelled']);
    expect(found('forms')).toEqual([]);
    expect(found('council')).toEqual([]);
  });

  test('nothing typed finds nothing', () => {
    expect(found('')).toEqual([]);
    expect(found('   ')).toEqual([]);
    expect(found('“…”')).toEqual([]);
  });

  test('in the vocabulary’s order', () => {
    expect(found('child')).toEqual(['bedroom-inspected', 'local:transport-cancelled']);
    expect(found('were')).toEqual(['reports-at-meeting', 'no-minutes', 'parent-too-emotional']);
  });
});

test('a tag matches when every query word starts one of its words', () => {
  const bedroom = VOCABULARY.tags[2]!;
  expect(tagMatches(bedroom, ['bed', 'child'])).toBe(true);
  expect(tagMatches(bedroom, ['bed', 'meeting'])).toBe(false);
  expect(tagMatches(bedroom, [])).toBe(true);
});
