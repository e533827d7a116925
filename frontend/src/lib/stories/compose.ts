// The story composer's steps, the checks each step makes before moving on, and its wording.
// Pure: the page (`pages/Compose.svelte`) and its step components hold the state.

import { ApiError, messageFor, type StoryInput, type StoryView } from '../api';
import type { FieldError } from '../forms/errors';
import { BODY_MAX_CHARS, MAX_TAGS, TITLE_MAX_CHARS, type PseudonymMode, type StoryState } from './options';
import { periodProblem, type PeriodParts } from './period';

export const STEPS = [
  { id: 'write', title: 'Write your story' },
  { id: 'check', title: 'Check for identifying details' },
  { id: 'tags', title: 'Choose tags' },
  { id: 'details', title: 'Add some details' },
  { id: 'visibility', title: 'Choose who sees it' },
  { id: 'review', title: 'Check your story and send it' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

/** The ids of the composer's fields, for error links (`#story-title`) and labels. */
export const FIELD = {
  title: 'story-title',
  body: 'story-body',
  check: 'story-check',
  tags: 'story-tags',
  area: 'story-area',
  month: 'story-month',
  year: 'story-year',
  services: 'story-service-school',
  stage: 'story-stage',
  visibility: 'story-visibility-counted-only',
  pseudonym: 'story-pseudonym-fresh',
} as const;

export function stepIndex(step: StepId): number {
  return STEPS.findIndex((s) => s.id === step);
}

/** "Step 2 of 6" */
export function stepCaption(step: StepId): string {
  return `Step ${stepIndex(step) + 1} of ${STEPS.length}`;
}

export function stepTitle(step: StepId): string {
  return STEPS[stepIndex(step)]?.title ?? '';
}

export function nextStep(step: StepId): StepId | null {
  return STEPS[stepIndex(step) + 1]?.id ?? null;
}

export function previousStep(step: StepId): StepId | null {
  return STEPS[stepIndex(step) - 1]?.id ?? null;
}

/** Characters as the server counts them: Unicode code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** "You have 12 characters left", or "You have 1 character too many". */
export function charactersLeft(text: string, max: number): string {
  const left = max - characterCount(text);
  const n = Math.abs(left);
  const characters = n === 1 ? 'character' : 'characters';
  return left >= 0 ? `You have ${n.toLocaleString('en-GB')} ${characters} left` : `You have ${n.toLocaleString('en-GB')} ${characters} too many`;
}

/** What must change before leaving the "Write" step. */
export function writeProblems(input: Pick<StoryInput, 'title' | 'body'>): FieldError[] {
  const errors: FieldError[] = [];
  if (input.title.trim() === '') errors.push({ field: FIELD.title, message: 'Give your story a title.' });
  else if (characterCount(input.title) > TITLE_MAX_CHARS) errors.push({ field: FIELD.title, message: titleTooLong() });
  if (input.body.trim() === '') errors.push({ field: FIELD.body, message: 'Write your story.' });
  else if (characterCount(input.body) > BODY_MAX_CHARS) errors.push({ field: FIELD.body, message: bodyTooLong() });
  return errors;
}

/** What must change before leaving the "Check" step: the box there holds the story too. */
export function checkProblems(input: Pick<StoryInput, 'body'>): FieldError[] {
  if (input.body.trim() === '') return [{ field: FIELD.check, message: 'Write your story.' }];
  if (characterCount(input.body) > BODY_MAX_CHARS) return [{ field: FIELD.check, message: bodyTooLong() }];
  return [];
}

export function tagsProblems(input: Pick<StoryInput, 'tags'>): FieldError[] {
  if (input.tags.length <= MAX_TAGS) return [];
  return [{ field: FIELD.tags, message: `Choose up to ${MAX_TAGS} tags. You have chosen ${input.tags.length}.` }];
}

export function detailsProblems(period: PeriodParts, now: Date = new Date()): FieldError[] {
  const problem = periodProblem(period, now);
  if (!problem) return [];
  return [{ field: period.month === null ? FIELD.year : FIELD.month, message: problem }];
}

function titleTooLong(): string {
  return `Your title must be ${TITLE_MAX_CHARS} characters or fewer.`;
}

function bodyTooLong(): string {
  return `Your story must be ${BODY_MAX_CHARS.toLocaleString('en-GB')} characters or fewer.`;
}

/**
 * A failed save or submit as the error summary lists it, tied to the field to put right when
 * there is one. `text_too_long`'s detail names the field ("title" or "body").
 */
export function storyErrorsFrom(error: unknown, bodyField: string = FIELD.body): FieldError[] {
  if (!(error instanceof ApiError)) return [{ field: null, message: messageFor('unexpected') }];
  const detail = error.problem?.detail ?? '';
  switch (error.code) {
    case 'text_too_long':
      return /\btitle\b/i.test(detail)
        ? [{ field: FIELD.title, message: titleTooLong() }]
        : [{ field: bodyField, message: bodyTooLong() }];
    case 'story_incomplete': {
      const errors: FieldError[] = [];
      if (/\btitle\b/i.test(detail)) errors.push({ field: null, message: 'Your story needs a title before it can be sent.' });
      if (/\bbody\b|\btext\b|story itself/i.test(detail)) errors.push({ field: null, message: 'Your story needs some text before it can be sent.' });
      return errors.length > 0 ? errors : [{ field: null, message: error.message }];
    }
    case 'forum_name_missing':
      return [{ field: FIELD.pseudonym, message: error.message }];
    default:
      return [{ field: null, message: error.message }];
  }
}

/** How an existing story's name was chosen, when the server does not say. */
export function pseudonymModeOf(view: Pick<StoryView, 'pseudonym' | 'pseudonym_mode'>, forumName: string | null): PseudonymMode {
  if (view.pseudonym_mode) return view.pseudonym_mode;
  return forumName !== null && view.pseudonym === forumName ? 'forum-name' : 'fresh';
}

/** Whether the author may change a story in this state (rejected and withdrawn ones are closed). */
export function canEdit(state: StoryState): boolean {
  switch (state) {
    case 'draft':
    case 'pending':
    case 'published':
    case 'changes-requested':
      return true;
    case 'rejected':
    case 'withdrawn':
      return false;
  }
}

/**
 * How the composer ends for a story: a draft (or one a moderator asked to change) is
 * submitted; a live story's change is sent for checking by saving it; a story already
 * waiting is saved, and keeps waiting.
 */
export type Finish = 'submit' | 'send-changes' | 'save-waiting';

export function finishFor(view: Pick<StoryView, 'state' | 'live'> | null): Finish {
  if (view === null) return 'submit';
  if (view.live) return 'send-changes';
  return view.state === 'pending' ? 'save-waiting' : 'submit';
}

export function finishLabel(finish: Finish): string {
  switch (finish) {
    case 'submit':
      return 'Submit for moderation';
    case 'send-changes':
      return 'Send changes for checking';
    case 'save-waiting':
      return 'Save changes';
  }
}

/** The notice on "My stories" afterwards. */
export function finishedNotice(finish: Finish): string {
  switch (finish) {
    case 'submit':
      return 'Your story has been sent to the moderators. We’ll let you know when they have read it.';
    case 'send-changes':
      return 'Your changes have been sent to the moderators. The published version stays up until they approve them.';
    case 'save-waiting':
      return 'Your changes are saved. Your story is still waiting for a moderator.';
  }
}

/** "3 people said this happened to them too" */
export function reactionsSentence(count: number): string {
  if (count === 0) return 'Nobody has said this happened to them too yet';
  return count === 1 ? '1 person said this happened to them too' : `${count.toLocaleString('en-GB')} people said this happened to them too`;
}

export function repliesSentence(count: number): string {
  if (count === 0) return 'No replies yet';
  return count === 1 ? '1 reply' : `${count.toLocaleString('en-GB')} replies`;
}
