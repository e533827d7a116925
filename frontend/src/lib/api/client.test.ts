import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, filtersFailure, onSessionLost, request, requestFile } from './client';
import { messageFor, PROBLEM_CODES } from './problems';

function answer(response: Response | Error) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function problem(status: number, code: string): Response {
  const body = { type: 'about:blank', title: 'Nope', status, detail: 'technical detail', code };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request', () => {
  test('a GET sends the session cookie, asks for JSON and returns the body', async () => {
    const fetch = answer(Response.json({ hello: 'world' }));
    await expect(request('GET', '/api/v1/instance')).resolves.toEqual({ hello: 'world' });
    const [path, init] = fetch.mock.calls[0] ?? [];
    expect(path).toBe('/api/v1/instance');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    const headers = new Headers(init?.headers);
    expect(headers.get('Accept')).toBe('application/json, application/problem+json');
    expect(headers.has('X-Requested-With')).toBe(false);
  });

  test.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('a %s carries X-Requested-With and JSON', async (method) => {
    const fetch = answer(new Response(null, { status: 204 }));
    await expect(request(method, '/api/v1/session', { body: { handle: 'rowan' } })).resolves.toBeUndefined();
    const init = fetch.mock.calls[0]?.[1];
    const headers = new Headers(init?.headers);
    expect(headers.get('X-Requested-With')).toBe('commonthread');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"handle":"rowan"}');
  });

  test('a problem document becomes its plain-English message', async () => {
    answer(problem(429, 'rate_limited'));
    const error = await failure(request('GET', '/api/v1/instance'));
    expect(error.code).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.message).toBe('There have been a lot of tries just now. Please wait a few minutes, then try again.');
    expect(error.problem?.detail).toBe('technical detail');
  });

  test('a problem without a detail keeps its own code', async () => {
    const body = { type: 'urn:commonthread:problem:csrf', title: 'Cross-site request refused', status: 403, code: 'csrf' };
    answer(new Response(JSON.stringify(body), { status: 403, headers: { 'Content-Type': 'application/problem+json' } }));
    const error = await failure(request('POST', '/api/v1/session'));
    expect(error.code).toBe('csrf');
    expect(error.problem?.detail).toBeUndefined();
  });

  test('an unknown code falls back on the status, never on the server’s wording', async () => {
    answer(problem(503, 'brand_new_code'));
    const error = await failure(request('GET', '/api/v1/instance'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(messageFor('unavailable'));
  });

  test('an error without a problem document is still explained', async () => {
    answer(new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = await failure(request('GET', '/api/v1/instance'));
    expect(error.code).toBe('unavailable');
    expect(error.problem).toBeNull();
  });

  test('no connection is a kind "network" failure', async () => {
    answer(new TypeError('Failed to fetch'));
    const error = await failure(request('GET', '/api/v1/instance'));
    expect(error.code).toBe('network');
    expect(error.status).toBeNull();
    expect(error.message).toBe('We couldn’t reach the forum. Please check your internet connection and try again.');
  });

  test('a success with an empty body (a 201 may have none) is no body', async () => {
    answer(new Response(null, { status: 201 }));
    await expect(request('POST', '/api/v1/admin/partners/bad.example/block')).resolves.toBeUndefined();
  });

  test('a success that is not JSON is "unexpected"', async () => {
    answer(new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect((await failure(request('GET', '/api/v1/instance'))).code).toBe('unexpected');
  });
});

/** A fake server: answers each request with the next response in `answers`, and records it. */
function conversation(...answers: Response[]) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ method: init?.method ?? 'GET', path: String(input), body: init?.body });
    const next = answers.shift();
    if (!next) throw new Error(`no answer left for ${init?.method} ${String(input)}`);
    return next;
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

const signedIn = () => Response.json({ handle: 'rowan', role: 'member' });

