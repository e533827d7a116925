// Pattern tags: the vocabulary that says what a story shows ("Bedroom inspected"), the
// server's suggestions of tags for a text, and the forum's own tags, which admins keep.
// Suggesting needs no sign-in and stores nothing: the text goes, the tag ids come back.

import { request } from './client';
import { asFields, isCount, isString, parsed, parseList } from './parse';
import type { LocalTagChanges, LocalTagFields, PatternCategory, PatternTag, TagSuggestion, Vocabulary } from './types';

/** Every category and tag, shared and this forum's own (retired ones too), in the vocabulary's order. */
export async function vocabulary(signal?: AbortSignal): Promise<Vocabulary> {
  return parsed(await request('GET', '/api/v1/patterns', signal ? { signal } : {}), parseVocabulary);
}

/** Tags that may fit `text`, best first; often none. */
export async function suggest(text: string, signal?: AbortSignal): Promise<TagSuggestion[]> {
  const options = signal ? { body: { text }, signal } : { body: { text } };
  return parsed(await request('POST', '/api/v1/patterns/suggest', options), parseSuggestions);
}

/** Adds one of the forum's own tags (admins only); its id comes from its label. */
export async function createLocalTag(fields: LocalTagFields): Promise<PatternTag> {
  const answer = await request('POST', '/api/v1/admin/patterns', { body: localTagBody(fields) });
  return parsed(answer, (value) => {
    const tag = parsePatternTag(value);
    return tag?.local ? tag : null;
  });
}

/** Changes one of the forum's own tags (admins only), retiring it or bringing it back too. Its id never changes. */
export async function updateLocalTag(id: string, changes: LocalTagChanges): Promise<PatternTag> {
  const body = { ...localTagBody(changes), retired: changes.retired };
  const answer = await request('PUT', `/api/v1/admin/patterns/${encodeURIComponent(id)}`, { body });
  return parsed(answer, (value) => {
    const tag = parsePatternTag(value);
    return tag?.local && tag.id === id ? tag : null;
  });
}

/** Only the fields the server reads, whatever else the object passed in carries. */
function localTagBody({ label, definition, category, same_as }: LocalTagFields): LocalTagFields {
  return { label, definition, category, same_as };
}

/** The prefix of a forum's own tag ids; shared ids never have it. */
export const LOCAL_PREFIX = 'local:';

function isText(value: unknown): value is string {
  return isString(value) && value.trim().length > 0;
}

export function parseCategory(value: unknown): PatternCategory | null {
  const v = asFields(value);
  if (!v || !isText(v.id) || !isText(v.label) || !isString(v.description)) return null;
  return { id: v.id, label: v.label, description: v.description };
}

/** One tag, on its own: whether its category and `same_as` exist is for `parseVocabulary`. */
export function parsePatternTag(value: unknown): PatternTag | null {
  const v = asFields(value);
  if (!v || !isText(v.id) || !isText(v.category) || !isText(v.label) || !isText(v.definition) || !isText(v.uri)) {
    return null;
  }
  if (typeof v.local !== 'boolean' || typeof v.retired !== 'boolean') return null;
  // The id says whose tag it is; an answer where the flag disagrees is not one we understand.
  if (v.local !== v.id.startsWith(LOCAL_PREFIX)) return null;
  if (!(v.same_as === null || isText(v.same_as))) return null;
  // Only a forum's own tag can be mapped to a shared one, and never to another forum's own.
  if (v.same_as !== null && (!v.local || v.same_as.startsWith(LOCAL_PREFIX))) return null;
  return {
    id: v.id,
    category: v.category,
    label: v.label,
    definition: v.definition,
    uri: v.uri,
    local: v.local,
    same_as: v.same_as,
    retired: v.retired,
  };
}

/**
 * The whole vocabulary, or `null` if any part breaks the contract: ids repeated, a tag in a
 * category that is not listed, or a `same_as` that is not one of the shared tags.
 */
export function parseVocabulary(value: unknown): Vocabulary | null {
  const v = asFields(value);
  if (!v || !isCount(v.version) || v.version < 1) return null;
  const categories = parseList(v.categories, parseCategory);
  const tags = parseList(v.tags, parsePatternTag);
  if (!categories || !tags) return null;
  const categoryIds = new Set(categories.map((c) => c.id));
  const tagIds = new Set(tags.map((t) => t.id));
  if (categoryIds.size !== categories.length || tagIds.size !== tags.length) return null;
  const shared = new Set(tags.filter((t) => !t.local).map((t) => t.id));
  for (const tag of tags) {
    if (!categoryIds.has(tag.category)) return null;
    if (tag.same_as !== null && !shared.has(tag.same_as)) return null;
  }
  return { version: v.version, categories, tags };
}

export function parseSuggestion(value: unknown): TagSuggestion | null {
  const v = asFields(value);
  if (!v || !isText(v.tag) || !isText(v.evidence)) return null;
  if (!isCount(v.start) || !isCount(v.end) || v.end <= v.start) return null;
  if (typeof v.score !== 'number' || !(v.score >= 0 && v.score <= 1)) return null;
  return { tag: v.tag, score: v.score, evidence: v.evidence, start: v.start, end: v.end };
}

export function parseSuggestions(value: unknown): TagSuggestion[] | null {
  return parseList(asFields(value)?.suggestions, parseSuggestion);
}
