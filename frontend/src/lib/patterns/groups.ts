// Tags grouped under their categories, in the vocabulary's order, for headings and lists.

import type { PatternCategory, PatternTag } from '../api';

export interface TagGroup<T = PatternTag> {
  category: PatternCategory;
  items: T[];
}

/**
 * `items` under their categories: categories in the order given, items in the order given
 * within each; empty categories left out, and items whose category is not given too.
 */
export function groupByCategory<T>(
  categories: readonly PatternCategory[],
  items: readonly T[],
  categoryOf: (item: T) => string,
): TagGroup<T>[] {
  const byCategory = new Map<string, T[]>(categories.map((category) => [category.id, []]));
  for (const item of items) byCategory.get(categoryOf(item))?.push(item);
  return categories
    .map((category) => ({ category, items: byCategory.get(category.id) ?? [] }))
    .filter((group) => group.items.length > 0);
}

/** Tags a person may choose for a story: every tag but retired ones, in the vocabulary's order. */
export function offeredTags(tags: readonly PatternTag[]): PatternTag[] {
  return tags.filter((tag) => !tag.retired);
}

/** Shared tags, which a forum's own tag can be said to mean the same as. */
export function sharedTags(tags: readonly PatternTag[]): PatternTag[] {
  return tags.filter((tag) => !tag.local && !tag.retired);
}

/** The tags, by id. */
export function tagsById(tags: readonly PatternTag[]): Map<string, PatternTag> {
  return new Map(tags.map((tag) => [tag.id, tag]));
}

/**
 * A tag id fit for the start of an HTML id: `local:transport-cancelled` becomes
 * `local_transport-cancelled` (a colon would need escaping in CSS selectors; slugs never
 * hold `_`, so two tags cannot end up the same).
 */
export function tagDomId(tagId: string): string {
  return tagId.replace(/[^A-Za-z0-9-]/g, '_');
}
