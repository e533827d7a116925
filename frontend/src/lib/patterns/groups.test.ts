import { describe, expect, test } from 'vitest';
import { groupByCategory, offeredTags, sharedTags, tagDomId, tagsById } from './groups';
import { VOCABULARY } from './test-vocabulary';

const ids = (tags: readonly { id: string }[]) => tags.map((t) => t.id);

describe('grouping by category', () => {
  test('categories in the vocabulary’s order, tags in theirs, empty categories left out', () => {
    const { categories, tags } = VOCABULARY;
    const groups = groupByCategory(categories, [tags[2]!, tags[0]!, tags[4]!, tags[1]!], (t) => t.category);
    expect(groups.map((g) => [g.category.label, ids(g.items)])).toEqual([
      ['Meetings and communication', ['reports-at-meeting', 'no-minutes']],
      ['Blame and suspicion', ['bedroom-inspected']],
      ['Decisions and delays', ['local:transport-cancelled']],
    ]);
    expect(groupByCategory(categories, [tags[3]!], (t) => t.category).map((g) => g.category.id)).toEqual(['blame']);
    expect(groupByCategory(categories, [], (t: { category: string }) => t.category)).toEqual([]);
  });

  test('an item in a category that isn’t listed is left out', () => {
    const stray = { ...VOCABULARY.tags[0]!, category: 'weather' };
    expect(groupByCategory(VOCABULARY.categories, [stray], (t) => t.category)).toEqual([]);
  });
});

test('retired tags are never offered; shared tags are the ones a local tag can map to', () => {
  expect(ids(offeredTags(VOCABULARY.tags))).toEqual([
    'reports-at-meeting',
    'no-minutes',
    'bedroom-inspected',
    'parent-too-emotional',
    'local:transport-cancelled',
  ]);
  expect(ids(sharedTags(VOCABULARY.tags))).toEqual(['reports-at-meeting', 'no-minutes', 'bedroom-inspected', 'parent-too-emotional']);
  expect(tagsById(VOCABULARY.tags).get('bedroom-inspected')?.label).toBe('Bedroom inspected');
});

test('a tag id becomes part of an HTML id without a colon, and two tags never share one', () => {
  expect(tagDomId('bedroom-inspected')).toBe('bedroom-inspected');
  expect(tagDomId('local:transport-cancelled')).toBe('local_transport-cancelled');
  expect(tagDomId('local:transport-cancelled')).not.toBe(tagDomId('local-transport-cancelled'));
});
