import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, request } from './client';
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
    expect(error.message).toBe('There have been a lot of requests just now. Please wait a minute, then try again.');
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

  test('a success that is not JSON is "unexpected"', async () => {
    answer(new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect((await failure(request('GET', '/api/v1/instance'))).code).toBe('unexpected');
  });
});

describe('the messages table', () => {
  test('every server code has its own message', () => {
    const messages = PROBLEM_CODES.map((code) => messageFor(code));
    expect(messages.every((m) => m.length > 0)).toBe(true);
    expect(new Set(messages).size).toBe(PROBLEM_CODES.length);
  });
});
