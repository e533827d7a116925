// Stories and the peer support around them: writing (drafts, submitting, changing, withdrawing),
// reading (one story, the feed, the member's own), replies, "this happened to me too"
// reactions, reports and the forum's signposting texts. The contract is issue 7's
// (`/api/v1/stories…`, `/api/v1/me/stories`, `/api/v1/me/forum-name`, `/api/v1/signposts`).
// Story text goes to the server and sanitised HTML comes back; the app never makes HTML itself.

import { request } from './client';
import { asFields, isCount, isDate, isString, parsed, parseList, type Fields } from './parse';
import {
  AGE_BANDS,
  AREA_NOT_SAID,
  CONTENT_WARNINGS,
  isOneOf,
  PRIMARY_NEEDS,
  PSEUDONYM_MODES,
  SERVICES,
  STAGES,
  STORY_STATES,
  VISIBILITIES,
  type AgeBand,
  type ContentWarning,
  type PrimaryNeed,
  type PseudonymMode,
  type ReportReason,
  type Service,
  type Stage,
  type StoryState,
  type Visibility,
} from '../stories/options';

/** What an author writes: `POST /api/v1/stories` and `PUT /api/v1/stories/{id}` take it. */
export interface StoryInput {
  /** May be empty while a draft; at most 140 characters. */
  title: string;
  /** Markdown. May be empty while a draft; at most 20,000 characters. */
  body: string;
  /** A GSS code from `GET /api/v1/areas`, or `not-said`. */
  area: string;
  /** `YYYY-MM` or `YYYY`: never a day. */
  period: string;
  services: Service[];
  stage: Stage | null;
  age_band: AgeBand | null;
  primary_need: PrimaryNeed | null;
  /** Pattern tag ids, at most 12. */
  tags: string[];
  visibility: Visibility;
  /** May be counted in the forum's anonymous figures. */
  consent_count: boolean;
  /** May be quoted, anonymously. */
  consent_quote: boolean;
  content_warnings: ContentWarning[];
  pseudonym_mode: PseudonymMode;
}

/** A version of a story's content: the input plus the server's sanitised HTML of the body. */
export interface StoryContent extends StoryInput {
  html: string;
}

/** How many people said "this happened to me too", and whether the reader is one. */
export interface Reactions {
  count: number;
  mine: boolean;
}

/** A forum's signposting text shown with a story that has `tag`. */
export interface StorySignpost {
  tag: string;
  label: string;
  /** Sanitised by the server. */
  html: string;
}

/** `GET /api/v1/signposts`: one signposting text, as written (`text`) and as shown (`html`). */
export interface Signpost extends StorySignpost {
  /** Markdown, at most 1,000 characters. */
  text: string;
}

/**
 * The partner forum a story came from, with the address of the story there. Null on this
 * forum's own stories.
 */
export interface StoryForum {
  /** `host[:port]`. */
  domain: string;
  /** The forum's name, when known; show the domain otherwise. */
  name: string | null;
  /**
   * The story on its own forum: an http(s) address on `domain`, checked at the edge. Null
   * when the server doesn't know it.
   */
  url: string | null;
}

