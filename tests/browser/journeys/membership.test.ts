// Journey: joining a forum that is by invitation (an invite code is asked for, and checked),
// and one that is closed (no form at all). Each runs on a forum of its own.

import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { errorSummary, errorSummaryHasFocus, fillJoinForm } from '../support/accounts';
import { expectNoAxeViolations } from '../support/axe';
import { openPage, useChromium } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { createAdmin, startForum, type ForumServer } from '../support/forum-server';

const forum = inject('forum');
const PASSPHRASE = 'correct horse battery staple lantern';

const browser = useChromium();
let byInvite: ForumServer | null = null;
let closed: ForumServer | null = null;

beforeAll(async () => {
  const settings = { name: forum.name, description: forum.description, area: forum.area, quickExitUrl: forum.exitUrl };
  byInvite = await startForum({ ...settings, membership: 'invite' });
  closed = await startForum({ ...settings, membership: 'closed' });
});

afterAll(async () => {
  await byInvite?.stop();
  await closed?.stop();
});

/** An invite code, made by an admin through the API, as the invites page would. */
async function inviteCode(server: ForumServer): Promise<string> {
  await createAdmin(server, 'keeper_invites', PASSPHRASE);
  const session = await fetch(`${server.origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'commonthread' },
    body: JSON.stringify({ handle: 'keeper_invites', passphrase: PASSPHRASE }),
  });
  if (session.status !== 200) throw new Error(`signing in answered ${session.status}`);
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const invite = await fetch(`${server.origin}/api/v1/admin/invites`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'commonthread', Cookie: cookie },
    body: JSON.stringify({ expires_in_days: 7, max_uses: 1 }),
  });
  if (invite.status !== 201) throw new Error(`making an invite answered ${invite.status}: ${await invite.text()}`);
  return ((await invite.json()) as { code: string }).code;
}

describe('membership', () => {
  test('by invitation: the code is asked for, a wrong one is refused, the right one lets the person in', async () => {
    const server = byInvite;
    if (!server) throw new Error('the invite-only forum did not start');
    const code = await inviteCode(server);
    const { page, errors, close } = await openPage(browser());
    try {
      await page.goto(`${server.origin}/join`);
      await waitForHeading(page, 'Join the forum');
      const invite = page.getByLabel('Invite code', { exact: true });
      await invite.waitFor();
      await expectNoAxeViolations(page, 'the join form with an invite code');

      // Forgotten: caught before it is sent.
      await fillJoinForm(page, 'invited_journey', PASSPHRASE);
      expect(await errorSummary(page)).toEqual(['Enter your invite code.']);

      // Wrong: the server refuses it, and says so at the field.
      await invite.fill('not-a-real-code');
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.locator('#invite-code-error').waitFor();
      expect(await errorSummary(page)).toEqual(['That invite code doesn’t work. It may be mistyped, used up or out of date.']);
      expect(await errorSummaryHasFocus(page)).toBe(true);

      await invite.fill(code);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await waitForHeading(page, 'Save your recovery codes');
      expect(await page.locator('main ol li').count()).toBe(8);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('closed: the page says so, with no form', async () => {
    const server = closed;
    if (!server) throw new Error('the closed forum did not start');
    const { page, errors, close } = await openPage(browser());
    try {
      await page.goto(`${server.origin}/join`);
      await waitForHeading(page, 'Joining is closed');
      expect(await page.locator('main form').count()).toBe(0);
      expect(await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).getAttribute('href')).toBe(
        '/sign-in',
      );
      await expectNoAxeViolations(page, 'the join page of a closed forum');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
