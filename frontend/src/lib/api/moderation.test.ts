import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  closeReport,
  decisionBody,
  moderateReply,
  moderateStory,
  moderationLog,
  moderationQueue,
  parseLogEntry,
  parseOpenReport,
  parseQueue,
  parseQueuedReply,
  parseQueuedStory,
} from './moderation';

const STORY = {
  id: 'k3v9x2mq7hza',
  state: 'pending',
  live: false,
  title: 'The meeting we were not invited to',
  html: '<p>They met without us.</p>',
  body: 'They met without us. Ask Maisie.',
  area: 'E08000025',
  area_name: 'Birmingham',
  period: '2025-03',
  services: ['school'],
  stage: 'annual-review',
  age_band: null,
  primary_need: null,
  tags: ['pre-meeting-without-parent'],
  visibility: 'public',
  consent_count: true,
  consent_quote: false,
  content_warnings: [],
  pseudonym: 'Quiet Heron',
  sample: false,
  published: null,
  updated: '2026-11-23',
  reactions: { count: 0, mine: false },
  replies: 0,
  signposts: [],
  mine: false,
  moderator_message: null,
  pending_edit: null,
};
const NAME = { kind: 'name', start: 25, end: 31, text: 'Maisie', confidence: 0.9, replacement: '[name]' };
const QUEUED_STORY = { story: STORY, kind: 'new', submitted: '2026-11-23', findings: [NAME], text: STORY.body };
const REPLY = {
  id: 7,
  story_id: 'k3v9x2mq7hza',
  html: '<p>Same here.</p>',
  pseudonym: 'Bright Otter',
  by_author: false,
  state: 'pending',
  date: '2026-11-24',
  mine: false,
};
const QUEUED_REPLY = { reply: REPLY, story_id: 'k3v9x2mq7hza', story_title: STORY.title, body: 'Same here.', findings: [] };
const REPORT = {
  id: 3,
  story_id: 'k3v9x2mq7hza',
  story_title: STORY.title,
  reply_id: null,
  reason: 'identifying',
  note: 'It names the school.',
  date: '2026-11-25',
  reply_html: null,
};
const ENTRY = {
  id: 40,
  action: 'story_approved',
  actor: 'rowan',
  subject: null,
  story_id: 'k3v9x2mq7hza',
  detail: '',
  reason: null,
  date: '2026-11-25',
};

function answer(response: Response) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing the queue', () => {
  test('stories, replies and reports as they came', () => {
    const queued = parseQueuedStory(QUEUED_STORY);
    expect(queued?.story.id).toBe('k3v9x2mq7hza');
    expect(queued?.kind).toBe('new');
    expect(queued?.findings).toEqual([NAME]);
    expect(queued?.text).toBe(STORY.body);
    expect(parseQueuedReply(QUEUED_REPLY)).toEqual(QUEUED_REPLY);
    expect(parseOpenReport(REPORT)).toEqual(REPORT);
    const queue = parseQueue({ stories: [QUEUED_STORY], replies: [QUEUED_REPLY], reports: [REPORT] });
    expect(queue?.stories).toHaveLength(1);
    expect(queue?.replies).toEqual([QUEUED_REPLY]);
    expect(queue?.reports).toEqual([REPORT]);
    expect(parseQueue({ stories: [], replies: [], reports: [] })).toEqual({ stories: [], replies: [], reports: [] });
  });

  test('a report of a reply, and a report with no note', () => {
    const ofReply = { ...REPORT, reply_id: 7, reply_html: '<p>Same here.</p>', note: '' };
    expect(parseOpenReport(ofReply)).toEqual({ ...ofReply, note: null });
    const { note: _note, ...noNote } = REPORT;
    expect(parseOpenReport(noNote)?.note).toBeNull();
  });

  test('anything that breaks the contract spoils the answer', () => {
    expect(parseQueuedStory({ ...QUEUED_STORY, kind: 'old' })).toBeNull();
    expect(parseQueuedStory({ ...QUEUED_STORY, findings: [{ ...NAME, kind: 'shoe_size' }] })).toBeNull();
    expect(parseQueuedStory({ ...QUEUED_STORY, story: { ...STORY, id: 'x' } })).toBeNull();
    expect(parseQueuedStory({ ...QUEUED_STORY, text: null })).toBeNull();
    expect(parseQueuedReply({ ...QUEUED_REPLY, reply: { ...REPLY, state: 'maybe' } })).toBeNull();
    expect(parseOpenReport({ ...REPORT, reason: 'boring' })).toBeNull();
    expect(parseOpenReport({ ...REPORT, reply_id: '7' })).toBeNull();
    expect(parseQueue({ stories: [], replies: [] })).toBeNull();
  });
});

