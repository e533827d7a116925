import { afterEach, describe, expect, test, vi } from 'vitest';
import { NotificationsState, POLL_INTERVAL_MS } from './notifications.svelte';

function answers(...unread: number[]) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
    Response.json({ unread: unread.shift() ?? 0, items: [] }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the unread count', () => {
  test('is unknown until asked, then the forum’s', async () => {
    const fetch = answers(2);
    const state = new NotificationsState();
    expect(state.unread).toBeNull();
    await state.refresh();
    expect(state.unread).toBe(2);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/notifications');
  });

  test('an answer that comes after the page marked them read does not undo it', async () => {
    let release: (response: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (release = resolve))),
    );
    const state = new NotificationsState();
    const asking = state.refresh();
    state.set(0);
    release(Response.json({ unread: 3, items: [] }));
    await asking;
    expect(state.unread).toBe(0);
  });

  test('a failure keeps what we knew; signing out forgets it', async () => {
    const state = new NotificationsState();
    state.set(1);
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 500 })));
    await state.refresh();
    expect(state.unread).toBe(1);
    state.clear();
    expect(state.unread).toBeNull();
  });

  test('polls once a minute, and only while the page is in view', async () => {
    vi.useFakeTimers();
    const fetch = answers(1, 4);
    const doc = { visibilityState: 'visible' };
    const win = { setInterval, clearInterval, document: doc } as unknown as Window;
    const state = new NotificationsState();
    const stop = state.poll(win);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS - 1);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    doc.visibilityState = 'hidden';
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(fetch).toHaveBeenCalledTimes(1);
    stop();
    doc.visibilityState = 'visible';
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 2);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(POLL_INTERVAL_MS).toBeGreaterThanOrEqual(60_000);
  });
});
