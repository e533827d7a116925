// Notifications in plain words: "A moderator approved your story “…”. It is published now."
// The story's title is kept apart from the words around it, so that the page can make it a
// link to the story.

import type { Notification, NotificationKind } from '../api/notifications';

/** A notification's sentence: `before`, then the story's title (a link), then `after`. */
export interface NotificationWords {
  before: string;
  /** The story's title, or `null` when the story has gone (then `before` says it all). */
  title: string | null;
  after: string;
}

/** The words around the title, and the sentence to use when there is no title. */
const WORDS: Record<NotificationKind, { before: string; after: string; untitled: string }> = {
  story_approved: {
    before: 'A moderator approved your story ',
    after: '. It is published now.',
    untitled: 'A moderator approved your story. It is published now.',
  },
  changes_requested: {
    before: 'A moderator asked you to change your story ',
    after: ' before it is published.',
    untitled: 'A moderator asked you to change your story before it is published.',
  },
  story_rejected: {
    before: 'A moderator decided not to publish your story ',
    after: '.',
    untitled: 'A moderator decided not to publish your story.',
  },
  story_unpublished: {
    before: 'A moderator took down your story ',
    after: '. Readers can no longer see it.',
    untitled: 'A moderator took down your story. Readers can no longer see it.',
  },
  tags_corrected: {
    before: 'A moderator changed the tags on your story ',
    after: '.',
    untitled: 'A moderator changed the tags on your story.',
  },
  story_redacted: {
    before: 'A moderator took details that could identify someone out of your story ',
    after: '.',
    untitled: 'A moderator took details that could identify someone out of your story.',
  },
  reply_received: {
    before: 'Someone replied to your story ',
    after: '.',
    untitled: 'Someone replied to your story.',
  },
  reply_approved: {
    before: 'A moderator approved your reply to ',
    after: '. It is published now.',
    untitled: 'A moderator approved your reply. It is published now.',
  },
  reply_rejected: {
    before: 'A moderator decided not to publish your reply to ',
    after: '.',
    untitled: 'A moderator decided not to publish your reply.',
  },
};

export function notificationWords(notification: Pick<Notification, 'kind' | 'story_title'>): NotificationWords {
  const words = WORDS[notification.kind];
  const title = notification.story_title?.trim() || null;
  if (title === null) return { before: words.untitled, title: null, after: '' };
  return { before: words.before, title: `“${title}”`, after: words.after };
}

/** The whole sentence, as a screen reader or a test reads it. */
export function notificationText(notification: Pick<Notification, 'kind' | 'story_title'>): string {
  const { before, title, after } = notificationWords(notification);
  return `${before}${title ?? ''}${after}`;
}

/** What a moderator's message is, when the notification carries one. */
export function messageLabel(kind: NotificationKind): string {
  switch (kind) {
    case 'changes_requested':
      return 'What the moderator asked';
    case 'story_rejected':
    case 'story_unpublished':
    case 'reply_rejected':
      return 'The moderator’s reason';
    case 'story_approved':
    case 'tags_corrected':
    case 'story_redacted':
    case 'reply_received':
    case 'reply_approved':
      return 'The moderator’s note';
  }
}

/** "Notifications (2)": the header's link, with the unread count. */
export function notificationsLinkText(unread: number | null): string {
  return unread === null ? 'Notifications' : `Notifications (${unread})`;
}
