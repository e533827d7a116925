import { afterEach, expect, test, vi } from 'vitest';
import { answer, problem } from '../api/fake-fetch';
import { loadFilterVocabulary } from './load';
import { VOCABULARY } from './test-vocabulary';

afterEach(() => {
  vi.unstubAllGlobals();
});

test('the vocabulary for a page’s filters, with nothing to say', async () => {
  answer(Response.json(VOCABULARY));
  expect(await loadFilterVocabulary()).toEqual({ vocabulary: VOCABULARY, message: '' });
});

test('when it cannot be had, no tags and why', async () => {
  answer(problem(500, 'internal'));
  const loaded = await loadFilterVocabulary();
  expect(loaded.vocabulary).toBeNull();
  expect(loaded.message).toMatch(/^We couldn’t load the tags, so you can’t choose one just now\. \S/);
});
