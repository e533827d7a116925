// What the tag picker and the forum's tags page say, counted properly.

/** "1 tag", "3 tags". */
export function tagCount(n: number): string {
  return n === 1 ? '1 tag' : `${n} tags`;
}

/** What a request for suggestions found, in one sentence. */
export function suggestedSummary(n: number): string {
  if (n === 0) return 'We didn’t find any tags that clearly fit your story.';
  return `We suggest ${tagCount(n)}. Tick the ones that fit your story.`;
}

/** What a search found, in one sentence. */
export function matchesSummary(n: number, query: string): string {
  const typed = query.trim();
  if (n === 0) return `No tags match “${typed}”. Try another word, or look through the tags by category.`;
  return `${n === 1 ? '1 tag matches' : `${n} tags match`} “${typed}”.`;
}
