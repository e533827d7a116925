// The server's suggestions, made ready to show: each with its tag, the words that suggested
// it as a quotation, and how well it fits in words, grouped under their categories.
// The server counts offsets in Unicode code points; JavaScript strings count UTF-16 units, in
// which an emoji such as 👍 is two. So the text is cut as an array of code points.

import type { PatternTag, TagSuggestion, Vocabulary } from '../api';
import { groupByCategory, tagsById, type TagGroup } from './groups';

/** At and above this score a suggestion is a "strong match"; below, a "possible match". */
export const STRONG_MATCH_FROM = 0.75;

/** Why a tag was suggested, fit to show. */
export interface Evidence {
  /** The words that suggested it, quoted: “…told me I was too emotional…”. */
  quote: string;
  /** "strong match" or "possible match": never a raw number. */
  strength: string;
}

export interface Suggested {
  tag: PatternTag;
  evidence: Evidence;
}

/** How well a suggestion fits, in words. */
export function matchStrength(score: number): string {
  return score >= STRONG_MATCH_FROM ? 'strong match' : 'possible match';
}

/**
 * The evidence in curly quotes, with "…" where the text goes on before or after it. When the
 * offsets do not fit the text (it has changed since), the evidence is quoted as an extract.
 */
export function quoteEvidence(text: string, suggestion: TagSuggestion): string {
  const points = Array.from(text);
  const { start, end, evidence } = suggestion;
  const fits = end <= points.length && points.slice(start, end).join('') === evidence;
  const before = !fits || points.slice(0, start).join('').trim() !== '' ? '…' : '';
  const after = !fits || points.slice(end).join('').trim() !== '' ? '…' : '';
  return `“${before}${evidence.trim()}${after}”`;
}

/**
 * Suggestions for `text` under their categories (in the vocabulary's order), best first within
 * each. A tag suggested twice is shown once, for its best evidence; a tag the vocabulary does
 * not have, or has retired, is left out.
 */
export function suggestedGroups(
  vocabulary: Vocabulary,
  text: string,
  suggestions: readonly TagSuggestion[],
): TagGroup<Suggested>[] {
  const tags = tagsById(vocabulary.tags);
  const seen = new Set<string>();
  const shown: Suggested[] = [];
  for (const suggestion of [...suggestions].sort((a, b) => b.score - a.score)) {
    const tag = tags.get(suggestion.tag);
    if (!tag || tag.retired || seen.has(tag.id)) continue;
    seen.add(tag.id);
    shown.push({ tag, evidence: { quote: quoteEvidence(text, suggestion), strength: matchStrength(suggestion.score) } });
  }
  return groupByCategory(vocabulary.categories, shown, (item) => item.tag.category);
}

/** How many suggestions there are in all. */
export function countSuggested(groups: readonly TagGroup<Suggested>[]): number {
  return groups.reduce((sum, group) => sum + group.items.length, 0);
}
