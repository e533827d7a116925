import { expect, test } from 'vitest';
import { NoticeState } from './notice.svelte';

test('a notice shows on the next page and goes on the page after', () => {
  const notice = new NoticeState();
  expect(notice.message).toBe('');
  notice.say('Your account has been deleted.');
  expect(notice.message).toBe('Your account has been deleted.');
  notice.pageChanged();
  expect(notice.message).toBe('Your account has been deleted.');
  notice.pageChanged();
  expect(notice.message).toBe('');
});

test('a new notice replaces the old one', () => {
  const notice = new NoticeState();
  notice.say('You’ve signed out.');
  notice.pageChanged();
  notice.say('You’re signed in.');
  notice.pageChanged();
  expect(notice.message).toBe('You’re signed in.');
});
