import { describe, expect, test } from 'vitest';
import { draftOf, EMPTY_DRAFT, fieldInDetail, localTagFields, localTagProblems } from './local-tags';
import { VOCABULARY } from './test-vocabulary';

const GOOD = {
  label: 'Transport cancelled',
  definition: 'The child’s school transport was stopped at short notice.',
  category: 'decisions',
  same_as: '',
};

describe('checking a tag before it is sent', () => {
  test('a good draft has no problems', () => {
    expect(localTagProblems(GOOD)).toEqual([]);
  });

  test('everything missing is said, in the form’s order', () => {
    expect(localTagProblems(EMPTY_DRAFT)).toEqual([
      { field: 'label', message: 'Enter a name for the tag.' },
      { field: 'definition', message: 'Say what the tag means.' },
      { field: 'category', message: 'Choose a category.' },
    ]);
    expect(localTagProblems({ ...GOOD, label: '   ' })).toEqual([{ field: 'label', message: 'Enter a name for the tag.' }]);
  });

  test('a name is 3 to 60 characters, spaces around it not counted', () => {
    const tooShort = [{ field: 'label', message: 'A tag’s name must be 3 to 60 characters.' }];
    expect(localTagProblems({ ...GOOD, label: 'ab' })).toEqual(tooShort);
    expect(localTagProblems({ ...GOOD, label: '  ab  ' })).toEqual(tooShort);
    expect(localTagProblems({ ...GOOD, label: 'abc' })).toEqual([]);
    expect(localTagProblems({ ...GOOD, label: 'a'.repeat(60) })).toEqual([]);
    expect(localTagProblems({ ...GOOD, label: 'a'.repeat(61) })).toEqual(tooShort);
  });

  test('characters are counted as the server counts them, an emoji as one', () => {
    expect(localTagProblems({ ...GOOD, label: '🚌🚌🚌' })).toEqual([]);
    expect(localTagProblems({ ...GOOD, label: '🚌'.repeat(60) })).toEqual([]);
  });

  test('a definition is 10 to 300 characters', () => {
    const wrong = [{ field: 'definition', message: 'What the tag means must be 10 to 300 characters.' }];
    expect(localTagProblems({ ...GOOD, definition: 'a'.repeat(9) })).toEqual(wrong);
    expect(localTagProblems({ ...GOOD, definition: 'a'.repeat(10) })).toEqual([]);
    expect(localTagProblems({ ...GOOD, definition: 'a'.repeat(300) })).toEqual([]);
    expect(localTagProblems({ ...GOOD, definition: 'a'.repeat(301) })).toEqual(wrong);
  });
});

test('the request has text trimmed and "none" as null', () => {
  expect(localTagFields({ ...GOOD, label: '  Transport cancelled ' })).toEqual({
    label: 'Transport cancelled',
    definition: GOOD.definition,
    category: 'decisions',
    same_as: null,
  });
  expect(localTagFields({ ...GOOD, same_as: 'bedroom-inspected' }).same_as).toBe('bedroom-inspected');
});

test('a tag becomes a draft to edit, and back', () => {
  const tag = { ...VOCABULARY.tags[4]!, same_as: 'bedroom-inspected' };
  expect(draftOf(tag)).toEqual({ label: tag.label, definition: tag.definition, category: 'decisions', same_as: 'bedroom-inspected' });
  expect(draftOf(VOCABULARY.tags[4]!).same_as).toBe('');
  expect(localTagFields(draftOf(VOCABULARY.tags[4]!)).same_as).toBeNull();
});

test('the field a server’s validation detail is about', () => {
  expect(fieldInDetail('label must be 3 to 60 characters')).toBe('label');
  expect(fieldInDetail('The definition is too short')).toBe('definition');
  expect(fieldInDetail('unknown category “weather”')).toBe('category');
  expect(fieldInDetail('same_as must be a shared tag')).toBe('same_as');
  expect(fieldInDetail('unknown same_as tag; label ok')).toBe('same_as');
  expect(fieldInDetail('labels are nice')).toBeNull();
  expect(fieldInDetail('invalid JSON')).toBeNull();
  expect(fieldInDetail(undefined)).toBeNull();
});
