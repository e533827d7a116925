import { afterEach, describe, expect, test, vi } from 'vitest';
import { listNotifications, markNotificationsRead, parseNotification, parseNotifications } from './notifications';

const REPLY = {
  id: 12,
  kind: 'reply_received',
  story_id: 'k3v9x2mq7hza',
  story_title: 'The meeting we were not invited to',
  message: null,
  date: '2026-11-23',
  read: false,
};
const REJECTED = { ...REPLY, id: 11, kind: 'story_rejected', message: 'It names a school.', read: true };

function answer(response: Response) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing answers', () => {
  test('notifications as they came, newest first', () => {
    expect(parseNotification(REPLY)).toEqual(REPLY);
    expect(parseNotifications({ unread: 1, items: [REPLY, REJECTED] })).toEqual({ unread: 1, items: [REPLY, REJECTED] });
    expect(parseNotifications({ unread: 0, items: [] })).toEqual({ unread: 0, items: [] });
  });

  test('a story that has gone leaves nulls, and absent fields read as null', () => {
    const gone = { id: 3, kind: 'story_unpublished', date: '2026-11-20', read: true };
    expect(parseNotification(gone)).toEqual({ ...gone, story_id: null, story_title: null, message: null });
  });

  test('a notification that breaks the contract spoils the answer', () => {
    expect(parseNotification({ ...REPLY, kind: 'party_invite' })).toBeNull();
    expect(parseNotification({ ...REPLY, id: '12' })).toBeNull();
    expect(parseNotification({ ...REPLY, date: '2026-11-23T10:00:00Z' })).toBeNull();
    expect(parseNotification({ ...REPLY, read: 'no' })).toBeNull();
    expect(parseNotification({ ...REPLY, story_title: 4 })).toBeNull();
    expect(parseNotifications({ unread: -1, items: [] })).toBeNull();
    expect(parseNotifications({ unread: 1, items: [REPLY, { ...REPLY, id: -2 }] })).toBeNull();
    expect(parseNotifications([REPLY])).toBeNull();
  });
});

describe('requests', () => {
  test('listing asks for the member’s notifications', async () => {
    const fetch = answer(Response.json({ unread: 1, items: [REPLY] }));
    await expect(listNotifications()).resolves.toEqual({ unread: 1, items: [REPLY] });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/notifications');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('GET');
  });

  test('marking read sends the newest id read', async () => {
    const fetch = answer(new Response(null, { status: 204 }));
    await markNotificationsRead(12);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/notifications/read');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"up_to":12}');
  });
});
