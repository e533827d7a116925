// Partner forums in words, and what an admin types about them: a forum's address to follow,
// a domain to block. Checked here before anything is sent; the server has the last word.

import type { PartnerState } from '../api/federation';

/** A forum by its name, or by its domain when we don't know its name. */
export function forumLabel(forum: { name: string | null; domain: string }): string {
  return forum.name ?? forum.domain;
}

/** Where a partnership is, as the partners list says it. */
export const PARTNER_STATE_LABELS: Record<PartnerState, string> = {
  requested: 'Waiting for your approval',
  pending: 'Waiting for them to approve',
  partner: 'Partner',
};

/** "No deliveries waiting", "1 delivery waiting", "12 deliveries waiting". */
export function deliveriesWaiting(n: number): string {
  if (n === 0) return 'No deliveries waiting';
  return n === 1 ? '1 delivery waiting' : `${n.toLocaleString('en-GB')} deliveries waiting`;
}

/** `forum@host` or `forum@host:port`: a name, one @, and a host with no path. */
const HANDLE_ADDRESS = /^[^\s@/]+@[^\s@/]+$/;

/** A host, maybe with a port: `example.org`, `127.0.0.1:8082`, `[::1]:8082`. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/**
 * What to send as a forum's address, from what an admin typed: trimmed, and without the @ in
 * front that fediverse addresses often have (`@forum@example.org`).
 */
export function followAddress(typed: string): string {
  const address = typed.trim();
  return address.startsWith('@') ? address.slice(1) : address;
}

/** Why `address` (as `followAddress` gives it) can't be a forum's address, or null if it can. */
export function followAddressProblem(address: string): string | null {
  if (address === '') return 'Enter the address of the forum you want to follow, like forum@example.org.';
  if (HANDLE_ADDRESS.test(address) || isWebAddress(address)) return null;
  return 'Enter the forum’s address like forum@example.org, or its web address starting with https://.';
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.host !== '';
  } catch {
    return false;
  }
}

/**
 * The domain (`host[:port]`, lowercase) in what an admin typed: a bare domain, a forum's
 * address (`forum@example.org`) or a web address on it. Null if there is none.
 */
export function domainIn(typed: string): string | null {
  const text = followAddress(typed).toLowerCase();
  let domain = text;
  if (isWebAddress(text)) domain = new URL(text).host;
  else if (HANDLE_ADDRESS.test(text)) domain = text.slice(text.indexOf('@') + 1);
  return HOST.test(domain) ? domain : null;
}
