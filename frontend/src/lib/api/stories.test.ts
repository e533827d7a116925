import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from './client';
import { answer, problem, sent } from './fake-fetch';
import {
  createStory,
  defaultStoryInput,
  feedQuery,
  getStory,
  inputFromView,
  listFeed,
  listReplies,
  listSignposts,
  myStories,
  parseFeedPage,
  parseReplyView,
  parseStoryContent,
  parseStorySummary,
  parseStoryView,
  postReply,
  putSignpost,
  react,
  reportStory,
  setForumName,
  submitStory,
  unreact,
  updateStory,
  withdrawStory,
} from './stories';

const INPUT = {
  title: 'They looked in his bedroom',
  body: 'The social worker asked to see his bedroom.',
  area: 'E08000025',
  period: '2025-03',
  services: ['social-care'],
  stage: 'child-in-need',
  age_band: null,
  primary_need: null,
  tags: ['bedroom-inspected'],
  visibility: 'public',
  consent_count: true,
  consent_quote: false,
  content_warnings: [],
  pseudonym_mode: 'fresh',
} as const;

const VIEW = {
  id: 'k3v9x2mq7hza',
  state: 'published',
  live: true,
  title: 'They looked in his bedroom',
  html: '<p>The social worker asked to see his bedroom.</p>',
  body: 'The social worker asked to see his bedroom.',
  area: 'E08000025',
  area_name: 'Birmingham',
  period: '2025-03',
  services: ['social-care'],
  stage: 'child-in-need',
  age_band: null,
  primary_need: null,
  tags: ['bedroom-inspected'],
  visibility: 'public',
  consent_count: true,
  consent_quote: false,
  content_warnings: ['child-protection'],
  pseudonym: 'Quiet Heron',
  sample: false,
  published: '2026-11-23',
  updated: '2026-11-23',
  reactions: { count: 3, mine: false },
  replies: 2,
  signposts: [{ tag: 'bedroom-inspected', label: 'Bedroom inspected without cause', html: '<p>Help</p>' }],
  mine: false,
  moderator_message: null,
  pending_edit: null,
  forum: null,
};

const SUMMARY = {
  id: 'k3v9x2mq7hza',
  title: 'They looked in his bedroom',
  pseudonym: 'Quiet Heron',
  published: '2026-11-23',
  area: 'E08000025',
  area_name: 'Birmingham',
  period: '2025',
  services: ['social-care'],
  stage: null,
  tags: ['bedroom-inspected'],
  content_warnings: [],
  excerpt: 'The social worker asked…',
  reactions: 2,
  replies: 0,
  sample: true,
  forum: null,
};

/** A story from a partner forum, as the server says where it came from. */
const FROM_SHEFFIELD = {
  domain: 'sheffield.example:8443',
  name: 'Sheffield Parent Carer Forum',
  url: 'https://sheffield.example:8443/stories/abc123def456',
};

const REPLY = {
  id: 7,
  story_id: 'k3v9x2mq7hza',
  html: '<p>Same here.</p>',
  pseudonym: 'Bright Wren',
  by_author: false,
  state: 'pending',
  date: '2026-11-24',
  mine: true,
};

