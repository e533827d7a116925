import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  changePassphrase,
  deleteMyAccount,
  join,
  makeRecoveryCodes,
  parseJoined,
  parseMe,
  parseRecovered,
  signIn,
} from './accounts';
import { ApiError } from './client';
import { messageFor } from './problems';

const CODES = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7', 'h8'];

function server(status: number, body: unknown) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
    status === 204 ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const invalidCredentials = { type: 'about:blank', title: 'No', status: 401, code: 'invalid_credentials' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing answers', () => {
  test('joined: the account and exactly eight recovery codes', () => {
    expect(parseJoined({ handle: 'rowan', role: 'member', recovery_codes: CODES })).toEqual({
      handle: 'rowan',
      role: 'member',
      recovery_codes: CODES,
    });
    expect(parseJoined({ handle: 'rowan', role: 'member', recovery_codes: CODES.slice(1) })).toBeNull();
    expect(parseJoined({ handle: 'rowan', role: 'member', recovery_codes: [...CODES.slice(1), ''] })).toBeNull();
    expect(parseJoined({ handle: 'rowan', role: 'owner', recovery_codes: CODES })).toBeNull();
  });

  test('me: a date and a count', () => {
    const me = { handle: 'rowan', role: 'admin', joined_on: '2026-11-22', recovery_codes_left: 7, forum_name: null };
    expect(parseMe({ ...me, extra: true })).toEqual(me);
    expect(parseMe({ ...me, forum_name: 'Sam from Leeds' })).toEqual({ ...me, forum_name: 'Sam from Leeds' });
    expect(parseMe({ ...me, forum_name: undefined })).toEqual(me);
    expect(parseMe({ ...me, forum_name: 7 })).toBeNull();
    expect(parseMe({ ...me, joined_on: '2026-11-22T10:00:00Z' })).toBeNull();
    expect(parseMe({ ...me, recovery_codes_left: -1 })).toBeNull();
    expect(parseMe({ ...me, recovery_codes_left: '7' })).toBeNull();
  });

  test('recovered: how many codes are left', () => {
    expect(parseRecovered({ handle: 'rowan', role: 'member', recovery_codes_left: 0 })).toEqual({
      handle: 'rowan',
      role: 'member',
      recovery_codes_left: 0,
    });
    expect(parseRecovered({ handle: 'rowan', role: 'member' })).toBeNull();
  });
});

describe('requests', () => {
  test('join sends the invite code only when given', async () => {
    const fetch = server(201, { handle: 'rowan', role: 'member', recovery_codes: CODES });
    await join({ handle: 'rowan', passphrase: 'p' });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/accounts');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"handle":"rowan","passphrase":"p"}');
  });

  test('an answer that breaks the contract is "unexpected"', async () => {
    server(200, { handle: 'rowan' });
    const error = await signIn({ handle: 'rowan', passphrase: 'p' }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unexpected');
  });

  test('signing in with a wrong passphrase keeps the server’s code', async () => {
    server(401, invalidCredentials);
    const error = await signIn({ handle: 'rowan', passphrase: 'p' }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('invalid_credentials');
    expect((error as ApiError).message).toBe('That handle and passphrase don’t match. Check them and try again.');
  });

  test.each([
    ['changing the passphrase', () => changePassphrase({ current_passphrase: 'x', new_passphrase: 'y' })],
    ['making recovery codes', () => makeRecoveryCodes({ passphrase: 'x' })],
    ['deleting the account', () => deleteMyAccount({ passphrase: 'x' })],
  ])('%s with a wrong passphrase says just that', async (_what, call) => {
    const fetch = server(401, invalidCredentials);
    const error = (await call().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).toBe(messageFor('wrong_passphrase'));
    // A wrong passphrase is not a lost session: no refresh was tried.
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test('deleting the account sends the passphrase in the body of a DELETE', async () => {
    const fetch = server(204, null);
    await deleteMyAccount({ passphrase: 'correct horse' });
    const [path, init] = fetch.mock.calls[0] ?? [];
    expect(path).toBe('/api/v1/me');
    expect(init?.method).toBe('DELETE');
    expect(init?.body).toBe('{"passphrase":"correct horse"}');
  });

  test('new recovery codes are read from the answer', async () => {
    server(201, { recovery_codes: CODES });
    await expect(makeRecoveryCodes({ passphrase: 'x' })).resolves.toEqual(CODES);
  });
});
