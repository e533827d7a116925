// Moderation: the queue of stories, replies and reports waiting for a moderator, what a
// moderator does with each (moderators and admins only), and the append-only log of every
// moderator's and admin's action, which every signed-in member may read.

import { request } from './client';
import { asFields, isCount, isDate, isString, parsed, parseList } from './parse';
import { parseFinding } from './screening';
import { isStoryId, parseReplyView, parseStoryView, type ReplyView, type StoryView } from './stories';
import { isOneOf, REPORT_REASONS, type ReportReason } from '../stories/options';
import type { Finding } from './types';

/** A story waiting for a moderator: new, or an edit of one already published. */
export interface QueuedStory {
  story: StoryView;
  kind: 'new' | 'edit';
  /** YYYY-MM-DD. */
  submitted: string;
  /** Screening's findings in `text`. */
  findings: Finding[];
  /** The Markdown under review: the pending edit's body, for an edit. */
  text: string;
}

/** A reply waiting for a moderator (when the forum checks replies before they appear). */
export interface QueuedReply {
  reply: ReplyView;
  story_id: string;
  story_title: string;
  /** The reply's Markdown. */
  body: string;
  findings: Finding[];
}

/** A reader's report, not yet closed. */
export interface OpenReport {
  id: number;
  story_id: string;
  story_title: string;
  /** The reply reported, or null for the story itself. */
  reply_id: number | null;
  reason: ReportReason;
  /** What the reader added, if anything. */
  note: string | null;
  date: string;
  /** The reported reply, sanitised by the server. */
  reply_html: string | null;
}

/** `GET /api/v1/moderation/queue`: each list oldest first. */
export interface ModerationQueue {
  stories: QueuedStory[];
  replies: QueuedReply[];
  reports: OpenReport[];
}

/** What a moderator does with a story. Each answers with the story as it is now. */
export type StoryDecision =
  | { action: 'approve' }
  /** `reason` is the message the author sees. */
  | { action: 'request_changes'; reason: string }
  | { action: 'reject'; reason: string }
  /** Changes the tags of the version under review. */
  | { action: 'correct_tags'; tags: string[]; reason?: string }
  /** Replaces each finding of the text under review by its `replacement`. */
  | { action: 'redact'; findings: Finding[]; reason?: string }
  /** Takes a published story down. */
  | { action: 'unpublish'; reason: string };

export type StoryAction = StoryDecision['action'];

export type ReplyAction = 'approve' | 'reject';
export type ReportAction = 'dismiss' | 'resolve';

/** One entry of the moderation log. `detail` never holds story text. */
export interface LogEntry {
  id: number;
  /** e.g. `story_approved`: names are never renamed, and new ones may come. */
  action: string;
  /** Who did it; null once their account is erased. */
  actor: string | null;
  /** Whose account it concerned, if any; null once erased. */
  subject: string | null;
  /** The story it concerned, if any. */
  story_id: string | null;
  detail: string;
  reason: string | null;
  date: string;
}

/** Everything waiting for a moderator. */
export async function moderationQueue(signal?: AbortSignal): Promise<ModerationQueue> {
  return parsed(await request('GET', '/api/v1/moderation/queue', signal ? { signal } : {}), parseQueue);
}

/** Approves, rejects, asks for changes to, corrects, redacts or takes down a story. */
export async function moderateStory(id: string, decision: StoryDecision): Promise<StoryView> {
  const path = `/api/v1/moderation/stories/${encodeURIComponent(id)}`;
  return parsed(await request('POST', path, { body: decisionBody(decision) }), parseStoryView);
}

/** Approves or rejects a reply (rejecting a published one removes it). */
export async function moderateReply(id: number, action: ReplyAction, reason = ''): Promise<ReplyView> {
  const body = reason ? { action, reason } : { action };
  return parsed(await request('POST', `/api/v1/moderation/replies/${id}`, { body }), parseReplyView);
}

/** Closes a report. Taking content down is done with `unpublish` or by rejecting the reply. */
export async function closeReport(id: number, action: ReportAction, reason = ''): Promise<void> {
  const body = reason ? { action, reason } : { action };
  await request('POST', `/api/v1/moderation/reports/${id}`, { body });
}

