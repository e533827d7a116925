import { expect, test } from 'vitest';
import { ApiError } from '../api';
import {
  canEdit,
  characterCount,
  charactersLeft,
  checkProblems,
  detailsProblems,
  finishFor,
  finishLabel,
  nextStep,
  previousStep,
  pseudonymModeOf,
  reactionsSentence,
  repliesSentence,
  stepCaption,
  stepTitle,
  storyErrorsFrom,
  tagsProblems,
  writeProblems,
} from './compose';

const NOV_2026 = new Date(2026, 10, 23, 12);

function problem(code: string, detail?: string): ApiError {
  return new ApiError(code as never, 422, { type: 'about:blank', title: code, status: 422, code, ...(detail ? { detail } : {}) });
}

test('six steps, in order', () => {
  expect(`${stepCaption('check')}: ${stepTitle('check')}`).toBe('Step 2 of 6: Check for identifying details');
  expect(nextStep('write')).toBe('check');
  expect(nextStep('review')).toBeNull();
  expect(previousStep('write')).toBeNull();
  expect(previousStep('review')).toBe('visibility');
});

test('characters are counted as the server counts them', () => {
  expect(characterCount('😊 hi')).toBe(4);
  expect(charactersLeft('abc', 140)).toBe('You have 137 characters left');
  expect(charactersLeft('a', 2)).toBe('You have 1 character left');
  expect(charactersLeft('abc', 2)).toBe('You have 1 character too many');
  expect(charactersLeft('', 20_000)).toBe('You have 20,000 characters left');
});

test('writing needs a title and a story, each within its limit', () => {
  expect(writeProblems({ title: ' ', body: '' })).toEqual([
    { field: 'story-title', message: 'Give your story a title.' },
    { field: 'story-body', message: 'Write your story.' },
  ]);
  expect(writeProblems({ title: 'x'.repeat(141), body: 'x'.repeat(20_001) })).toEqual([
    { field: 'story-title', message: 'Your title must be 140 characters or fewer.' },
    { field: 'story-body', message: 'Your story must be 20,000 characters or fewer.' },
  ]);
  expect(writeProblems({ title: 'x'.repeat(140), body: 'x' })).toEqual([]);
  expect(checkProblems({ body: '' })).toEqual([{ field: 'story-check', message: 'Write your story.' }]);
});

test('at most 12 tags; never a future month', () => {
  expect(tagsProblems({ tags: Array.from({ length: 12 }, (_, i) => `t${i}`) })).toEqual([]);
  expect(tagsProblems({ tags: Array.from({ length: 13 }, (_, i) => `t${i}`) })[0]?.message).toBe(
    'Choose up to 12 tags. You have chosen 13.',
  );
  expect(detailsProblems({ year: 2026, month: 12 }, NOV_2026)[0]?.field).toBe('story-month');
  expect(detailsProblems({ year: 2027, month: null }, NOV_2026)[0]?.field).toBe('story-year');
  expect(detailsProblems({ year: 2026, month: 11 }, NOV_2026)).toEqual([]);
});

test('the server’s refusals, by the field to put right', () => {
  expect(storyErrorsFrom(problem('text_too_long', 'title is longer than 140 characters'))).toEqual([
    { field: 'story-title', message: 'Your title must be 140 characters or fewer.' },
  ]);
  expect(storyErrorsFrom(problem('text_too_long', 'body is too long'), 'story-check')).toEqual([
    { field: 'story-check', message: 'Your story must be 20,000 characters or fewer.' },
  ]);
  expect(storyErrorsFrom(problem('story_incomplete', 'title is empty'))).toEqual([
    { field: null, message: 'Your story needs a title before it can be sent.' },
  ]);
  // As the server words it.
  expect(storyErrorsFrom(problem('story_incomplete', 'Add a title and the story itself before sending it.'))).toEqual([
    { field: null, message: 'Your story needs a title before it can be sent.' },
    { field: null, message: 'Your story needs some text before it can be sent.' },
  ]);
  expect(storyErrorsFrom(problem('text_too_long', 'title: a title can be up to 140 characters.'))[0]?.field).toBe('story-title');
  expect(storyErrorsFrom(problem('text_too_long', 'body: a story can be up to 20000 characters.'))[0]?.field).toBe('story-body');
  expect(storyErrorsFrom(problem('forum_name_missing'))[0]?.field).toBe('story-pseudonym-fresh');
  expect(storyErrorsFrom(new ApiError('network', null, null))[0]?.field).toBeNull();
  expect(storyErrorsFrom(new Error('boom'))[0]?.message).toMatch(/didn’t understand/);
});

test('a story’s name, and whether it can change', () => {
  expect(pseudonymModeOf({ pseudonym: 'Sam', pseudonym_mode: null }, 'Sam')).toBe('forum-name');
  expect(pseudonymModeOf({ pseudonym: 'Quiet Heron', pseudonym_mode: null }, 'Sam')).toBe('fresh');
  expect(pseudonymModeOf({ pseudonym: 'Sam', pseudonym_mode: 'fresh' }, 'Sam')).toBe('fresh');
  expect(canEdit('changes-requested')).toBe(true);
  expect(canEdit('rejected')).toBe(false);
});

test('how the composer ends', () => {
  expect(finishLabel(finishFor(null))).toBe('Submit for moderation');
  expect(finishFor({ state: 'changes-requested', live: false })).toBe('submit');
  expect(finishLabel(finishFor({ state: 'published', live: true }))).toBe('Send changes for checking');
  expect(finishFor({ state: 'pending', live: true })).toBe('send-changes');
  expect(finishFor({ state: 'pending', live: false })).toBe('save-waiting');
});

test('reactions and replies in words', () => {
  expect(reactionsSentence(3)).toBe('3 people said this happened to them too');
  expect(reactionsSentence(1)).toBe('1 person said this happened to them too');
  expect(repliesSentence(2)).toBe('2 replies');
  expect(repliesSentence(1)).toBe('1 reply');
});
