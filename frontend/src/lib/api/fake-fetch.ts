// For the API's tests: a `fetch` that answers every request with one response and records
// what was sent, and problem documents as the server writes them. Only tests import this.

import { vi } from 'vitest';

/** Puts a `fetch` in place that answers `response`; returns it, to read what was sent. */
export function answer(response: Response) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** The first request `fetch` got: its path, method and JSON body. */
export function sent(fetch: ReturnType<typeof answer>) {
  const init = fetch.mock.calls[0]?.[1];
  return {
    path: fetch.mock.calls[0]?.[0],
    method: init?.method,
    body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
  };
}

/** A problem+json answer with `code`. */
export function problem(status: number, code: string) {
  const body = { type: 'about:blank', title: code, status, code };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}
