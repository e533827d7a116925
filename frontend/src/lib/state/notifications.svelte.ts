// How many notifications the signed-in member has not read: the one owner of that count.
// The header shows it ("Notifications (2)"); it is asked for after each page change and, while
// the tab is in view, at most once a minute, never faster (no fast polling of the server).
// The notifications page says when it has marked them read.

import { listNotifications } from '../api/notifications';

/** The least time between two checks the header makes on its own (page changes aside). */
export const POLL_INTERVAL_MS = 60_000;

export class NotificationsState {
  #unread = $state<number | null>(null);
  /** Bumped by every change we are sure of, so that an older answer cannot undo it. */
  #generation = 0;

  /** How many are unread, or `null` until we know (or when nobody is signed in). */
  get unread(): number | null {
    return this.#unread;
  }

  /** Asks the forum. A failure leaves the count as it was: the header can wait for the next try. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const { unread } = await listNotifications();
      if (generation === this.#generation) this.#unread = unread;
    } catch {
      // Signed out, or the forum is away: nothing the header should shout about.
    }
  }

  /** The notifications page marked them all read, or has just loaded them (`unread`). */
  set(unread: number): void {
    this.#generation++;
    this.#unread = unread;
  }

  /** Nobody is signed in. */
  clear(): void {
    this.#generation++;
    this.#unread = null;
  }

  /**
   * Checks every `POLL_INTERVAL_MS` while the page is in view. Returns a clean-up.
   * Page changes ask separately (the header does that).
   */
  poll(win: Window = window): () => void {
    const timer = win.setInterval(() => {
      if (win.document.visibilityState === 'visible') void this.refresh();
    }, POLL_INTERVAL_MS);
    return () => win.clearInterval(timer);
  }
}

export const notificationsState = new NotificationsState();