describe('parsing the log', () => {
  test('an entry, with or without a story', () => {
    expect(parseLogEntry(ENTRY)).toEqual(ENTRY);
    const { story_id: _storyId, ...older } = { ...ENTRY, action: 'role_changed', subject: 'sam', story_id: undefined };
    expect(parseLogEntry(older)).toEqual({ ...older, story_id: null });
    expect(parseLogEntry({ ...ENTRY, actor: null, reason: 'It names a school.' })?.actor).toBeNull();
  });

  test('an entry that breaks the contract is refused', () => {
    expect(parseLogEntry({ ...ENTRY, id: -1 })).toBeNull();
    expect(parseLogEntry({ ...ENTRY, story_id: 12 })).toBeNull();
    expect(parseLogEntry({ ...ENTRY, date: 'yesterday' })).toBeNull();
    expect(parseLogEntry({ ...ENTRY, action: null })).toBeNull();
  });
});

describe('what is sent', () => {
  test('each decision carries only what the server reads', () => {
    expect(decisionBody({ action: 'approve' })).toEqual({ action: 'approve' });
    expect(decisionBody({ action: 'request_changes', reason: 'Please take out the school.' })).toEqual({
      action: 'request_changes',
      reason: 'Please take out the school.',
    });
    expect(decisionBody({ action: 'correct_tags', tags: ['a'], reason: '' })).toEqual({ action: 'correct_tags', tags: ['a'] });
    const extra = { ...NAME, kind: 'name' as const, highlighted: true };
    expect(decisionBody({ action: 'redact', findings: [extra], reason: 'A name' })).toEqual({
      action: 'redact',
      findings: [NAME],
      reason: 'A name',
    });
    expect(decisionBody({ action: 'unpublish', reason: 'Reported: it names a school.' })).toEqual({
      action: 'unpublish',
      reason: 'Reported: it names a school.',
    });
  });

  test('approving a story posts the decision to its path', async () => {
    const fetch = answer(Response.json({ ...STORY, state: 'published', live: true, published: '2026-11-25' }));
    const story = await moderateStory('k3v9x2mq7hza', { action: 'approve' });
    expect(story.state).toBe('published');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/moderation/stories/k3v9x2mq7hza');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"action":"approve"}');
  });

  test('replies and reports', async () => {
    let fetch = answer(Response.json({ ...REPLY, state: 'published' }));
    await expect(moderateReply(7, 'approve')).resolves.toEqual({ ...REPLY, state: 'published' });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/moderation/replies/7');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"action":"approve"}');

    fetch = answer(new Response(null, { status: 204 }));
    await closeReport(3, 'dismiss', 'Nothing identifying in it.');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/moderation/reports/3');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"action":"dismiss","reason":"Nothing identifying in it."}');
  });

  test('the queue, and the log a page at a time', async () => {
    let fetch = answer(Response.json({ stories: [], replies: [], reports: [REPORT] }));
    await expect(moderationQueue()).resolves.toEqual({ stories: [], replies: [], reports: [REPORT] });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/moderation/queue');

    fetch = answer(Response.json([ENTRY]));
    await expect(moderationLog()).resolves.toEqual([ENTRY]);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/moderation/log');
    fetch = answer(Response.json([]));
    await expect(moderationLog(40)).resolves.toEqual([]);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/moderation/log?before=40');
  });
});
