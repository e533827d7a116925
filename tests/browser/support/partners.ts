// Forums made partners through their admins' API, as `scripts/demo.sh` does, for journeys
// about what partners share rather than about the partners page: one forum asks to follow the
// other, the other's admin approves, and both then say "partner". Deliveries between forums
// are asynchronous, so each step is waited for, polling with a deadline.

import { ApiSession } from './api-session';
import type { ForumServer } from './forum-server';

const POLL_INTERVAL_MS = 200;

/** A forum's domain as partners know it: `localhost:PORT`. */
export function domainOf(forum: Pick<ForumServer, 'origin'>): string {
  return new URL(forum.origin).host;
}

/** Polls `check` until it gives a value (not null), or fails after `deadlineMs` saying `what`. */
export async function pollUntil<T>(what: string, deadlineMs: number, check: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** How the forum of `admin` sees the forum at `domain`: `requested`, `partner`…, or '' when not at all. */
async function partnerState(admin: ApiSession, domain: string): Promise<string> {
  const overview = (await admin.call('GET', '/api/v1/admin/partners', undefined, 200)) as { partners: { domain: string; state: string }[] };
  return overview.partners.find((partner) => partner.domain === domain)?.state ?? '';
}

/**
 * Makes the forums of `asking` and `approving` partners: `asking` follows `approving`, whose admin
 * approves (and follows back). Both admins are signed-in sessions.
 */
export async function makePartners(asking: ApiSession, approving: ApiSession, deadlineMs = 20_000): Promise<void> {
  const askingDomain = new URL(asking.origin).host;
  const approvingDomain = new URL(approving.origin).host;
  await asking.call('POST', '/api/v1/admin/partners', { address: `forum@${approvingDomain}` }, 201);
  await pollUntil(`${askingDomain}'s request on ${approvingDomain}`, deadlineMs, async () =>
    (await partnerState(approving, askingDomain)) === 'requested' ? true : null,
  );
  await approving.call('POST', `/api/v1/admin/partners/${askingDomain}/approve`, undefined, 200);
  await pollUntil(`${askingDomain} and ${approvingDomain} as partners`, deadlineMs, async () => {
    const [onAsking, onApproving] = await Promise.all([partnerState(asking, approvingDomain), partnerState(approving, askingDomain)]);
    return onAsking === 'partner' && onApproving === 'partner' ? true : null;
  });
}
