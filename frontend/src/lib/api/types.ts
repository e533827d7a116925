// Hand-kept TypeScript types for the server's DTOs (see shared DESIGN.md, "The public API").
// Keep these in step with the server's dto.rs files; `parse*` functions check them at the edge.

/** How people join this forum. */
export type Membership = 'open' | 'invite' | 'closed';

/** Whether a moderator reads replies before they appear (`pre`) or after (`post`). */
export type ReplyModeration = 'pre' | 'post';

/** `GET /api/v1/instance`: who this forum is. */
export interface Instance {
  name: string;
  description: string;
  /** ONS GSS code of the forum's local authority, e.g. E08000025; null until the admin sets it. */
  area: string | null;
  /** The local authority's name, when the server knows the code. */
  area_name: string | null;
  membership: Membership;
  version: string;
  /** Where the code this forum runs can be had (AGPL). */
  source_url: string;
  /** Where "Exit this page" takes a person: a neutral site. */
  quick_exit_url: string;
  /** The day the forum first started, YYYY-MM-DD. */
  running_since: string;
  reply_moderation: ReplyModeration;
  /** The forum shows sample stories, to show how it works. */
  samples: boolean;
}

/** An RFC 9457 problem document, as every API error is sent (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** Absent when the title says it all. */
  detail?: string;
  code: string;
}

/** What an account may do on this forum. */
export type Role = 'member' | 'moderator' | 'admin';

/** Who is signed in: the answer to joining, signing in and refreshing the session. */
export interface Account {
  /** Lowercase a–z, 0–9 and _, 3 to 30 characters. */
  handle: string;
  role: Role;
}

/** `POST /api/v1/accounts`: the new account and its recovery codes, shown once. */
export interface Joined extends Account {
  recovery_codes: string[];
}

/** `POST /api/v1/recover`: signed in again, with how many recovery codes are left. */
export interface Recovered extends Account {
  recovery_codes_left: number;
}

/** `GET /api/v1/me`. */
export interface Me extends Account {
  /** YYYY-MM-DD: public timestamps are dates, not times. */
  joined_on: string;
  recovery_codes_left: number;
  /** The member's one steady name for stories and replies, if they chose one. */
  forum_name: string | null;
}

/** A row of `GET /api/v1/admin/members`. */
export interface Member extends Account {
  joined_on: string;
}

/** A row of `GET /api/v1/admin/invites`. The code itself is shown only once, when made. */
export interface Invite {
  id: string;
  /** The handle of whoever made it; null once their account is gone. */
  created_by: string | null;
  /** YYYY-MM-DD: the last day it works. */
  expires_on: string;
  max_uses: number;
  uses: number;
}

/** `POST /api/v1/admin/invites`: the new invite, with its code. */
export interface NewInvite {
  id: string;
  code: string;
  expires_on: string;
  max_uses: number;
  uses: number;
}

/** What kind of identifying detail screening found. */
export type FindingKind =
  | 'name'
  | 'school'
  | 'org'
  | 'place'
  | 'address'
  | 'postcode'
  | 'phone'
  | 'email'
  | 'nhs'
  | 'date'
  | 'ref'
  | 'url'
  | 'handle';

/**
 * One identifying detail in a text, from `POST /api/v1/screening`. `start` and `end` count
 * Unicode code points (scalar values), not the UTF-16 units of a JavaScript string.
 */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  /** The text at start..end, exactly. */
  text: string;
  /** How sure screening is, from 0 to 1. */
  confidence: number;
  /** What the server would put in its place, e.g. "[phone number]". */
  replacement: string;
}

/** A finding to replace, as `POST /api/v1/screening/redact` takes it. */
export interface Redaction {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  /** The kind's own replacement when absent. */
  replacement?: string;
}

/** A category of the pattern vocabulary, e.g. "Meetings and communication". */
export interface PatternCategory {
  /** A slug, e.g. `meetings`. */
  id: string;
  label: string;
  description: string;
}

/**
 * A pattern tag: what a story shows, e.g. "Bedroom inspected". Shared tags mean the same on
 * every forum; a forum's own tags (`local`) have ids starting `local:`.
 */
export interface PatternTag {
  /** Stable: `bedroom-inspected`, or `local:transport-cancelled` for a forum's own tag. */
  id: string;
  /** The id of one of the vocabulary's categories. */
  category: string;
  label: string;
  /** One sentence saying when the tag fits. */
  definition: string;
  /** The tag's address in the vocabulary's namespace, as partner forums know it. */
  uri: string;
  /** One of this forum's own tags, not a shared one. */
  local: boolean;
  /** For a forum's own tag: the shared tag it means the same as, if any. */
  same_as: string | null;
  /** No longer offered for new stories; stories that have it keep it. */
  retired: boolean;
}

/** `GET /api/v1/patterns`: the shared tags and this forum's own, in the vocabulary's order. */
export interface Vocabulary {
  version: number;
  categories: PatternCategory[];
  tags: PatternTag[];
}

/**
 * A tag that fits a text, from `POST /api/v1/patterns/suggest`. `start` and `end` count
 * Unicode code points (scalar values), not the UTF-16 units of a JavaScript string.
 */
export interface TagSuggestion {
  /** A tag id. */
  tag: string;
  /** How well it fits, from 0 to 1. */
  score: number;
  /** The words in the text that suggested it. */
  evidence: string;
  start: number;
  end: number;
}

/** What an admin writes for one of the forum's own tags (`POST /api/v1/admin/patterns`). */
export interface LocalTagFields {
  label: string;
  definition: string;
  category: string;
  /** A shared tag's id, or null. */
  same_as: string | null;
}

/** A change to one of the forum's own tags (`PUT /api/v1/admin/patterns/{id}`). */
export interface LocalTagChanges extends LocalTagFields {
  retired: boolean;
}
