// Loading the vocabulary for a page: the answer, or a message to show, never a throw.

import { ApiError, messageFor, vocabulary, type Vocabulary } from '../api';

export type VocabularyLoad =
  | { status: 'loading' }
  | { status: 'ready'; vocabulary: Vocabulary }
  | { status: 'failed'; message: string };

/** The vocabulary as the server has it now, or why it could not be had. */
export async function loadVocabulary(): Promise<VocabularyLoad> {
  try {
    return { status: 'ready', vocabulary: await vocabulary() };
  } catch (error) {
    return { status: 'failed', message: error instanceof ApiError ? error.message : messageFor('unexpected') };
  }
}

/** The vocabulary for a page's filters, or what to say when they cannot offer tags just now. */
export async function loadFilterVocabulary(): Promise<{ vocabulary: Vocabulary | null; message: string }> {
  const loaded = await loadVocabulary();
  if (loaded.status === 'ready') return { vocabulary: loaded.vocabulary, message: '' };
  const why = loaded.status === 'failed' ? ` ${loaded.message}` : '';
  return { vocabulary: null, message: `We couldn’t load the tags, so you can’t choose one just now.${why}` };
}
