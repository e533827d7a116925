// The only code in the app that calls `fetch`. Every request goes to our own origin, with
// the session cookie, and every error comes back as an `ApiError` with plain English.

import { codeForStatus, isProblemCode, messageFor, type ErrorCode } from './problems';
import type { Problem } from './types';

/** Sent on every state-changing request; the server refuses those without it (code `csrf`). */
export const REQUESTED_WITH_HEADER = 'X-Requested-With';
export const REQUESTED_WITH_VALUE = 'commonthread';

/** How long we wait for the forum before telling the person it is slow. */
export const REQUEST_TIMEOUT_MS = 20_000;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const STATE_CHANGING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request that did not give us what we asked for. `message` is fit to show to a person. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** HTTP status, when the server answered. */
  readonly status: number | null;
  /** The problem document, when the server sent one. */
  readonly problem: Problem | null;

  constructor(code: ErrorCode, status: number | null, problem: Problem | null) {
    super(messageFor(code, problem?.detail));
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.problem = problem;
  }
}

/**
 * What to say when a filtered list could not be loaded. When the server refused the filters
 * (`validation`), `change` says what to try instead; otherwise, what went wrong.
 */
export function filtersFailure(error: unknown, change: string): string {
  if (error instanceof ApiError && error.code === 'validation') return `We couldn’t use those filters. ${change}`;
  return error instanceof ApiError ? error.message : messageFor('unexpected');
}

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

/** Rotates the session cookies. Never retried itself. */
export const REFRESH_PATH = '/api/v1/session/refresh';

/**
 * Requests whose 401 is an answer, not a sign that the session ran out: signing in, joining
 * and recovering start a session, and refreshing is what we would try.
 */
const NO_REFRESH: ReadonlySet<string> = new Set([REFRESH_PATH, '/api/v1/session', '/api/v1/accounts', '/api/v1/recover']);

/** 401 codes that are about what the person typed, not about their session. */
const WRONG_SECRET: ReadonlySet<ErrorCode> = new Set(['invalid_credentials', 'invalid_recovery_code']);

const sessionLostListeners = new Set<() => void>();

/**
 * Calls `listener` when the server has refused to refresh the session: the person is signed
 * out. Returns a function that stops listening.
 */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/**
 * Calls the forum's API at `path` (which starts with `/api/`) and returns the parsed JSON body,
 * or `undefined` for 204. Throws `ApiError` for anything else.
 *
 * When the session has run out (401), asks once for a fresh one and, if the server gives it,
 * sends the request once more; if it refuses, tells the `onSessionLost` listeners.
 */
export async function request(method: Method, path: string, options: RequestOptions = {}): Promise<unknown> {
  return withRefresh(method, path, options, readJson);
}

/**
 * Like `request`, but returns the body as it came, for saving to a file
 * (`GET /api/v1/me/export`).
 */
export async function requestFile(path: string, options: RequestOptions = {}): Promise<Blob> {
  return withRefresh('GET', path, options, async (response) => {
    try {
      return await response.blob();
    } catch {
      throw new ApiError('unexpected', response.status, null);
    }
  });
}

async function withRefresh<T>(
  method: Method,
  path: string,
  options: RequestOptions,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  try {
    return await send(method, path, options, read);
  } catch (error) {
    if (!(error instanceof ApiError) || !sessionRanOut(error, path)) throw error;
    const refreshed = await refreshSession();
    if (refreshed === 'refused') {
      for (const listener of [...sessionLostListeners]) listener();
      throw error;
    }
    if (refreshed instanceof ApiError) throw refreshed;
    return send(method, path, options, read);
  }
}

function sessionRanOut(error: ApiError, path: string): boolean {
  return error.status === 401 && !NO_REFRESH.has(path) && !WRONG_SECRET.has(error.code);
}

/** The refresh under way, shared by every request that found the session had run out. */
let refreshing: Promise<'refreshed' | 'refused' | ApiError> | null = null;

function refreshSession(): Promise<'refreshed' | 'refused' | ApiError> {
  refreshing ??= send('POST', REFRESH_PATH, {}, readJson)
    .then(
      () => 'refreshed' as const,
      (error: unknown) => {
        // Refused (401/403) means signed out; anything else (no connection, a 500) means
        // we don't know, and the person should hear that rather than be signed out.
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return 'refused' as const;
        return error instanceof ApiError ? error : new ApiError('unexpected', null, null);
      },
    )
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * The body as JSON; `undefined` for 204 or an empty body (a 201 may carry nothing, as when a
 * domain is blocked). A `parse*` that expects a body refuses `undefined`, so nothing is lost.
 */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  try {
    const text = await response.text();
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    throw new ApiError('unexpected', response.status, null);
  }
}

/** One round trip: the request as given, its success read by `read`, its failure as `ApiError`. */
async function send<T>(
  method: Method,
  path: string,
  options: RequestOptions,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (STATE_CHANGING.has(method)) {
    headers.set(REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE);
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    init.body = JSON.stringify(options.body);
  }
  // Our own controller rather than AbortSignal.timeout/any, which older phones lack.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);
  const callerGaveUp = () => controller.abort();
  options.signal?.addEventListener('abort', callerGaveUp, { once: true });
  init.signal = controller.signal;

  let response: Response;
  try {
    if (options.signal?.aborted) controller.abort();
    response = await fetch(path, init);
  } catch (error) {
    if (options.signal?.aborted) throw error; // the caller gave up: not a failure to show
    throw new ApiError(timedOut ? 'timeout' : 'network', null, null);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', callerGaveUp);
  }

  if (response.ok) return read(response);
  throw await errorFrom(response);
}

async function errorFrom(response: Response): Promise<ApiError> {
  const problem = await readProblem(response);
  if (problem && isProblemCode(problem.code)) {
    return new ApiError(problem.code, response.status, problem);
  }
  return new ApiError(codeForStatus(response.status), response.status, problem);
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/problem+json')) return null;
  try {
    const body: unknown = await response.json();
    return isProblem(body) ? body : null;
  } catch {
    return null;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.type === 'string' &&
    typeof v.title === 'string' &&
    typeof v.status === 'number' &&
    (v.detail === undefined || typeof v.detail === 'string') &&
    typeof v.code === 'string'
  );
}