const SIGNPOST = { tag: 'bedroom-inspected', label: 'Bedroom inspected without cause', text: 'Help', html: '<p>Help</p>' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing a story', () => {
  test('a story as the contract shows it', () => {
    expect(parseStoryView(VIEW)).toEqual({ ...VIEW, pseudonym_mode: null });
    expect(parseStoryView({ ...VIEW, pseudonym_mode: 'forum-name' })?.pseudonym_mode).toBe('forum-name');
  });

  test('a draft: no body for others, never published, with a pending edit', () => {
    const edit = { ...INPUT, html: '<p>x</p>' };
    const draft = { ...VIEW, state: 'pending', body: null, published: null, pending_edit: edit, area: 'not-said', area_name: null };
    expect(parseStoryView(draft)).toEqual({ ...draft, pseudonym_mode: null });
  });

  test('anything off the contract spoils it', () => {
    for (const broken of [
      { id: 'K3V9X2MQ7HZA' },
      { id: 'short' },
      { state: 'archived' },
      { live: 'yes' },
      { visibility: 'everyone' },
      { period: '2025-13' },
      { period: '2025-03-01' },
      { services: ['school', 'school'] },
      { services: ['bank'] },
      { stage: 'annual' },
      { age_band: '4-7' },
      { primary_need: 'asd' },
      { content_warnings: ['scary'] },
      { tags: ['a', 'a'] },
      { published: '2026-11-23T10:00:00Z' },
      { updated: null },
      { reactions: { count: -1, mine: false } },
      { replies: 1.5 },
      { signposts: [{ tag: 'x' }] },
      { pending_edit: { html: '<p>x</p>' } },
      { pseudonym_mode: 'handle' },
      { moderator_message: 3 },
    ]) {
      expect(parseStoryView({ ...VIEW, ...broken }), JSON.stringify(broken)).toBeNull();
    }
    expect(parseStoryView(null)).toBeNull();
    expect(parseStoryView([VIEW])).toBeNull();
  });

  test('a pending edit as the server stores it: no pseudonym choice, no area as null', () => {
    const { pseudonym_mode: _mode, ...stored } = { ...INPUT, html: '<p>x</p>', area: null };
    expect(parseStoryContent(stored)).toEqual({ ...INPUT, html: '<p>x</p>', area: 'not-said' });
  });

  test('a pending edit without a pseudonym choice is a fresh pseudonym', () => {
    const { pseudonym_mode: _, ...rest } = INPUT;
    expect(parseStoryContent({ ...rest, html: '' })?.pseudonym_mode).toBe('fresh');
    expect(parseStoryContent({ ...INPUT, html: '', body: null })).toBeNull();
  });

  test('a partner forum’s story says which forum it came from, with a link to it there', () => {
    expect(parseStoryView({ ...VIEW, forum: FROM_SHEFFIELD })?.forum).toEqual(FROM_SHEFFIELD);
    expect(parseStorySummary({ ...SUMMARY, forum: FROM_SHEFFIELD })?.forum).toEqual(FROM_SHEFFIELD);
    expect(parseStorySummary({ ...SUMMARY, forum: { ...FROM_SHEFFIELD, name: null } })?.forum?.name).toBeNull();
    expect(parseStorySummary({ ...SUMMARY, forum: { ...FROM_SHEFFIELD, name: ' ' } })?.forum?.name).toBeNull();
    // The server may not know where the story is on its own forum: no link, then.
    expect(parseStorySummary({ ...SUMMARY, forum: { ...FROM_SHEFFIELD, url: null } })?.forum?.url).toBeNull();
    // A default port is the same host.
    const plain = { domain: 'leeds.example', name: null, url: 'https://leeds.example:443/stories/x' };
    expect(parseStorySummary({ ...SUMMARY, forum: plain })?.forum?.url).toBe('https://leeds.example/stories/x');
  });

  test('a server from before federation leaves `forum` out: this forum’s own story', () => {
    const { forum: _forum, ...older } = VIEW;
    expect(parseStoryView(older)?.forum).toBeNull();
    const { forum: _none, ...olderSummary } = SUMMARY;
    expect(parseStorySummary(olderSummary)?.forum).toBeNull();
  });

  test('a link to anything but the story’s own forum, on the web, spoils the story', () => {
    for (const forum of [
      { ...FROM_SHEFFIELD, url: 'javascript:alert(1)' },
      { ...FROM_SHEFFIELD, url: 'data:text/html,hello' },
      { ...FROM_SHEFFIELD, url: 'https://elsewhere.example/stories/abc123def456' },
      { ...FROM_SHEFFIELD, url: 'https://sheffield.example/stories/abc123def456' },
      { ...FROM_SHEFFIELD, url: 'https://sheffield.example:8443@elsewhere.example/' },
      { ...FROM_SHEFFIELD, url: 'https://me@sheffield.example:8443/' },
      { ...FROM_SHEFFIELD, url: '/stories/abc123def456' },
      { ...FROM_SHEFFIELD, domain: 'sheffield.example:8443/path' },
      { ...FROM_SHEFFIELD, domain: '' },
      { ...FROM_SHEFFIELD, name: 3 },
      { domain: 'sheffield.example:8443' },
      'sheffield.example',
    ]) {
      expect(parseStorySummary({ ...SUMMARY, forum }), JSON.stringify(forum)).toBeNull();
      expect(parseStoryView({ ...VIEW, forum }), JSON.stringify(forum)).toBeNull();
    }
  });

  test('a feed page, a reply', () => {
    const summary = { ...SUMMARY, reactions: { count: 2 } };
    expect(parseStorySummary(SUMMARY)).toEqual(summary);
    expect(parseStorySummary({ ...SUMMARY, reactions: { count: 2, mine: true } })).toEqual(summary);
    expect(parseStorySummary({ ...SUMMARY, reactions: -1 })).toBeNull();
    expect(parseStorySummary({ ...SUMMARY, excerpt: null })?.excerpt).toBeNull();
    expect(parseStorySummary({ ...SUMMARY, published: null })).toBeNull();
    expect(parseFeedPage({ items: [SUMMARY], next_cursor: 'abc' })).toEqual({ items: [summary], next_cursor: 'abc' });
    expect(parseFeedPage({ items: [SUMMARY], next_cursor: '' })).toBeNull();
    expect(parseFeedPage({ items: [{ ...SUMMARY, sample: 'no' }], next_cursor: null })).toBeNull();
    expect(parseReplyView(REPLY)).toEqual(REPLY);
    expect(parseReplyView({ ...REPLY, state: 'hidden' })).toBeNull();
    expect(parseReplyView({ ...REPLY, id: 'seven' })).toBeNull();
  });
});

