// The category and tag menus of the forms that narrow figures to one category or one tag (the
// patterns page, the comparison): choosing a category narrows the tags offered to its own.

import type { PatternCategory, PatternTag } from '../api';
import { groupByCategory } from './groups';

export interface MenuChoice {
  value: string;
  label: string;
}

export interface TagMenu {
  choices: MenuChoice[];
  /** Every tag under its category, when no category is chosen. */
  groups: { label: string; choices: MenuChoice[] }[];
}

/** "All categories", then each category. */
export function categoryMenu(categories: readonly PatternCategory[]): MenuChoice[] {
  return [{ value: '', label: 'All categories' }, ...categories.map((c) => ({ value: c.id, label: c.label }))];
}

/** With `category` chosen, "All tags in “…”" and its tags; otherwise "All tags" and every tag under its category. */
export function tagMenu(categories: readonly PatternCategory[], tags: readonly PatternTag[], category: string): TagMenu {
  const chosen = categories.find((c) => c.id === category) ?? null;
  if (chosen) {
    return {
      choices: [
        { value: '', label: `All tags in “${chosen.label}”` },
        ...tags.filter((t) => t.category === chosen.id).map((t) => ({ value: t.id, label: t.label })),
      ],
      groups: [],
    };
  }
  return {
    choices: [{ value: '', label: 'All tags' }],
    groups: groupByCategory(categories, tags, (t) => t.category).map((group) => ({
      label: group.category.label,
      choices: group.items.map((t) => ({ value: t.id, label: t.label })),
    })),
  };
}

/**
 * `tag`, or '' when it belongs to another category than `category`: a tag from another category
 * cannot be shown within this one, so choosing a category lets go of it.
 */
export function tagWithin(tags: readonly PatternTag[], tag: string, category: string): string {
  const own = tags.find((t) => t.id === tag)?.category;
  return category && tag && own !== undefined && own !== category ? '' : tag;
}
