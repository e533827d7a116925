import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ApiError, defaultStoryInput, type StoryInput, type StoryView } from '../api';
import { DraftSaver, type SaveStatus } from './draft-saver';

function viewOf(id: string, input: StoryInput): StoryView {
  return {
    ...input,
    id,
    state: 'draft',
    live: false,
    html: '',
    area_name: null,
    pseudonym: 'Quiet Heron',
    pseudonym_mode: input.pseudonym_mode,
    sample: false,
    published: null,
    updated: '2026-11-23',
    reactions: { count: 0, mine: false },
    replies: 0,
    signposts: [],
    mine: true,
    moderator_message: null,
    forum: null,
    pending_edit: null,
  };
}

const START = { ...defaultStoryInput('not-said', '2026-11'), title: 'A title', body: 'A story.' };

function saver(id: string | null = null) {
  const statuses: SaveStatus[] = [];
  const create = vi.fn(async (input: StoryInput) => viewOf('abcdefabcdef', input));
  const update = vi.fn(async (storyId: string, input: StoryInput) => viewOf(storyId, input));
  const drafts = new DraftSaver({ id, create, update, onStatus: (status) => statuses.push(status), delayMs: 2_000 });
  return { drafts, create, update, statuses };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

test('the first save creates the story, later ones change it', async () => {
  const { drafts, create, update, statuses } = saver();
  await drafts.saveNow(START);
  expect(create).toHaveBeenCalledWith(START);
  expect(drafts.id).toBe('abcdefabcdef');
  await drafts.saveNow({ ...START, title: 'Another' });
  expect(update).toHaveBeenCalledWith('abcdefabcdef', { ...START, title: 'Another' });
  expect(statuses).toEqual(['saving', 'saved', 'saving', 'saved']);
});

test('the same content is not saved twice', async () => {
  const { drafts, update } = saver('abcdefabcdef');
  await drafts.saveNow(START);
  await expect(drafts.saveNow({ ...START })).resolves.toBeNull();
  expect(update).toHaveBeenCalledTimes(1);
});

test('typing saves once, after a pause, with the latest text', async () => {
  const { drafts, update } = saver('abcdefabcdef');
  drafts.schedule({ ...START, body: 'A' });
  await vi.advanceTimersByTimeAsync(1_000);
  drafts.schedule({ ...START, body: 'A st' });
  await vi.advanceTimersByTimeAsync(1_999);
  expect(update).not.toHaveBeenCalled();
  await vi.advanceTimersByTimeAsync(1);
  expect(update).toHaveBeenCalledTimes(1);
  expect(update.mock.calls[0]?.[1].body).toBe('A st');
});

test('a later change to the form does not reach a save waiting for a pause', async () => {
  const { drafts, update } = saver('abcdefabcdef');
  const input = { ...START, tags: ['a'] };
  drafts.schedule(input);
  input.tags.push('b');
  await vi.advanceTimersByTimeAsync(2_000);
  expect(update.mock.calls[0]?.[1].tags).toEqual(['a']);
});

test('saving now replaces a save waiting for a pause', async () => {
  const { drafts, update } = saver('abcdefabcdef');
  drafts.schedule({ ...START, body: 'old' });
  await drafts.saveNow({ ...START, body: 'new' });
  await vi.advanceTimersByTimeAsync(5_000);
  expect(update).toHaveBeenCalledTimes(1);
  expect(update.mock.calls[0]?.[1].body).toBe('new');
});

test('saves run one at a time, in order: the first creates, the second changes what it made', async () => {
  const { drafts, create, update } = saver();
  let finishCreate: (view: StoryView) => void = () => undefined;
  create.mockImplementationOnce((input) => new Promise((resolve) => (finishCreate = () => resolve(viewOf('abcdefabcdef', input)))));
  const first = drafts.saveNow(START);
  const second = drafts.saveNow({ ...START, title: 'Second' });
  await vi.advanceTimersByTimeAsync(0);
  expect(update).not.toHaveBeenCalled();
  finishCreate(viewOf('abcdefabcdef', START));
  await first;
  await second;
  expect(create).toHaveBeenCalledTimes(1);
  expect(update).toHaveBeenCalledWith('abcdefabcdef', { ...START, title: 'Second' });
});

test('a failed save is said, thrown to whoever asked, and the next one tries again', async () => {
  const { drafts, update, statuses } = saver('abcdefabcdef');
  update.mockRejectedValueOnce(new ApiError('network', null, null));
  await expect(drafts.saveNow(START)).rejects.toMatchObject({ code: 'network' });
  expect(statuses).toEqual(['saving', 'failed']);
  await drafts.saveNow(START);
  expect(update).toHaveBeenCalledTimes(2);
  expect(statuses.at(-1)).toBe('saved');
});

test('a failed save while typing does not throw', async () => {
  const { drafts, update, statuses } = saver('abcdefabcdef');
  update.mockRejectedValueOnce(new ApiError('network', null, null));
  drafts.schedule(START);
  await vi.advanceTimersByTimeAsync(2_000);
  expect(statuses).toEqual(['saving', 'failed']);
});

test('once stopped, nothing waiting is saved', async () => {
  const { drafts, update } = saver('abcdefabcdef');
  drafts.schedule(START);
  drafts.stop();
  drafts.schedule(START);
  await vi.advanceTimersByTimeAsync(5_000);
  expect(update).not.toHaveBeenCalled();
});