/** `GET /api/v1/stories/{id}` and the answer to every change. */
export interface StoryView {
  /** 12 lowercase letters and digits. */
  id: string;
  state: StoryState;
  /** A version is published and shown to readers (published, or pending with an edit). */
  live: boolean;
  title: string;
  /** Sanitised by the server. */
  html: string;
  /** Markdown: only for the author and moderators, else null. */
  body: string | null;
  area: string;
  /** Null when the author would rather not say, or the code is not one the server knows. */
  area_name: string | null;
  period: string;
  services: Service[];
  stage: Stage | null;
  age_band: AgeBand | null;
  primary_need: PrimaryNeed | null;
  tags: string[];
  visibility: Visibility;
  consent_count: boolean;
  consent_quote: boolean;
  content_warnings: ContentWarning[];
  /** The name the story goes out under. */
  pseudonym: string;
  /**
   * How that name was chosen. Not in issue 7's StoryView: null when the server does not say,
   * and the composer works it out from the member's forum name.
   */
  pseudonym_mode: PseudonymMode | null;
  /** A demo story: show a "Sample story" badge. */
  sample: boolean;
  /** YYYY-MM-DD, null until first approved. */
  published: string | null;
  updated: string;
  reactions: Reactions;
  /** How many replies the reader may see. */
  replies: number;
  signposts: StorySignpost[];
  /** The reader wrote it. */
  mine: boolean;
  /** The latest "please change" message or reason for not publishing (author and moderators only). */
  moderator_message: string | null;
  /** The partner forum it came from; null for this forum's own. */
  forum: StoryForum | null;
  /** A change to a published story, waiting for a moderator (author and moderators only). */
  pending_edit: StoryContent | null;
}

/** One story in the feed. */
export interface StorySummary {
  id: string;
  title: string;
  pseudonym: string;
  published: string;
  area: string;
  area_name: string | null;
  period: string;
  services: Service[];
  stage: Stage | null;
  tags: string[];
  content_warnings: ContentWarning[];
  /** Plain text, at most 240 characters; null when the story has content warnings. */
  excerpt: string | null;
  /** How many people said "this happened to me too" (the feed does not say whether the reader did). */
  reactions: { count: number };
  replies: number;
  sample: boolean;
  /** The partner forum it came from; null for this forum's own. */
  forum: StoryForum | null;
}

/** Whose stories the feed shows: this forum's own (the default) or its partner forums'. */
export const FEED_SOURCES = ['local', 'partners'] as const;
export type FeedSource = (typeof FEED_SOURCES)[number];

/** What the feed is narrowed to; every part is optional. */
export interface FeedFilters {
  /** This forum's stories when not given. */
  source?: FeedSource;
  /** A tag id. */
  tag?: string;
  /** A pattern category id. */
  category?: string;
  /** A GSS code. */
  area?: string;
  service?: Service;
  /** `YYYY` (that year, monthly stories included) or `YYYY-MM`. */
  period?: string;
  /** 1 to 50; the server's default is 20. */
  limit?: number;
}

/** A page of the feed, newest published first. */
export interface FeedPage {
  items: StorySummary[];
  /** Pass to `listFeed` for the next page; null on the last. */
  next_cursor: string | null;
}

export const REPLY_STATES = ['pending', 'published', 'rejected'] as const;
export type ReplyState = (typeof REPLY_STATES)[number];

/** A reply to a story. */
export interface ReplyView {
  id: number;
  story_id: string;
  /** Sanitised by the server. */
  html: string;
  pseudonym: string;
  /** Written by the story's author (and so under the story's pseudonym). */
  by_author: boolean;
  state: ReplyState;
  date: string;
  mine: boolean;
}

/** `POST /api/v1/stories/{id}/reports`. */
export interface NewReport {
  reason: ReportReason;
  /** At most 1,000 characters. */
  note?: string;
  /** Report one reply of the story rather than the story. */
  reply_id?: number;
}

/** What a new story starts as: only the text is the author's to write first. */
export function defaultStoryInput(area: string, period: string): StoryInput {
  return {
    title: '',
    body: '',
    area,
    period,
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
  };
}

function storyPath(id: string): string {
  return `/api/v1/stories/${encodeURIComponent(id)}`;
}

/** Starts a draft (201). */
export async function createStory(input: StoryInput): Promise<StoryView> {
  return parsed(await request('POST', '/api/v1/stories', { body: storyBody(input) }), parseStoryView);
}

/**
 * Changes a story. A draft, pending or changes-requested story takes the change at once; a
 * published one stays as it is until a moderator approves the change (`pending_edit`).
 */
