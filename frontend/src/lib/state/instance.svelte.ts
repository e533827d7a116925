// Who this forum is: the one owner of what `GET /api/v1/instance` said. Header, footer,
// pages and quick exit read from here; only `refresh()` writes.

import { ApiError, getInstance, messageFor, type Instance } from '../api';
import { DEFAULT_QUICK_EXIT_URL, safeExitUrl } from '../quick-exit/exit';

/** Where the code lives, until the forum tells us which code it runs. */
export const DEFAULT_SOURCE_URL = 'https://github.com/commonthread/commonthread';

export type InstanceLoad =
  | { status: 'loading' }
  | { status: 'ready'; instance: Instance }
  | { status: 'failed'; message: string };

class InstanceState {
  current: InstanceLoad = $state({ status: 'loading' });

  /** The forum's details once they have arrived, else `null`. */
  get instance(): Instance | null {
    return this.current.status === 'ready' ? this.current.instance : null;
  }

  get sourceUrl(): string {
    return this.instance?.source_url || DEFAULT_SOURCE_URL;
  }

  get quickExitUrl(): string {
    return this.instance ? safeExitUrl(this.instance.quick_exit_url) : DEFAULT_QUICK_EXIT_URL;
  }

  /** Asks the forum who it is. Safe to call again after a failure ("Try again"). */
  async refresh(): Promise<void> {
    this.current = { status: 'loading' };
    try {
      this.current = { status: 'ready', instance: await getInstance() };
    } catch (error) {
      const message = error instanceof ApiError ? error.message : messageFor('unexpected');
      this.current = { status: 'failed', message };
    }
  }
}

export const instanceState = new InstanceState();
