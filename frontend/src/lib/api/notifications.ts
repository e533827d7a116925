// Notifications: what happened to a member's stories and replies (approved, changes asked
// for, a reply received…), newest first, and marking them read. Signed-in members only.

import { request } from './client';
import { asFields, isCount, isDate, isString, parsed, parseList } from './parse';

/** What a notification is about. */
export type NotificationKind =
  | 'story_approved'
  | 'changes_requested'
  | 'story_rejected'
  | 'story_unpublished'
  | 'tags_corrected'
  | 'story_redacted'
  | 'reply_received'
  | 'reply_approved'
  | 'reply_rejected';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'story_approved',
  'changes_requested',
  'story_rejected',
  'story_unpublished',
  'tags_corrected',
  'story_redacted',
  'reply_received',
  'reply_approved',
  'reply_rejected',
];

/** One thing that happened, from `GET /api/v1/notifications`. */
export interface Notification {
  id: number;
  kind: NotificationKind;
  /** The story it is about, when there still is one. */
  story_id: string | null;
  story_title: string | null;
  /** A moderator's message or reason, when they gave one. */
  message: string | null;
  /** YYYY-MM-DD. */
  date: string;
  read: boolean;
}

/** `GET /api/v1/notifications`: how many are unread, and the newest 50. */
export interface Notifications {
  unread: number;
  items: Notification[];
}

/** The member's notifications, newest first, with how many they have not read. */
export async function listNotifications(signal?: AbortSignal): Promise<Notifications> {
  return parsed(await request('GET', '/api/v1/notifications', signal ? { signal } : {}), parseNotifications);
}

/** Marks the notification `upTo` and every older one read. */
export async function markNotificationsRead(upTo: number): Promise<void> {
  await request('POST', '/api/v1/notifications/read', { body: { up_to: upTo } });
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return NOTIFICATION_KINDS.includes(value as NotificationKind);
}

function isNullableString(value: unknown): value is string | null {
  return value === null || isString(value);
}

export function parseNotification(value: unknown): Notification | null {
  const v = asFields(value);
  if (!v || !isCount(v.id) || !isNotificationKind(v.kind) || !isDate(v.date) || typeof v.read !== 'boolean') return null;
  // Absent and null mean the same: nothing to say.
  const storyId = v.story_id ?? null;
  const storyTitle = v.story_title ?? null;
  const message = v.message ?? null;
  if (!isNullableString(storyId) || !isNullableString(storyTitle) || !isNullableString(message)) return null;
  return { id: v.id, kind: v.kind, story_id: storyId, story_title: storyTitle, message, date: v.date, read: v.read };
}

export function parseNotifications(value: unknown): Notifications | null {
  const v = asFields(value);
  const items = parseList(v?.items, parseNotification);
  if (!v || !isCount(v.unread) || !items) return null;
  return { unread: v.unread, items };
}