export async function updateStory(id: string, input: StoryInput, signal?: AbortSignal): Promise<StoryView> {
  const options = signal ? { body: storyBody(input), signal } : { body: storyBody(input) };
  return parsed(await request('PUT', storyPath(id), options), parseStoryView);
}

/** Sends a draft (or a story a moderator asked to change) for moderation. */
export async function submitStory(id: string): Promise<StoryView> {
  return parsed(await request('POST', `${storyPath(id)}/submit`), parseStoryView);
}

/** Withdraws a story for good: its text, details, replies and reactions are deleted. */
export async function withdrawStory(id: string): Promise<void> {
  await request('DELETE', storyPath(id));
}

/** One story. A withdrawn one is `ApiError` `withdrawn` (410); one the reader may not see, `not_found`. */
export async function getStory(id: string, signal?: AbortSignal): Promise<StoryView> {
  return parsed(await request('GET', storyPath(id), signal ? { signal } : {}), parseStoryView);
}

/** A page of published stories the reader may see; `cursor` is the last page's `next_cursor`. */
export async function listFeed(filters: FeedFilters = {}, cursor: string | null = null, signal?: AbortSignal): Promise<FeedPage> {
  const query = feedQuery(filters, cursor);
  const path = query ? `/api/v1/stories?${query}` : '/api/v1/stories';
  return parsed(await request('GET', path, signal ? { signal } : {}), parseFeedPage);
}

/** The query string for the feed, without the `?`: only the filters that are set. */
export function feedQuery(filters: FeedFilters, cursor: string | null = null): string {
  const params = new URLSearchParams();
  const { source, tag, category, area, service, period, limit } = filters;
  // This forum's own stories are the feed's default: only the partners' feed is asked for by name.
  if (source === 'partners') params.set('source', source);
  if (tag) params.set('tag', tag);
  if (category) params.set('category', category);
  if (area) params.set('area', area);
  if (service) params.set('service', service);
  if (period) params.set('period', period);
  if (cursor) params.set('cursor', cursor);
  if (limit !== undefined) params.set('limit', String(limit));
  return params.toString();
}

/** The signed-in member's stories (withdrawn ones left out), newest change first. */
export async function myStories(signal?: AbortSignal): Promise<StoryView[]> {
  return parsed(await request('GET', '/api/v1/me/stories', signal ? { signal } : {}), (value) =>
    parseList(value, parseStoryView),
  );
}

/** Sets (or, with null, clears) the member's one steady forum name; returns it as saved. */
export async function setForumName(forumName: string | null): Promise<string | null> {
  const answer = await request('PUT', '/api/v1/me/forum-name', { body: { forum_name: forumName } });
  return parsed(answer, (value) => {
    const v = asFields(value);
    if (!v || !(v.forum_name === null || isText(v.forum_name))) return null;
    return { forumName: v.forum_name };
  }).forumName;
}

/** The replies the reader may see, oldest first. */
export async function listReplies(storyId: string, signal?: AbortSignal): Promise<ReplyView[]> {
  const answer = await request('GET', `${storyPath(storyId)}/replies`, signal ? { signal } : {});
  return parsed(answer, (value) => parseList(value, parseReplyView));
}

/** Replies to a published story; the reply may wait for a moderator (`state: 'pending'`). */
export async function postReply(storyId: string, body: string): Promise<ReplyView> {
  return parsed(await request('POST', `${storyPath(storyId)}/replies`, { body: { body } }), parseReplyView);
}

/** "This happened to me too." */
export async function react(storyId: string): Promise<Reactions> {
  return parsed(await request('POST', `${storyPath(storyId)}/reactions`), parseReactions);
}

/** Takes back "this happened to me too". */
export async function unreact(storyId: string): Promise<Reactions> {
  return parsed(await request('DELETE', `${storyPath(storyId)}/reactions`), parseReactions);
}

