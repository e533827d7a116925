// Accounts and sessions: joining, signing in and out, recovering, and the signed-in person's
// own account (`/api/v1/me`). The session itself lives in HttpOnly cookies that this code never
// sees; the answers say only who is signed in.

import { ApiError, request, requestFile } from './client';
import { asFields, parsed, isCount, isDate, isRole, isString, parseList } from './parse';
import type { Account, Joined, Me, Recovered } from './types';

/** How many recovery codes the server makes at a time. */
export const RECOVERY_CODE_COUNT = 8;

export async function join(body: { handle: string; passphrase: string; invite_code?: string }): Promise<Joined> {
  return parsed(await request('POST', '/api/v1/accounts', { body }), parseJoined);
}

export async function signIn(body: { handle: string; passphrase: string }): Promise<Account> {
  return parsed(await request('POST', '/api/v1/session', { body }), parseAccount);
}

/** Signs this browser out. */
export async function signOut(): Promise<void> {
  await request('DELETE', '/api/v1/session');
}

/** Signs out every browser and device signed in to this account, this one included. */
export async function signOutEverywhere(): Promise<void> {
  await request('DELETE', '/api/v1/sessions');
}

export async function recover(body: { handle: string; recovery_code: string; new_passphrase: string }): Promise<Recovered> {
  return parsed(await request('POST', '/api/v1/recover', { body }), parseRecovered);
}

export async function getMe(signal?: AbortSignal): Promise<Me> {
  return parsed(await request('GET', '/api/v1/me', signal ? { signal } : {}), parseMe);
}

/** Everything the server holds about the signed-in person, as the server wrote it. */
export async function exportMyData(): Promise<Blob> {
  return requestFile('/api/v1/me/export');
}

export async function changePassphrase(body: { current_passphrase: string; new_passphrase: string }): Promise<void> {
  await checkingPassphrase(request('PUT', '/api/v1/me/passphrase', { body }));
}

/** New recovery codes; the old ones stop working. */
export async function makeRecoveryCodes(body: { passphrase: string }): Promise<string[]> {
  const answer = await checkingPassphrase(request('POST', '/api/v1/me/recovery-codes', { body }));
  return parsed(answer, (value) => parseRecoveryCodes(asFields(value)?.recovery_codes));
}

/** Erases the account and everything its owner wrote. */
export async function deleteMyAccount(body: { passphrase: string }): Promise<void> {
  await checkingPassphrase(request('DELETE', '/api/v1/me', { body }));
}

/**
 * On the account page the handle is known, so the server's `invalid_credentials` can only
 * mean the passphrase: say that, rather than "that handle and passphrase don't match".
 */
async function checkingPassphrase<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_credentials') {
      throw new ApiError('wrong_passphrase', error.status, error.problem);
    }
    throw error;
  }
}

export function parseAccount(value: unknown): Account | null {
  const v = asFields(value);
  if (!v || !isString(v.handle) || !isRole(v.role)) return null;
  return { handle: v.handle, role: v.role };
}

export function parseRecoveryCodes(value: unknown): string[] | null {
  const codes = parseList(value, (code) => (isString(code) && code.length > 0 ? code : null));
  return codes && codes.length === RECOVERY_CODE_COUNT ? codes : null;
}

export function parseJoined(value: unknown): Joined | null {
  const account = parseAccount(value);
  const codes = parseRecoveryCodes(asFields(value)?.recovery_codes);
  return account && codes ? { ...account, recovery_codes: codes } : null;
}

export function parseRecovered(value: unknown): Recovered | null {
  const account = parseAccount(value);
  const left = asFields(value)?.recovery_codes_left;
  return account && isCount(left) ? { ...account, recovery_codes_left: left } : null;
}

export function parseMe(value: unknown): Me | null {
  const account = parseAccount(value);
  const v = asFields(value);
  if (!account || !v || !isDate(v.joined_on) || !isCount(v.recovery_codes_left)) return null;
  // Servers from before stories had no forum names: absent is the same as none set.
  const forumName = v.forum_name === undefined ? null : v.forum_name;
  if (!(forumName === null || isString(forumName))) return null;
  return { ...account, joined_on: v.joined_on, recovery_codes_left: v.recovery_codes_left, forum_name: forumName };
}
