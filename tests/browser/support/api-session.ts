// A member signed in through the API, outside the browser, for the steps of a journey that
// are about something else (making a moderator, publishing a story to read or to count). It
// keeps the session's cookies itself, as a browser would.

export class ApiSession {
  #cookies = new Map<string, string>();

  private constructor(readonly origin: string) {}

  /** Signs in as `handle`; fails with the server's answer if it refuses. */
  static async signIn(origin: string, handle: string, passphrase: string): Promise<ApiSession> {
    const session = new ApiSession(origin);
    await session.call('POST', '/api/v1/session', { handle, passphrase }, 200);
    return session;
  }

  /** Joins the (open) forum as `handle`, which signs in; fails with the server's answer if it refuses. */
  static async join(origin: string, handle: string, passphrase: string): Promise<ApiSession> {
    const session = new ApiSession(origin);
    await session.call('POST', '/api/v1/accounts', { handle, passphrase }, 201);
    return session;
  }

  /** Sends a request with the session's cookies; fails unless the answer has `expected` status. */
  async call(method: string, path: string, body: unknown, expected: number): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'commonthread' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#cookies.size > 0) headers.Cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.#cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}

/** The admin `admin` makes `handle` a moderator, as on the members page. */
export async function makeModerator(origin: string, admin: string, passphrase: string, handle: string): Promise<void> {
  const session = await ApiSession.signIn(origin, admin, passphrase);
  await session.call('PUT', `/api/v1/admin/members/${encodeURIComponent(handle)}/role`, { role: 'moderator' }, 200);
}

/**
 * Members who join the (open) forum through the API, one for each handle, in turn, each signed
 * in. The figures count families, a member being one: a journey that wants a figure of N
 * needs N members.
 */
export async function joinMembers(origin: string, handles: readonly string[], passphrase: string): Promise<ApiSession[]> {
  const members: ApiSession[] = [];
  for (const handle of handles) members.push(await ApiSession.join(origin, handle, passphrase));
  return members;
}