/** Tells the moderators about a story (or one of its replies); returns the report's id. */
export async function reportStory(storyId: string, report: NewReport): Promise<number> {
  const body: NewReport = { reason: report.reason };
  if (report.note) body.note = report.note;
  if (report.reply_id !== undefined) body.reply_id = report.reply_id;
  const answer = await request('POST', `${storyPath(storyId)}/reports`, { body });
  return parsed(answer, (value) => {
    const id = asFields(value)?.id;
    return isCount(id) ? { id } : null;
  }).id;
}

/** The forum's signposting texts, one per tag that has one. */
export async function listSignposts(signal?: AbortSignal): Promise<Signpost[]> {
  return parsed(await request('GET', '/api/v1/signposts', signal ? { signal } : {}), (value) =>
    parseList(value, parseSignpost),
  );
}

/** Sets a tag's signposting text (admins only); empty text removes it, and the answer is null. */
export async function putSignpost(tag: string, text: string): Promise<Signpost | null> {
  const answer = await request('PUT', `/api/v1/admin/signposts/${encodeURIComponent(tag)}`, { body: { text } });
  if (answer === undefined) return null;
  return parsed(answer, parseSignpost);
}

/** Only the fields the server reads, whatever else the object passed in carries (a view has many). */
export function storyBody(input: StoryInput): StoryInput {
  return {
    title: input.title,
    body: input.body,
    area: input.area,
    period: input.period,
    services: [...input.services],
    stage: input.stage,
    age_band: input.age_band,
    primary_need: input.primary_need,
    tags: [...input.tags],
    visibility: input.visibility,
    consent_count: input.consent_count,
    consent_quote: input.consent_quote,
    content_warnings: [...input.content_warnings],
    pseudonym_mode: input.pseudonym_mode,
  };
}

/** What an author would send to leave their story as it is, for editing it. */
export function inputFromView(view: StoryView, pseudonymMode: PseudonymMode): StoryInput {
  return storyBody({ ...view, body: view.body ?? '', pseudonym_mode: pseudonymMode });
}

// ---- Parsing the server's answers ----

const STORY_ID = /^[a-z0-9]{12}$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

function isText(value: unknown): value is string {
  return isString(value) && value.trim().length > 0;
}

/**
 * A story's partner forum. Its `url` goes into a link, so it must be http(s) on the forum's
 * own domain: never `javascript:`, never somewhere else dressed as the partner.
 */