/** The log, newest first, a page at a time; `before` is the oldest id of the page before. */
export async function moderationLog(before: number | null = null, signal?: AbortSignal): Promise<LogEntry[]> {
  const path = before === null ? '/api/v1/moderation/log' : `/api/v1/moderation/log?before=${before}`;
  return parsed(await request('GET', path, signal ? { signal } : {}), (value) => parseList(value, parseLogEntry));
}

/** Only the fields the server reads for the action; an empty optional reason is left out. */
export function decisionBody(decision: StoryDecision): Record<string, unknown> {
  switch (decision.action) {
    case 'approve':
      return { action: 'approve' };
    case 'request_changes':
    case 'reject':
    case 'unpublish':
      return { action: decision.action, reason: decision.reason };
    case 'correct_tags':
      return withReason({ action: 'correct_tags', tags: [...decision.tags] }, decision.reason);
    case 'redact':
      return withReason({ action: 'redact', findings: decision.findings.map(findingBody) }, decision.reason);
  }
}

function withReason(body: Record<string, unknown>, reason: string | undefined): Record<string, unknown> {
  return reason ? { ...body, reason } : body;
}

/** A finding as screening returned it, without anything else the object passed in carries. */
function findingBody({ kind, start, end, text, confidence, replacement }: Finding): Finding {
  return { kind, start, end, text, confidence, replacement };
}

function isNullableString(value: unknown): value is string | null {
  return value === null || isString(value);
}

function parseFindingList(value: unknown): Finding[] | null {
  return parseList(value, parseFinding);
}

export function parseQueuedStory(value: unknown): QueuedStory | null {
  const v = asFields(value);
  if (!v || !(v.kind === 'new' || v.kind === 'edit') || !isDate(v.submitted) || !isString(v.text)) return null;
  const story = parseStoryView(v.story);
  const findings = parseFindingList(v.findings);
  if (!story || !findings) return null;
  return { story, kind: v.kind, submitted: v.submitted, findings, text: v.text };
}

export function parseQueuedReply(value: unknown): QueuedReply | null {
  const v = asFields(value);
  if (!v || !isStoryId(v.story_id) || !isString(v.story_title) || !isString(v.body)) return null;
  const reply = parseReplyView(v.reply);
  const findings = parseFindingList(v.findings);
  if (!reply || !findings) return null;
  return { reply, story_id: v.story_id, story_title: v.story_title, body: v.body, findings };
}

export function parseOpenReport(value: unknown): OpenReport | null {
  const v = asFields(value);
  if (!v || !isCount(v.id) || !isStoryId(v.story_id) || !isString(v.story_title) || !isDate(v.date)) return null;
  if (!isOneOf(REPORT_REASONS, v.reason)) return null;
  // Absent and null mean the same: nothing there.
  const replyId = v.reply_id ?? null;
  const note = v.note ?? null;
  const replyHtml = v.reply_html ?? null;
  if (!(replyId === null || isCount(replyId)) || !isNullableString(note) || !isNullableString(replyHtml)) return null;
  return {
    id: v.id,
    story_id: v.story_id,
    story_title: v.story_title,
    reply_id: replyId,
    reason: v.reason,
    note: note === '' ? null : note,
    date: v.date,
    reply_html: replyHtml,
  };
}

export function parseQueue(value: unknown): ModerationQueue | null {
  const v = asFields(value);
  const stories = parseList(v?.stories, parseQueuedStory);
  const replies = parseList(v?.replies, parseQueuedReply);
  const reports = parseList(v?.reports, parseOpenReport);
  if (!stories || !replies || !reports) return null;
  return { stories, replies, reports };
}

export function parseLogEntry(value: unknown): LogEntry | null {
  const v = asFields(value);
  if (!v || !isCount(v.id) || !isString(v.action) || !isString(v.detail) || !isDate(v.date)) return null;
  // Entries from before stories had no `story_id`: absent reads as null.
  const storyId = v.story_id ?? null;
  if (!isNullableString(v.actor) || !isNullableString(v.subject) || !isNullableString(v.reason)) return null;
  if (!(storyId === null || isStoryId(storyId))) return null;
  return {
    id: v.id,
    action: v.action,
    actor: v.actor,
    subject: v.subject,
    story_id: storyId,
    detail: v.detail,
    reason: v.reason,
    date: v.date,
  };
}
