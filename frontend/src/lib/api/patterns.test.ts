import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from './client';
import {
  createLocalTag,
  parseCategory,
  parsePatternTag,
  parseSuggestion,
  parseSuggestions,
  parseVocabulary,
  suggest,
  updateLocalTag,
  vocabulary,
} from './patterns';
import { messageFor } from './problems';

const BLAME = { id: 'blame', label: 'Blame and suspicion', description: 'How parents are blamed.' };
const DECISIONS = { id: 'decisions', label: 'Decisions and delays', description: 'How decisions are made.' };
const BEDROOM = {
  id: 'bedroom-inspected',
  category: 'blame',
  label: 'Bedroom inspected',
  definition: 'Someone inspected the child’s bedroom although there was no cause for concern.',
  uri: 'https://w3id.org/commonthread/ns#bedroom-inspected',
  local: false,
  same_as: null,
  retired: false,
};
const TRANSPORT = {
  id: 'local:transport-cancelled',
  category: 'decisions',
  label: 'Transport cancelled',
  definition: 'The child’s school transport was stopped at short notice.',
  uri: 'http://127.0.0.1:8080/ns#transport-cancelled',
  local: true,
  same_as: null,
  retired: false,
};
/** What an admin would send for TRANSPORT. */
const TRANSPORT_FIELDS = { label: TRANSPORT.label, definition: TRANSPORT.definition, category: 'decisions', same_as: null };
const VOCABULARY = { version: 1, categories: [BLAME, DECISIONS], tags: [BEDROOM, TRANSPORT] };
const SUGGESTION = { tag: 'bedroom-inspected', score: 0.87, evidence: 'wanted to see her bedroom', start: 57, end: 82 };

function answer(response: Response) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function problem(status: number, code: string): Response {
  const body = { type: 'about:blank', title: code, status, code };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing the vocabulary', () => {
  test('categories and tags, shared and local, as they came', () => {
    expect(parseCategory(BLAME)).toEqual(BLAME);
    expect(parsePatternTag(BEDROOM)).toEqual(BEDROOM);
    expect(parsePatternTag(TRANSPORT)).toEqual(TRANSPORT);
    expect(parseVocabulary(VOCABULARY)).toEqual(VOCABULARY);
  });

  test('a forum’s own tag may mean the same as a shared one, and may be retired', () => {
    const mapped = { ...TRANSPORT, same_as: 'bedroom-inspected', retired: true };
    expect(parsePatternTag(mapped)).toEqual(mapped);
    expect(parseVocabulary({ ...VOCABULARY, tags: [BEDROOM, mapped] })?.tags[1]).toEqual(mapped);
  });

  test('only the fields of the contract are kept', () => {
    expect(parsePatternTag({ ...BEDROOM, version: 3, extra: 'x' })).toEqual(BEDROOM);
  });

  test('a tag that breaks the contract is refused', () => {
    expect(parsePatternTag({ ...BEDROOM, label: '' })).toBeNull();
    expect(parsePatternTag({ ...BEDROOM, definition: undefined })).toBeNull();
    expect(parsePatternTag({ ...BEDROOM, uri: 7 })).toBeNull();
    expect(parsePatternTag({ ...BEDROOM, local: 'false' })).toBeNull();
    expect(parsePatternTag({ ...BEDROOM, retired: null })).toBeNull();
    expect(parsePatternTag({ ...BEDROOM, same_as: undefined })).toBeNull();
    expect(parsePatternTag({ ...BEDROOM, same_as: '' })).toBeNull();
    // The id and the flag must agree on whose tag it is.
    expect(parsePatternTag({ ...BEDROOM, local: true })).toBeNull();
    expect(parsePatternTag({ ...TRANSPORT, local: false })).toBeNull();
    // Only a local tag maps, and only to a shared one.
    expect(parsePatternTag({ ...BEDROOM, same_as: 'other-tag' })).toBeNull();
    expect(parsePatternTag({ ...TRANSPORT, same_as: 'local:other' })).toBeNull();
    expect(parsePatternTag([BEDROOM])).toBeNull();
  });

  test('a vocabulary whose parts don’t fit together is refused whole', () => {
    expect(parseVocabulary({ ...VOCABULARY, version: 0 })).toBeNull();
    expect(parseVocabulary({ ...VOCABULARY, version: '1' })).toBeNull();
    expect(parseVocabulary({ ...VOCABULARY, categories: undefined })).toBeNull();
    expect(parseVocabulary({ ...VOCABULARY, tags: [BEDROOM, { ...TRANSPORT, label: null }] })).toBeNull();
    // A tag in a category that isn't listed.
    expect(parseVocabulary({ ...VOCABULARY, tags: [{ ...BEDROOM, category: 'weather' }] })).toBeNull();
    // The same id twice.
    expect(parseVocabulary({ ...VOCABULARY, tags: [BEDROOM, BEDROOM] })).toBeNull();
    expect(parseVocabulary({ ...VOCABULARY, categories: [BLAME, BLAME, DECISIONS] })).toBeNull();
    // Mapped to a shared tag that isn't there.
    expect(parseVocabulary({ ...VOCABULARY, tags: [BEDROOM, { ...TRANSPORT, same_as: 'no-such-tag' }] })).toBeNull();
    expect(parseVocabulary([VOCABULARY])).toBeNull();
  });
});