describe('when the session has run out', () => {
  test('a 401 refreshes the session once and sends the request again', async () => {
    const calls = conversation(problem(401, 'session_expired'), signedIn(), new Response(null, { status: 204 }));
    await expect(request('PUT', '/api/v1/me/passphrase', { body: { a: 1 } })).resolves.toBeUndefined();
    expect(calls).toEqual([
      { method: 'PUT', path: '/api/v1/me/passphrase', body: '{"a":1}' },
      { method: 'POST', path: '/api/v1/session/refresh', body: undefined },
      { method: 'PUT', path: '/api/v1/me/passphrase', body: '{"a":1}' },
    ]);
  });

  test('the refresh carries X-Requested-With, as every POST does', async () => {
    conversation(problem(401, 'unauthorized'), signedIn(), Response.json({ ok: true }));
    await request('GET', '/api/v1/me');
    const init = vi.mocked(fetch).mock.calls[1]?.[1];
    expect(new Headers(init?.headers).get('X-Requested-With')).toBe('commonthread');
  });

  test('when the refresh is refused, the session is lost and the first answer stands', async () => {
    const lost = vi.fn();
    const stop = onSessionLost(lost);
    try {
      const calls = conversation(problem(401, 'unauthorized'), problem(401, 'unauthorized'));
      const error = await failure(request('GET', '/api/v1/me'));
      expect(error.code).toBe('unauthorized');
      expect(calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/session/refresh']);
      expect(lost).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });

  test('a request is sent again at most once, even if the second answer is 401 too', async () => {
    const calls = conversation(problem(401, 'unauthorized'), signedIn(), problem(401, 'unauthorized'));
    expect((await failure(request('GET', '/api/v1/me'))).code).toBe('unauthorized');
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/session/refresh', '/api/v1/me']);
  });

  test('when the refresh cannot reach the forum, the person hears that and stays signed in', async () => {
    const lost = vi.fn();
    const stop = onSessionLost(lost);
    try {
      let first = true;
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => {
          if (!first) throw new TypeError('Failed to fetch');
          first = false;
          return problem(401, 'session_expired');
        }),
      );
      expect((await failure(request('GET', '/api/v1/me'))).code).toBe('network');
      expect(lost).not.toHaveBeenCalled();
    } finally {
      stop();
    }
  });

  test('requests that happen together share one refresh', async () => {
    const paths: string[] = [];
    let refreshed = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const path = String(input);
        paths.push(path);
        if (path === '/api/v1/session/refresh') {
          await new Promise((r) => setTimeout(r, 10));
          refreshed = true;
          return signedIn();
        }
        return refreshed ? Response.json({ path }) : problem(401, 'session_expired');
      }),
    );
    const answers = await Promise.all([request('GET', '/api/v1/me'), request('GET', '/api/v1/admin/invites')]);
    expect(answers).toEqual([{ path: '/api/v1/me' }, { path: '/api/v1/admin/invites' }]);
    expect(paths.filter((p) => p === '/api/v1/session/refresh')).toHaveLength(1);
  });

  test.each([
    ['POST', '/api/v1/session'],
    ['DELETE', '/api/v1/session'],
    ['POST', '/api/v1/accounts'],
    ['POST', '/api/v1/recover'],
    ['POST', '/api/v1/session/refresh'],
  ] as const)('%s %s is never refreshed: its 401 is the answer', async (method, path) => {
    const lost = vi.fn();
    const stop = onSessionLost(lost);
    try {
      const calls = conversation(problem(401, 'invalid_credentials'));
      expect((await failure(request(method, path, { body: {} }))).code).toBe('invalid_credentials');
      expect(calls).toHaveLength(1);
      expect(lost).not.toHaveBeenCalled();
    } finally {
      stop();
    }
  });

  test('a wrong passphrase elsewhere (invalid_credentials) is an answer, not a lost session', async () => {
    const calls = conversation(problem(401, 'invalid_credentials'));
    expect((await failure(request('DELETE', '/api/v1/me', { body: { passphrase: 'x' } }))).code).toBe('invalid_credentials');
    expect(calls).toHaveLength(1);
  });

  test('403 is not a lost session', async () => {
    const calls = conversation(problem(403, 'forbidden'));
    expect((await failure(request('GET', '/api/v1/admin/members'))).code).toBe('forbidden');
    expect(calls).toHaveLength(1);
  });
});

describe('requestFile', () => {
  test('returns the body exactly as sent', async () => {
    const document = '{"handle": "rowan",  "stories": [1e400]}';
    answer(new Response(document, { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const blob = await requestFile('/api/v1/me/export');
    expect(await blob.text()).toBe(document);
  });

  test('refreshes a run-out session too', async () => {
    const calls = conversation(problem(401, 'session_expired'), signedIn(), new Response('{}', { status: 200 }));
    expect(await (await requestFile('/api/v1/me/export')).text()).toBe('{}');
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/me/export', '/api/v1/session/refresh', '/api/v1/me/export']);
  });
});

describe('weak_passphrase', () => {
  test('shows the server’s advice, which it writes for people', async () => {
    const detail = 'This is a very common password. Add another word or two that are less common.';
    const body = { type: 'about:blank', title: 'Weak', status: 422, detail, code: 'weak_passphrase' };
    answer(new Response(JSON.stringify(body), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    expect((await failure(request('POST', '/api/v1/accounts', { body: {} }))).message).toBe(detail);
  });

  test('falls back on our own words without a detail', async () => {
    const body = { type: 'about:blank', title: 'Weak', status: 422, code: 'weak_passphrase' };
    answer(new Response(JSON.stringify(body), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    expect((await failure(request('POST', '/api/v1/accounts', { body: {} }))).message).toBe(messageFor('weak_passphrase'));
  });

  test('other codes never show the server’s detail', async () => {
    answer(problem(409, 'handle_taken'));
    expect((await failure(request('POST', '/api/v1/accounts', { body: {} }))).message).toBe(messageFor('handle_taken'));
  });
});

describe('the messages table', () => {
  test('every server code has its own message', () => {
    const messages = PROBLEM_CODES.map((code) => messageFor(code));
    expect(messages.every((m) => m.length > 0)).toBe(true);
    expect(new Set(messages).size).toBe(PROBLEM_CODES.length);
  });

  test('screening’s codes say what to do next', () => {
    // No number: each form that has its own limit says it (errorsFrom's messages).
    expect(messageFor('text_too_long')).toBe('That is longer than we can take here. Please shorten it.');
    expect(messageFor('finding_mismatch')).toBe('Your story changed before we could make those changes. Please check it again.');
  });
});

describe('filtersFailure', () => {
  test('says to change the filters when the server refused them, and what went wrong otherwise', () => {
    const refused = new ApiError('validation', 422, null);
    expect(filtersFailure(refused, 'Try other ones.')).toBe('We couldn’t use those filters. Try other ones.');
    const down = new ApiError('network', null, null);
    expect(filtersFailure(down, 'Try other ones.')).toBe(messageFor('network'));
    expect(filtersFailure(new Error('boom'), 'Try other ones.')).toBe(messageFor('unexpected'));
  });
});
