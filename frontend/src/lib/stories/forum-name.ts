// A member's forum name: one steady name they may choose for stories and replies instead of
// a new made-up one each time. The server's rule: 3 to 40 letters, single spaces, hyphens or
// apostrophes; not their handle (which is never shown on stories), and not something that
// looks like one of the made-up names stories are given.

export const FORUM_NAME_MIN_CHARS = 3;
export const FORUM_NAME_MAX_CHARS = 40;

const ALLOWED = /^[\p{L}' -]+$/u;

export const FORUM_NAME_RULE = 'A forum name is 3 to 40 characters: letters, single spaces, hyphens and apostrophes.';
export const FORUM_NAME_IS_HANDLE = 'Your handle is never shown on stories. Please choose a different name.';
export const FORUM_NAME_LOOKS_MADE_UP =
  'That looks like one of the made-up names stories are given, such as “Quiet Heron”. Please choose another.';

/** Why `name` (as typed) can't be `handle`'s forum name, or null when it can, as far as we can tell here. */
export function forumNameProblem(name: string, handle: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a forum name.';
  const length = [...trimmed].length;
  if (length < FORUM_NAME_MIN_CHARS || length > FORUM_NAME_MAX_CHARS || !ALLOWED.test(trimmed) || trimmed.includes('  ')) {
    return FORUM_NAME_RULE;
  }
  if (trimmed.toLowerCase() === handle.toLowerCase()) return FORUM_NAME_IS_HANDLE;
  return null;
}

/** The server's `validation` refusal of a forum name, in plain words: its detail says which rule. */
export function forumNameRefusal(detail: string | undefined): string {
  if (detail && /handle/i.test(detail)) return FORUM_NAME_IS_HANDLE;
  if (detail && /pseudonym/i.test(detail)) return FORUM_NAME_LOOKS_MADE_UP;
  return FORUM_NAME_RULE;
}
