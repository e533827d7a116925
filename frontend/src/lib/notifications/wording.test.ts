import { describe, expect, test } from 'vitest';
import { NOTIFICATION_KINDS } from '../api/notifications';
import { messageLabel, notificationsLinkText, notificationText, notificationWords } from './wording';

describe('notifications in words', () => {
  test('the title sits between the words, in quotes, for a link', () => {
    expect(notificationWords({ kind: 'reply_received', story_title: 'The meeting' })).toEqual({
      before: 'Someone replied to your story ',
      title: '“The meeting”',
      after: '.',
    });
    expect(notificationText({ kind: 'story_approved', story_title: 'The meeting' })).toBe(
      'A moderator approved your story “The meeting”. It is published now.',
    );
  });

  test('without a title, one sentence still says what happened', () => {
    expect(notificationWords({ kind: 'story_unpublished', story_title: null })).toEqual({
      before: 'A moderator took down your story. Readers can no longer see it.',
      title: null,
      after: '',
    });
    expect(notificationText({ kind: 'reply_rejected', story_title: '  ' })).toBe(
      'A moderator decided not to publish your reply.',
    );
  });

  test('every kind has words, and none shows its code', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const text = notificationText({ kind, story_title: 'A story' });
      expect(text).toMatch(/^[A-Z].*“A story”.*\.$/);
      expect(text).not.toContain('_');
      expect(messageLabel(kind)).not.toContain('_');
    }
  });

  test('the header’s link says how many are unread', () => {
    expect(notificationsLinkText(3)).toBe('Notifications (3)');
    expect(notificationsLinkText(0)).toBe('Notifications (0)');
    expect(notificationsLinkText(null)).toBe('Notifications');
  });
});
