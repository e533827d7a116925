// The one table that turns the server's problem `code`s into plain, kind English.
// Codes are stable (they are never renamed on the server); add new ones here, nowhere else.

/** Problem codes the server sends today. */
export const PROBLEM_CODES = [
  'validation',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'csrf',
  'unauthorized',
  'forbidden',
  'method_not_allowed',
  'timeout',
  'internal',
  'unavailable',
  'weak_passphrase',
  'handle_taken',
  'invalid_handle',
  'reserved_handle',
  'invalid_credentials',
  'invite_required',
  'invalid_invite',
  'membership_closed',
  'session_expired',
  'last_admin',
  'invalid_recovery_code',
  'text_too_long',
  'finding_mismatch',
  'tag_exists',
  // Stories and peer support (issue 7).
  'story_incomplete',
  'invalid_state',
  'forum_name_missing',
  'forum_name_taken',
  'already_reacted',
  'own_story',
  'withdrawn',
  // Federation with partner forums (issue 9).
  'partner_not_found',
  'blocked',
  'already_partner',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Failures that happen on our side of the wire, with no problem document. */
export type ClientFailure = 'network' | 'unexpected';

/**
 * A server code read in the light of the request that got it: `invalid_credentials` from a
 * form on the account page means "that isn't your passphrase", since the handle is known.
 */
export type InContext = 'wrong_passphrase';

export type ErrorCode = ProblemCode | ClientFailure | InContext;

const MESSAGES: Record<ErrorCode, string> = {
  validation: 'Something in what you sent needs changing. Please check it and try again.',
  not_found: 'We couldn’t find that. It may have been moved or taken down.',
  payload_too_large: 'That is too long for us to take in one go. Please make it shorter.',
  rate_limited: 'There have been a lot of tries just now. Please wait a few minutes, then try again.',
  csrf: 'We couldn’t check that this request came from the forum’s own pages. Please reload the page and try again.',
  unauthorized: 'You need to sign in to do that.',
  forbidden: 'Your account isn’t allowed to do that.',
  method_not_allowed: 'The forum couldn’t handle that request. This is our mistake, not yours.',
  timeout: 'The forum took too long to answer. Please try again in a minute.',
  internal: 'Something went wrong on the forum’s side. It isn’t your fault. Please try again later.',
  unavailable: 'The forum is not available just now. Please try again in a few minutes.',
  weak_passphrase: 'That passphrase would be easy to guess. Try a few unrelated words together.',
  handle_taken: 'Someone already uses that handle. Please choose another.',
  invalid_handle: 'A handle is 3 to 30 characters: lowercase letters a to z, numbers 0 to 9 and _.',
  reserved_handle: 'That handle is kept for the forum’s own use. Please choose another.',
  invalid_credentials: 'That handle and passphrase don’t match. Check them and try again.',
  invite_required: 'You need an invite code to join this forum. A moderator or admin of the forum can give you one.',
  invalid_invite: 'That invite code doesn’t work. It may be mistyped, used up or out of date.',
  membership_closed: 'This forum isn’t taking new members just now.',
  session_expired: 'You were signed out because it had been a while. Please sign in again.',
  last_admin: 'A forum needs at least one admin. Make someone else an admin first.',
  invalid_recovery_code: 'That recovery code doesn’t work. Check it, or try another of your codes: each one works once.',
  text_too_long: 'That is longer than we can take here. Please shorten it.',
  finding_mismatch: 'Your story changed before we could make those changes. Please check it again.',
  tag_exists: 'There is already a tag with that name. Please choose another name, or change the tag that’s there.',
  story_incomplete: 'Your story needs a title and some text before it can be sent to the moderators.',
  invalid_state: 'That can’t be done to this story just now. Reload the page to see where it is up to.',
  forum_name_missing: 'You haven’t set a forum name yet. Set one on your account page, or use a new made-up name for this story.',
  forum_name_taken: 'Someone here already uses that forum name. Please choose another.',
  already_reacted: 'You’ve already said this happened to you too.',
  own_story: 'You can’t say that about your own story.',
  withdrawn: 'This story has been withdrawn by the person who wrote it.',
  partner_not_found: 'We couldn’t find a forum at that address. Check it with the other forum’s admin, then try again.',
  blocked: 'That forum is blocked. Unblock it first if you want to follow it.',
  already_partner: 'That forum is already in your list of partner forums, or waiting in it.',
  wrong_passphrase: 'That isn’t your current passphrase. Check it and try again.',
  network: 'We couldn’t reach the forum. Please check your internet connection and try again.',
  unexpected: 'The forum sent an answer we didn’t understand. It isn’t your fault. Please try again later.',
};

export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && (PROBLEM_CODES as readonly string[]).includes(code);
}

/**
 * Codes whose `detail` the server writes for people, not for developers: the passphrase
 * estimator's reason and suggestion. Any other `detail` is technical and never shown.
 */
const DETAIL_FOR_PEOPLE: ReadonlySet<ErrorCode> = new Set(['weak_passphrase']);

/** Plain English for an error code; for a few codes, the server's own `detail` when it sent one. */
export function messageFor(code: ErrorCode, detail?: string): string {
  if (detail && DETAIL_FOR_PEOPLE.has(code)) return detail;
  return MESSAGES[code];
}

/** The closest known code for an HTTP status, when a response carries no code we know. */
export function codeForStatus(status: number): ProblemCode | 'unexpected' {
  switch (status) {
    case 400:
    case 422:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 408:
    case 504:
      return 'timeout';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal' : 'unexpected';
  }
}