describe('writing', () => {
  test('a new story starts as an empty draft for members, counted, not quoted', () => {
    expect(defaultStoryInput('not-said', '2026-11')).toEqual({
      title: '',
      body: '',
      area: 'not-said',
      period: '2026-11',
      services: [],
      stage: null,
      age_band: null,
      primary_need: null,
      tags: [],
      visibility: 'members',
      consent_count: true,
      consent_quote: false,
      content_warnings: [],
      pseudonym_mode: 'fresh',
    });
  });

  test('creating sends only the input’s fields', async () => {
    const fetch = answer(Response.json({ ...VIEW, state: 'draft' }, { status: 201 }));
    const story = await createStory({ ...INPUT, services: [...INPUT.services], tags: [...INPUT.tags], content_warnings: [] });
    expect(story.state).toBe('draft');
    expect(sent(fetch)).toEqual({ path: '/api/v1/stories', method: 'POST', body: INPUT });
  });

  test('editing a story taken from its view sends the view’s content back', async () => {
    const view = parseStoryView(VIEW);
    if (!view) throw new Error('VIEW should parse');
    const fetch = answer(Response.json(VIEW));
    await updateStory(view.id, inputFromView(view, 'fresh'));
    expect(sent(fetch)).toEqual({
      path: '/api/v1/stories/k3v9x2mq7hza',
      method: 'PUT',
      body: { ...INPUT, content_warnings: ['child-protection'] },
    });
  });

  test('submitting, withdrawing', async () => {
    let fetch = answer(Response.json({ ...VIEW, state: 'pending' }));
    expect((await submitStory('k3v9x2mq7hza')).state).toBe('pending');
    expect(sent(fetch)).toEqual({ path: '/api/v1/stories/k3v9x2mq7hza/submit', method: 'POST', body: undefined });

    fetch = answer(new Response(null, { status: 204 }));
    await expect(withdrawStory('k3v9x2mq7hza')).resolves.toBeUndefined();
    expect(sent(fetch)).toEqual({ path: '/api/v1/stories/k3v9x2mq7hza', method: 'DELETE', body: undefined });
  });

  test('submitting without a title says what is missing, in plain words', async () => {
    answer(problem(422, 'story_incomplete'));
    const error = await submitStory('k3v9x2mq7hza').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('story_incomplete');
    expect((error as ApiError).message).toMatch(/needs a title/);
  });

  test('a withdrawn story is its own error', async () => {
    answer(problem(410, 'withdrawn'));
    const error = await getStory('k3v9x2mq7hza').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('withdrawn');
  });

  test('the forum name, set and cleared', async () => {
    let fetch = answer(Response.json({ forum_name: 'Sam from Leeds' }));
    await expect(setForumName('Sam from Leeds')).resolves.toBe('Sam from Leeds');
    expect(sent(fetch)).toEqual({ path: '/api/v1/me/forum-name', method: 'PUT', body: { forum_name: 'Sam from Leeds' } });

    fetch = answer(Response.json({ forum_name: null }));
    await expect(setForumName(null)).resolves.toBeNull();
    expect(sent(fetch).body).toEqual({ forum_name: null });

    answer(problem(409, 'forum_name_taken'));
    const error = await setForumName('Sam').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('forum_name_taken');
  });
});

