import { expect, test } from 'vitest';
import { FORUM_NAME_IS_HANDLE, FORUM_NAME_LOOKS_MADE_UP, FORUM_NAME_RULE, forumNameProblem, forumNameRefusal } from './forum-name';

test('letters, single spaces, hyphens and apostrophes, 3 to 40 of them', () => {
  expect(forumNameProblem('Sam from Leeds', 'sam_l')).toBeNull();
  expect(forumNameProblem('  Zoë Ann-Marie O\'Neill ', 'sam_l')).toBeNull();
  expect(forumNameProblem('', 'sam_l')).toBe('Enter a forum name.');
  expect(forumNameProblem('Al', 'sam_l')).toBe(FORUM_NAME_RULE);
  expect(forumNameProblem('x'.repeat(41), 'sam_l')).toBe(FORUM_NAME_RULE);
  expect(forumNameProblem('Sam_1', 'sam_l')).toBe(FORUM_NAME_RULE);
  expect(forumNameProblem('Sam  Leeds', 'sam_l')).toBe(FORUM_NAME_RULE);
  expect(forumNameProblem('sam@example.com', 'sam_l')).toBe(FORUM_NAME_RULE);
});

test('never the handle', () => {
  expect(forumNameProblem('Rowan', 'rowan')).toBe(FORUM_NAME_IS_HANDLE);
});

test('the server’s refusals, by the rule its detail names', () => {
  expect(forumNameRefusal('forum_name: your handle is never shown on stories; choose a different name.')).toBe(FORUM_NAME_IS_HANDLE);
  expect(forumNameRefusal('forum_name: that looks like one of the pseudonyms given to stories; choose another.')).toBe(
    FORUM_NAME_LOOKS_MADE_UP,
  );
  expect(forumNameRefusal('forum_name: 3 to 40 letters, single spaces, hyphens or apostrophes.')).toBe(FORUM_NAME_RULE);
  expect(forumNameRefusal(undefined)).toBe(FORUM_NAME_RULE);
});
