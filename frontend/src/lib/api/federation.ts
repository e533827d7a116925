// Federation with partner forums (issue 9), for admins: this forum's address, who may follow
// it (`mode`), the partner forums and their requests, and blocked domains
// (`/api/v1/admin/partners…`, and `/api/v1/admin/federation` for the mode). Stories from partners come with the feed (`source=partners`).

import { request } from './client';
import { isOneOf } from '../stories/options';
import { asFields, isCount, isString, isTimestamp, parsed, parseId, parseList } from './parse';

/**
 * Who may follow this forum: only partners an admin approved (`allowlist`, the default), or
 * any forum that asks, accepted at once (`open`). Blocked forums never may.
 */
export const FEDERATION_MODES = ['allowlist', 'open'] as const;
export type FederationMode = (typeof FEDERATION_MODES)[number];

/**
 * Where a partnership is: they asked to follow us and wait for our admin (`requested`), we
 * asked to follow them and wait for theirs (`pending`), or the forums federate (`partner`).
 */
export const PARTNER_STATES = ['requested', 'pending', 'partner'] as const;
export type PartnerState = (typeof PARTNER_STATES)[number];

/** Another forum this one federates with, or has asked to, or that asked. */
export interface Partner {
  /** Keeps the partner apart in the page; the API knows partners by `domain`. */
  id: string;
  /** `host[:port]`: the partner's key in the API's paths. */
  domain: string;
  /** `forum@host[:port]`. */
  address: string;
  /** The other forum's name, when known. */
  name: string | null;
  /** Its ActivityPub actor's URL. */
  actor: string;
  state: PartnerState;
  /** RFC 3339: deliveries to them have been failing since then; null when they are not. */
  unreachable_since: string | null;
  /** Deliveries to them not yet made. */
  pending_deliveries: number;
  /** RFC 3339: when the partnership (or the request) began. */
  since: string;
}

/** `GET /api/v1/admin/partners`, and the answer to changing the mode. */
export interface FederationOverview {
  mode: FederationMode;
  /** This forum's own address, `forum@host[:port]`, to give to other forums. */
  address: string;
  /** This forum's ActivityPub actor's URL. */
  actor: string;
  /** Requests waiting first, then by domain. */
  partners: Partner[];
  /** Blocked domains, `host[:port]`. */
  blocked: string[];
  /** Deliveries to every partner not yet made. */
  queue: { pending: number };
}

const PARTNERS_PATH = '/api/v1/admin/partners';

/** A partner's path: partners are known by their domain (`host[:port]`), escaped. */
function partnerPath(domain: string): string {
  return `${PARTNERS_PATH}/${encodeURIComponent(domain)}`;
}

export async function getFederation(signal?: AbortSignal): Promise<FederationOverview> {
  return parsed(await request('GET', PARTNERS_PATH, signal ? { signal } : {}), parseFederationOverview);
}

export async function setFederationMode(mode: FederationMode): Promise<FederationOverview> {
  return parsed(await request('PUT', '/api/v1/admin/federation', { body: { mode } }), parseFederationOverview);
}

/**
 * Asks the forum at `address` (`forum@host[:port]` or its actor's URL) to federate: it is a
 * partner once its admin approves (`state: 'pending'` until then).
 */
export async function followForum(address: string): Promise<Partner> {
  return parsed(await request('POST', PARTNERS_PATH, { body: { address } }), parsePartner);
}

/** Approves the request of the forum at `domain`; this forum follows them back. */
export async function approvePartner(domain: string): Promise<Partner> {
  return parsed(await request('POST', `${partnerPath(domain)}/approve`), parsePartner);
}

/** Declines the request of the forum at `domain`: it is removed. */
export async function declinePartner(domain: string): Promise<void> {
  await request('POST', `${partnerPath(domain)}/decline`);
}

/** Ends a partnership, or withdraws our request: their stories stay, no new ones come. */
export async function endPartnership(domain: string): Promise<void> {
  await request('DELETE', partnerPath(domain));
}

/** Blocks a domain (`host[:port]`): ends any partnership, hides its stories, ignores it. */
export async function blockDomain(domain: string): Promise<void> {
  await request('POST', `${partnerPath(domain)}/block`);
}

export async function unblockDomain(domain: string): Promise<void> {
  await request('DELETE', `${partnerPath(domain)}/block`);
}

// ---- Parsing the server's answers ----

function isFilled(value: unknown): value is string {
  return isString(value) && value.trim().length > 0;
}

export function parsePartner(value: unknown): Partner | null {
  const v = asFields(value);
  const id = parseId(v?.id);
  if (!v || id === null || !isFilled(v.domain) || !isFilled(v.address) || !isFilled(v.actor)) return null;
  if (!(v.name === null || isString(v.name)) || !isOneOf(PARTNER_STATES, v.state)) return null;
  if (!(v.unreachable_since === null || isTimestamp(v.unreachable_since)) || !isTimestamp(v.since)) return null;
  if (!isCount(v.pending_deliveries)) return null;
  return {
    id,
    domain: v.domain,
    address: v.address,
    // An empty name is no name: the domain is shown instead.
    name: v.name === null || v.name.trim() === '' ? null : v.name,
    actor: v.actor,
    state: v.state,
    unreachable_since: v.unreachable_since,
    pending_deliveries: v.pending_deliveries,
    since: v.since,
  };
}

export function parseFederationOverview(value: unknown): FederationOverview | null {
  const v = asFields(value);
  if (!v || !isOneOf(FEDERATION_MODES, v.mode) || !isFilled(v.address) || !isFilled(v.actor)) return null;
  const partners = parseList(v.partners, parsePartner);
  const blocked = parseList(v.blocked, (domain) => (isFilled(domain) ? domain : null));
  const pending = asFields(v.queue)?.pending;
  if (!partners || !blocked || !isCount(pending)) return null;
  return { mode: v.mode, address: v.address, actor: v.actor, partners, blocked, queue: { pending } };
}
