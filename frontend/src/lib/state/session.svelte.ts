// Who is signed in: the one owner of the session as the app knows it. The session itself is in
// HttpOnly cookies that the app never sees; this holds only the handle and role the server
// gave, so that the header and pages can show the right things. The server still checks
// every request.

import { ApiError, getMe, messageFor, onSessionLost, signOut, signOutEverywhere, type Account } from '../api';

export type SessionLoad =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; account: Account }
  /** We couldn't ask the forum (no connection, a server error): we don't know yet. */
  | { status: 'unknown'; message: string };

export class SessionState {
  current: SessionLoad = $state({ status: 'loading' });

  /**
   * Bumped by every change we are sure of (joining, signing in or out), so that an older
   * `load()` that answers late cannot undo it.
   */
  #generation = 0;

  constructor(listenForLostSessions = true) {
    // When the server refuses to refresh a run-out session, the person is signed out.
    if (listenForLostSessions) onSessionLost(() => this.signedOut());
  }

  /** Who is signed in, or `null` when nobody is (or we don't know yet). */
  get account(): Account | null {
    return this.current.status === 'signed-in' ? this.current.account : null;
  }

  /**
   * Asks the forum who is signed in (`GET /api/v1/me`; the API client refreshes a run-out
   * session once on its own). Safe to call again after a failure.
   */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    if (this.current.status !== 'signed-in') this.current = { status: 'loading' };
    let next: SessionLoad;
    try {
      const me = await getMe();
      next = { status: 'signed-in', account: { handle: me.handle, role: me.role } };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) next = { status: 'signed-out' };
      else next = { status: 'unknown', message: error instanceof ApiError ? error.message : messageFor('unexpected') };
    }
    if (generation === this.#generation) this.current = next;
  }

  /** After joining, signing in or recovering: the server's answer says who. */
  signedIn(account: Account): void {
    this.#generation++;
    this.current = { status: 'signed-in', account: { handle: account.handle, role: account.role } };
  }

  /** After the server has ended the session (or refused to refresh it, or erased the account). */
  signedOut(): void {
    this.#generation++;
    this.current = { status: 'signed-out' };
  }

  /** Signs this browser out. Throws `ApiError` (and stays signed in) if the forum can't be reached. */
  async signOut(): Promise<void> {
    try {
      await signOut();
    } catch (error) {
      // 401: there was no session left to end (it ran out, or was ended elsewhere).
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    this.signedOut();
  }

  /** Signs out every device, this one included. */
  async signOutEverywhere(): Promise<void> {
    await signOutEverywhere();
    this.signedOut();
  }
}

export const sessionState = new SessionState();