describe('parsing suggestions', () => {
  test('a suggestion', () => {
    expect(parseSuggestion(SUGGESTION)).toEqual(SUGGESTION);
    expect(parseSuggestions({ suggestions: [SUGGESTION] })).toEqual([SUGGESTION]);
    expect(parseSuggestions({ suggestions: [] })).toEqual([]);
    expect(parseSuggestion({ ...SUGGESTION, score: 0 })?.score).toBe(0);
    expect(parseSuggestion({ ...SUGGESTION, score: 1 })?.score).toBe(1);
  });

  test('a suggestion that breaks the contract spoils the answer', () => {
    expect(parseSuggestion({ ...SUGGESTION, tag: '' })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, score: 1.01 })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, score: -0.1 })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, score: Number.NaN })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, score: '0.9' })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, evidence: '' })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, start: -1 })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, start: 1.5 })).toBeNull();
    expect(parseSuggestion({ ...SUGGESTION, end: 57 })).toBeNull();
    expect(parseSuggestions({ suggestions: [SUGGESTION, { ...SUGGESTION, tag: 3 }] })).toBeNull();
    expect(parseSuggestions([SUGGESTION])).toBeNull();
  });
});

describe('requests', () => {
  test('the vocabulary is a plain GET', async () => {
    const fetch = answer(Response.json(VOCABULARY));
    await expect(vocabulary()).resolves.toEqual(VOCABULARY);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/patterns');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('GET');
  });

  test('suggesting posts the text and returns the suggestions, best first as sent', async () => {
    const second = { ...SUGGESTION, tag: 'told-too-emotional', score: 0.6 };
    const fetch = answer(Response.json({ suggestions: [SUGGESTION, second] }));
    await expect(suggest('They wanted to see her bedroom')).resolves.toEqual([SUGGESTION, second]);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/patterns/suggest');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"text":"They wanted to see her bedroom"}');
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('X-Requested-With')).toBe('commonthread');
  });

  test('a text that is too long is explained', async () => {
    answer(problem(422, 'text_too_long'));
    const error = await suggest('x'.repeat(50_001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('text_too_long');
  });

  test('an answer without its suggestions is "unexpected"', async () => {
    answer(Response.json({ tags: [] }));
    const error = await suggest('x').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unexpected');
  });

  test('adding a tag sends only the fields the server reads', async () => {
    const fetch = answer(Response.json(TRANSPORT, { status: 201 }));
    const fields = TRANSPORT_FIELDS;
    await expect(createLocalTag({ ...fields, retired: false } as typeof fields)).resolves.toEqual(TRANSPORT);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/admin/patterns');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual(fields);
  });

  test('a tag that exists already is explained in plain words', async () => {
    answer(problem(409, 'tag_exists'));
    const fields = { label: 'Transport cancelled', definition: 'x'.repeat(20), category: 'decisions', same_as: null };
    const error = await createLocalTag(fields).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('tag_exists');
    expect((error as ApiError).message).toBe(messageFor('tag_exists'));
    expect((error as ApiError).message).toMatch(/^There is already a tag with that name\./);
  });

  test('an answer to adding that is a shared tag is "unexpected"', async () => {
    answer(Response.json(BEDROOM, { status: 201 }));
    const fields = { label: 'Bedroom inspected', definition: BEDROOM.definition, category: 'blame', same_as: null };
    const error = await createLocalTag(fields).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unexpected');
  });

  test('changing a tag escapes its id in the path and sends every field', async () => {
    const retired = { ...TRANSPORT, same_as: 'bedroom-inspected', retired: true };
    const fetch = answer(Response.json(retired));
    const changes = { ...TRANSPORT_FIELDS, same_as: 'bedroom-inspected', retired: true };
    await expect(updateLocalTag('local:transport-cancelled', changes)).resolves.toEqual(retired);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/admin/patterns/local%3Atransport-cancelled');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('PUT');
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual(changes);
  });

  test('an answer to a change that is about another tag is "unexpected"', async () => {
    answer(Response.json({ ...TRANSPORT, id: 'local:something-else' }));
    const changes = { ...TRANSPORT_FIELDS, retired: false };
    const error = await updateLocalTag('local:transport-cancelled', changes).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unexpected');
  });

  test('members are told they may not', async () => {
    answer(problem(403, 'forbidden'));
    const changes = { ...TRANSPORT_FIELDS, retired: true };
    const error = await updateLocalTag('local:transport-cancelled', changes).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('forbidden');
    expect((error as ApiError).message).toBe('Your account isn’t allowed to do that.');
  });
});
