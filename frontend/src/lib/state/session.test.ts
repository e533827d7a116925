import { afterEach, describe, expect, test, vi } from 'vitest';
import { request } from '../api';
import { SessionState } from './session.svelte';

const rowan = { handle: 'rowan', role: 'member' } as const;
const me = { ...rowan, joined_on: '2026-11-22', recovery_codes_left: 8 };

function problem(status: number, code: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'No', status, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** A fake server that answers by method and path, and records what it was asked. */
function server(routes: Record<string, () => Response | Promise<Response>>) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${String(input)}`;
      asked.push(key);
      const route = routes[key];
      if (!route) throw new Error(`unexpected request ${key}`);
      return route();
    }),
  );
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loading the session at start', () => {
  test('starts loading, then knows who is signed in', async () => {
    server({ 'GET /api/v1/me': () => Response.json(me) });
    const session = new SessionState(false);
    expect(session.current).toEqual({ status: 'loading' });
    await session.load();
    expect(session.current).toEqual({ status: 'signed-in', account: rowan });
    expect(session.account).toEqual(rowan);
  });

  test('401, a refreshed session, then who is signed in', async () => {
    let refreshed = false;
    const asked = server({
      'GET /api/v1/me': () => (refreshed ? Response.json(me) : problem(401, 'session_expired')),
      'POST /api/v1/session/refresh': () => {
        refreshed = true;
        return Response.json(rowan);
      },
    });
    const session = new SessionState(false);
    await session.load();
    expect(session.account).toEqual(rowan);
    expect(asked).toEqual(['GET /api/v1/me', 'POST /api/v1/session/refresh', 'GET /api/v1/me']);
  });

  test('401 and a refused refresh: signed out', async () => {
    const asked = server({
      'GET /api/v1/me': () => problem(401, 'unauthorized'),
      'POST /api/v1/session/refresh': () => problem(401, 'unauthorized'),
    });
    const session = new SessionState(false);
    await session.load();
    expect(session.current).toEqual({ status: 'signed-out' });
    expect(session.account).toBeNull();
    expect(asked).toEqual(['GET /api/v1/me', 'POST /api/v1/session/refresh']);
  });

  test('no connection: unknown, with a message, not signed out', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const session = new SessionState(false);
    await session.load();
    expect(session.current).toEqual({
      status: 'unknown',
      message: 'We couldn’t reach the forum. Please check your internet connection and try again.',
    });
  });

  test('a late answer does not undo a sign-in that happened meanwhile', async () => {
    let answer: (r: Response) => void = () => {};
    server({
      'GET /api/v1/me': () => new Promise<Response>((resolve) => (answer = resolve)),
      'POST /api/v1/session/refresh': () => problem(401, 'unauthorized'),
    });
    const session = new SessionState(false);
    const loading = session.load();
    session.signedIn({ handle: 'newcomer', role: 'member' });
    answer(problem(401, 'unauthorized'));
    await loading;
    expect(session.account).toEqual({ handle: 'newcomer', role: 'member' });
  });
});

describe('changes', () => {
  test('signing out asks the server, then forgets who was signed in', async () => {
    const asked = server({ 'DELETE /api/v1/session': () => new Response(null, { status: 204 }) });
    const session = new SessionState(false);
    session.signedIn(rowan);
    await session.signOut();
    expect(session.current).toEqual({ status: 'signed-out' });
    expect(asked).toEqual(['DELETE /api/v1/session']);
  });

  test('if the forum can’t be reached, signing out fails and the person stays signed in', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const session = new SessionState(false);
    session.signedIn(rowan);
    await expect(session.signOut()).rejects.toMatchObject({ code: 'network' });
    expect(session.account).toEqual(rowan);
  });

  test('signing out when the session had already ended still signs out', async () => {
    server({ 'DELETE /api/v1/session': () => problem(401, 'unauthorized') });
    const session = new SessionState(false);
    session.signedIn(rowan);
    await session.signOut();
    expect(session.current).toEqual({ status: 'signed-out' });
  });

  test('signing out everywhere', async () => {
    const asked = server({ 'DELETE /api/v1/sessions': () => new Response(null, { status: 204 }) });
    const session = new SessionState(false);
    session.signedIn(rowan);
    await session.signOutEverywhere();
    expect(session.account).toBeNull();
    expect(asked).toEqual(['DELETE /api/v1/sessions']);
  });

  test('a session the server will not refresh any more signs the person out', async () => {
    server({
      'GET /api/v1/admin/invites': () => problem(401, 'session_expired'),
      'POST /api/v1/session/refresh': () => problem(401, 'unauthorized'),
    });
    const session = new SessionState(true);
    session.signedIn({ handle: 'rowan', role: 'moderator' });
    await expect(request('GET', '/api/v1/admin/invites')).rejects.toMatchObject({ code: 'session_expired' });
    expect(session.current).toEqual({ status: 'signed-out' });
  });
});