export function parseStoryForum(value: unknown): StoryForum | null {
  const v = asFields(value);
  if (!v || !isText(v.domain) || !isNullableString(v.name) || !(v.url === null || v.url === undefined || isString(v.url))) return null;
  let home: URL;
  try {
    home = new URL(`https://${v.domain}`);
  } catch {
    return null;
  }
  // `domain` is a host and maybe a port, nothing more: no user, path or query hiding in it.
  if (home.username !== '' || home.password !== '' || home.pathname !== '/' || home.search !== '' || home.hash !== '') return null;
  const name = v.name === null || v.name.trim() === '' ? null : v.name;
  if (v.url === null || v.url === undefined) return { domain: v.domain, name, url: null };
  let url: URL;
  try {
    url = new URL(v.url);
    home = new URL(`${url.protocol}//${v.domain}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.host !== home.host || url.username !== '' || url.password !== '') return null;
  return { domain: v.domain, name, url: url.href };
}

/**
 * The `forum` of a story: a partner forum, or null for this forum's own. A server from
 * before federation leaves the field out, which means the same as null.
 */
function parseForumField(value: unknown): StoryForum | null | undefined {
  if (value === null || value === undefined) return null;
  return parseStoryForum(value) ?? undefined;
}

export function isStoryId(value: unknown): value is string {
  return isString(value) && STORY_ID.test(value);
}

/** `YYYY` or `YYYY-MM`, as the API writes a story's period. */
export function isPeriod(value: unknown): value is string {
  return isString(value) && PERIOD.test(value);
}

function isNullableString(value: unknown): value is string | null {
  return value === null || isString(value);
}

/** A list of `values` with no repeats, or null. */
function parseEnumList<T extends string>(value: unknown, values: readonly T[]): T[] | null {
  const items = parseList(value, (item) => (isOneOf(values, item) ? item : null));
  return items && new Set(items).size === items.length ? items : null;
}

function parseTags(value: unknown): string[] | null {
  const tags = parseList(value, (tag) => (isText(tag) ? tag : null));
  return tags && new Set(tags).size === tags.length ? tags : null;
}

/** `null` sent as null, one of `values`, or `undefined` when it is neither (a broken answer). */
function parseOptionalEnum<T extends string>(value: unknown, values: readonly T[]): T | null | undefined {
  if (value === null) return null;
  return isOneOf(values, value) ? value : undefined;
}

export function parseReactions(value: unknown): Reactions | null {
  const v = asFields(value);
  if (!v || !isCount(v.count) || typeof v.mine !== 'boolean') return null;
  return { count: v.count, mine: v.mine };
}

export function parseStorySignpost(value: unknown): StorySignpost | null {
  const v = asFields(value);
  if (!v || !isText(v.tag) || !isString(v.label) || !isString(v.html)) return null;
  return { tag: v.tag, label: v.label, html: v.html };
}

export function parseSignpost(value: unknown): Signpost | null {
  const signpost = parseStorySignpost(value);
  const text = asFields(value)?.text;
  return signpost && isString(text) ? { ...signpost, text } : null;
}

/** The content fields a view and a pending edit share; `null` if any breaks the contract. */
function parseContentFields(v: Fields, area: unknown = v.area): Omit<StoryContent, 'body' | 'pseudonym_mode'> | null {
  if (!isString(v.title) || !isString(v.html) || !isText(area) || !isPeriod(v.period)) return null;
  const services = parseEnumList(v.services, SERVICES);
  const contentWarnings = parseEnumList(v.content_warnings, CONTENT_WARNINGS);
  const tags = parseTags(v.tags);
  const stage = parseOptionalEnum(v.stage, STAGES);
  const ageBand = parseOptionalEnum(v.age_band, AGE_BANDS);
  const primaryNeed = parseOptionalEnum(v.primary_need, PRIMARY_NEEDS);
  if (!services || !contentWarnings || !tags || stage === undefined || ageBand === undefined || primaryNeed === undefined) {
    return null;
  }
  if (!isOneOf(VISIBILITIES, v.visibility)) return null;
  if (typeof v.consent_count !== 'boolean' || typeof v.consent_quote !== 'boolean') return null;
  return {
    title: v.title,
    html: v.html,
    area,
    period: v.period,
    services,
    stage,
    age_band: ageBand,
    primary_need: primaryNeed,
    tags,
    visibility: v.visibility,
    consent_count: v.consent_count,
    consent_quote: v.consent_quote,
    content_warnings: contentWarnings,
  };
}

/**
 * A pending edit: the input's fields plus `html`. The server sends it as it stores it: no
 * `pseudonym_mode` (read as `fresh`; the name is not changed by an edit of a published
 * story) and `area: null` when the author would rather not say (read as `not-said`).
 */
export function parseStoryContent(value: unknown): StoryContent | null {
  const v = asFields(value);
  if (!v || !isString(v.body)) return null;
  const fields = parseContentFields(v, v.area === null ? AREA_NOT_SAID : v.area);
  if (!fields) return null;
  const mode = v.pseudonym_mode === undefined ? 'fresh' : v.pseudonym_mode;
  if (!isOneOf(PSEUDONYM_MODES, mode)) return null;
  return { ...fields, body: v.body, pseudonym_mode: mode };
}

export function parseStoryView(value: unknown): StoryView | null {
  const v = asFields(value);
  if (!v || !isStoryId(v.id) || !isOneOf(STORY_STATES, v.state) || typeof v.live !== 'boolean') return null;
  const fields = parseContentFields(v);
  if (!fields) return null;
  if (!isNullableString(v.body) || !isNullableString(v.area_name) || !isString(v.pseudonym)) return null;
  const mode = v.pseudonym_mode === undefined ? null : v.pseudonym_mode;
  if (!(mode === null || isOneOf(PSEUDONYM_MODES, mode))) return null;
  if (typeof v.sample !== 'boolean' || typeof v.mine !== 'boolean') return null;
  if (!(v.published === null || isDate(v.published)) || !isDate(v.updated)) return null;
  const reactions = parseReactions(v.reactions);
  const signposts = parseList(v.signposts, parseStorySignpost);
  if (!reactions || !isCount(v.replies) || !signposts) return null;
  if (!isNullableString(v.moderator_message)) return null;
  const pendingEdit = v.pending_edit === null ? null : parseStoryContent(v.pending_edit);
  if (v.pending_edit !== null && pendingEdit === null) return null;
  const forum = parseForumField(v.forum);
  if (forum === undefined) return null;
  return {
    id: v.id,
    state: v.state,
    live: v.live,
    ...fields,
    body: v.body,
    area_name: v.area_name,
    pseudonym: v.pseudonym,
    pseudonym_mode: mode,
    sample: v.sample,
    published: v.published,
    updated: v.updated,
    reactions,
    replies: v.replies,
    signposts,
    mine: v.mine,
    moderator_message: v.moderator_message,
    pending_edit: pendingEdit,
    forum,
  };
}

export function parseStorySummary(value: unknown): StorySummary | null {
  const v = asFields(value);
  if (!v || !isStoryId(v.id) || !isString(v.title) || !isString(v.pseudonym) || !isDate(v.published)) return null;
  if (!isText(v.area) || !isNullableString(v.area_name) || !isPeriod(v.period)) return null;
  const services = parseEnumList(v.services, SERVICES);
  const contentWarnings = parseEnumList(v.content_warnings, CONTENT_WARNINGS);
  const tags = parseTags(v.tags);
  const stage = parseOptionalEnum(v.stage, STAGES);
  // The server sends the count alone; an object with a count is read too.
  const reactions = isCount(v.reactions) ? { count: v.reactions } : parseReactions(v.reactions);
  if (!services || !contentWarnings || !tags || stage === undefined || !reactions) return null;
  if (!isNullableString(v.excerpt) || !isCount(v.replies) || typeof v.sample !== 'boolean') return null;
  const forum = parseForumField(v.forum);
  if (forum === undefined) return null;
  return {
    id: v.id,
    title: v.title,
    pseudonym: v.pseudonym,
    published: v.published,
    area: v.area,
    area_name: v.area_name,
    period: v.period,
    services,
    stage,
    tags,
    content_warnings: contentWarnings,
    excerpt: v.excerpt,
    reactions: { count: reactions.count },
    replies: v.replies,
    sample: v.sample,
    forum,
  };
}

export function parseFeedPage(value: unknown): FeedPage | null {
  const v = asFields(value);
  if (!v || !(v.next_cursor === null || isText(v.next_cursor))) return null;
  const items = parseList(v.items, parseStorySummary);
  return items ? { items, next_cursor: v.next_cursor } : null;
}

export function parseReplyView(value: unknown): ReplyView | null {
  const v = asFields(value);
  if (!v || !isCount(v.id) || !isStoryId(v.story_id) || !isString(v.html) || !isString(v.pseudonym)) return null;
  if (typeof v.by_author !== 'boolean' || typeof v.mine !== 'boolean') return null;
  if (!isOneOf(REPLY_STATES, v.state) || !isDate(v.date)) return null;
  return {
    id: v.id,
    story_id: v.story_id,
    html: v.html,
    pseudonym: v.pseudonym,
    by_author: v.by_author,
    state: v.state,
    date: v.date,
    mine: v.mine,
  };
}
