import { expect, test } from 'vitest';
import { categoryMenu, tagMenu, tagWithin } from './filter-choices';
import { VOCABULARY } from './test-vocabulary';

const { categories: CATEGORIES, tags: TAGS } = VOCABULARY;

test('every category after “All categories”', () => {
  const menu = categoryMenu(CATEGORIES);
  expect(menu[0]).toEqual({ value: '', label: 'All categories' });
  expect(menu.slice(1).map((c) => c.value)).toEqual(CATEGORIES.map((c) => c.id));
});

test('no category: every tag, under its category', () => {
  const menu = tagMenu(CATEGORIES, TAGS, '');
  expect(menu.choices).toEqual([{ value: '', label: 'All tags' }]);
  expect(menu.groups.flatMap((g) => g.choices.map((c) => c.value)).sort()).toEqual(TAGS.map((t) => t.id).sort());
  expect(menu.groups[0]?.label).toBe(CATEGORIES.find((c) => c.id === TAGS[0]?.category)?.label);
});

test('a category: only its tags', () => {
  const category = CATEGORIES[0]!;
  const menu = tagMenu(CATEGORIES, TAGS, category.id);
  expect(menu.groups).toEqual([]);
  expect(menu.choices[0]).toEqual({ value: '', label: `All tags in “${category.label}”` });
  expect(menu.choices.slice(1).map((c) => c.value)).toEqual(TAGS.filter((t) => t.category === category.id).map((t) => t.id));
});

test('choosing a category lets go of a tag from another', () => {
  const tag = TAGS[0]!;
  const other = CATEGORIES.find((c) => c.id !== tag.category)!;
  expect(tagWithin(TAGS, tag.id, other.id)).toBe('');
  expect(tagWithin(TAGS, tag.id, tag.category)).toBe(tag.id);
  expect(tagWithin(TAGS, tag.id, '')).toBe(tag.id);
  expect(tagWithin(TAGS, 'not-yet-loaded', other.id)).toBe('not-yet-loaded');
});
