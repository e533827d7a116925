// Finding tags by what a person types: every word typed must start a word of the tag's label
// or definition, in any case and with or without accents ("inspect" finds "Bedroom inspected",
// "minutes" finds a definition that mentions minutes). Retired tags are never offered.

import type { PatternTag } from '../api';
import { offeredTags } from './groups';

/**
 * The words of `text`, in lower case without accents: "Child’s bedroom, inspected" gives
 * ["child", "s", "bedroom", "inspected"].
 */
export function wordsOf(text: string): string[] {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return plain.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when every word of `query` starts a word of the tag's label or definition. */
export function tagMatches(tag: PatternTag, queryWords: readonly string[]): boolean {
  const words = wordsOf(`${tag.label} ${tag.definition}`);
  return queryWords.every((typed) => words.some((word) => word.startsWith(typed)));
}

/**
 * The tags that match what was typed, in the vocabulary's order, retired ones never;
 * nothing at all when nothing (or only spaces and punctuation) was typed.
 */
export function searchTags(tags: readonly PatternTag[], query: string): PatternTag[] {
  const queryWords = wordsOf(query);
  if (queryWords.length === 0) return [];
  return offeredTags(tags).filter((tag) => tagMatches(tag, queryWords));
}