describe('reading', () => {
  test('the feed’s query has only the filters that are set', () => {
    expect(feedQuery({})).toBe('');
    expect(feedQuery({ tag: 'bedroom-inspected', period: '2025', service: 'la-send' }, 'next page')).toBe(
      'tag=bedroom-inspected&service=la-send&period=2025&cursor=next+page',
    );
    expect(feedQuery({ area: 'E08000025', category: 'meetings', limit: 50 })).toBe('category=meetings&area=E08000025&limit=50');
  });

  test('the partner forums’ feed is asked for by name; this forum’s own is the default', () => {
    expect(feedQuery({ source: 'partners', tag: 'bedroom-inspected' })).toBe('source=partners&tag=bedroom-inspected');
    expect(feedQuery({ source: 'local', tag: 'bedroom-inspected' })).toBe('tag=bedroom-inspected');
  });

  test('the feed, a story, my stories', async () => {
    let fetch = answer(Response.json({ items: [SUMMARY], next_cursor: null }));
    await expect(listFeed({ tag: 'bedroom-inspected' })).resolves.toEqual({
      items: [{ ...SUMMARY, reactions: { count: 2 } }],
      next_cursor: null,
    });
    expect(sent(fetch).path).toBe('/api/v1/stories?tag=bedroom-inspected');

    fetch = answer(Response.json({ items: [], next_cursor: null }));
    await listFeed();
    expect(sent(fetch).path).toBe('/api/v1/stories');

    fetch = answer(Response.json(VIEW));
    await expect(getStory('k3v9x2mq7hza')).resolves.toMatchObject({ id: 'k3v9x2mq7hza' });
    expect(sent(fetch)).toEqual({ path: '/api/v1/stories/k3v9x2mq7hza', method: 'GET', body: undefined });

    fetch = answer(Response.json([VIEW, { ...VIEW, id: 'a00000000000', state: 'draft' }]));
    expect((await myStories()).map((s) => s.state)).toEqual(['published', 'draft']);
    expect(sent(fetch).path).toBe('/api/v1/me/stories');
  });

  test('one broken story spoils the list', async () => {
    answer(Response.json([VIEW, { ...VIEW, state: 'lost' }]));
    const error = await myStories().catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unexpected');
  });
});

describe('peer support', () => {
  test('replies', async () => {
    let fetch = answer(Response.json([REPLY]));
    await expect(listReplies('k3v9x2mq7hza')).resolves.toEqual([REPLY]);
    expect(sent(fetch).path).toBe('/api/v1/stories/k3v9x2mq7hza/replies');

    fetch = answer(Response.json(REPLY, { status: 201 }));
    await expect(postReply('k3v9x2mq7hza', 'Same here.')).resolves.toEqual(REPLY);
    expect(sent(fetch)).toEqual({ path: '/api/v1/stories/k3v9x2mq7hza/replies', method: 'POST', body: { body: 'Same here.' } });
  });

  test('reactions', async () => {
    let fetch = answer(Response.json({ count: 4, mine: true }, { status: 201 }));
    await expect(react('k3v9x2mq7hza')).resolves.toEqual({ count: 4, mine: true });
    expect(sent(fetch)).toEqual({ path: '/api/v1/stories/k3v9x2mq7hza/reactions', method: 'POST', body: undefined });

    fetch = answer(Response.json({ count: 3, mine: false }));
    await expect(unreact('k3v9x2mq7hza')).resolves.toEqual({ count: 3, mine: false });
    expect(sent(fetch).method).toBe('DELETE');

    answer(problem(422, 'own_story'));
    expect(((await react('k3v9x2mq7hza').catch((e: unknown) => e)) as ApiError).code).toBe('own_story');
  });

  test('a report sends only what was given', async () => {
    let fetch = answer(Response.json({ id: 5 }, { status: 201 }));
    await expect(reportStory('k3v9x2mq7hza', { reason: 'identifying' })).resolves.toBe(5);
    expect(sent(fetch).body).toEqual({ reason: 'identifying' });

    fetch = answer(Response.json({ id: 6 }, { status: 201 }));
    await reportStory('k3v9x2mq7hza', { reason: 'other', note: 'Names a school', reply_id: 7 });
    expect(sent(fetch).body).toEqual({ reason: 'other', note: 'Names a school', reply_id: 7 });
  });

  test('signposts', async () => {
    let fetch = answer(Response.json([SIGNPOST]));
    await expect(listSignposts()).resolves.toEqual([SIGNPOST]);
    expect(sent(fetch).path).toBe('/api/v1/signposts');

    fetch = answer(Response.json(SIGNPOST));
    await expect(putSignpost('bedroom-inspected', 'Help')).resolves.toEqual(SIGNPOST);
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/signposts/bedroom-inspected', method: 'PUT', body: { text: 'Help' } });

    answer(new Response(null, { status: 204 }));
    await expect(putSignpost('local:x y', '')).resolves.toBeNull();
  });
});
