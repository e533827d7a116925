// A handle as the person types it. The server is the authority on handles; this only tidies
// what was typed and catches the slips that need no round trip (an empty box, a capital letter
// or a space where the rules say a to z, 0 to 9 and _).

export const HANDLE_MIN = 3;
export const HANDLE_MAX = 30;
const HANDLE = /^[a-z0-9_]+$/;

/** Handles are lowercase: "Rowan " and "rowan" are the same person. */
export function normaliseHandle(typed: string): string {
  return typed.trim().toLowerCase();
}

/** What is wrong with a handle for joining, in plain English, or `null` if it looks fine. */
export function handleProblem(handle: string): string | null {
  if (handle === '') return 'Enter a handle.';
  if (handle.length < HANDLE_MIN || handle.length > HANDLE_MAX || !HANDLE.test(handle)) {
    return `A handle is ${HANDLE_MIN} to ${HANDLE_MAX} characters: lowercase letters a to z, numbers 0 to 9 and _.`;
  }
  return null;
}
