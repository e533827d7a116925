// Journey: the forum's admin (made with the server's CLI, as a first admin is) changes a
// member's role, is stopped from leaving the forum without an admin, and makes and withdraws
// an invite code.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, inject, test } from 'vitest';
import {
  accountNav,
  errorSummary,
  errorSummaryHasFocus,
  header,
  joinThroughApi,
  NOTIFICATIONS_LINK,
  signInAs,
  statuses,
} from '../support/accounts';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, useChromium } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { createAdmin } from '../support/forum-server';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const PASSPHRASE = 'correct horse battery staple lantern';
const ADMIN = 'keeper_journey';
const MEMBER = 'member_for_admin';
const JOURNEY_TIMEOUT_MS = 120_000;

const browser = useChromium();

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  await createAdmin(forum, ADMIN, PASSPHRASE);
  await joinThroughApi(forum.origin, MEMBER, PASSPHRASE);
});

/** The members table as rows of [handle, role, joined]. */
async function memberRows(page: import('playwright-core').Page): Promise<string[][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main tbody tr')].map((row) =>
      [...row.querySelectorAll('th, td')].slice(0, 3).map((cell) => cell.textContent?.trim() ?? ''),
    ),
  );
}

test(
  'an admin changes a role, cannot leave the forum without an admin, and makes and withdraws an invite',
  async () => {
    const { page, errors, close } = await openPage(browser(), DESKTOP);
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: forum.origin });
      await page.goto(`${forum.origin}/`);
      await waitForHeading(page, forum.name);
      await signInAs(page, ADMIN, PASSPHRASE);
      expect(await accountNav(page)).toEqual([
        'Members',
        'Invites',
        'Tags',
        'Signposts',
        'Partners',
        'Moderation',
        expect.stringMatching(NOTIFICATIONS_LINK),
        'Your account',
        'Sign out',
      ]);

      // Members: everyone, with their roles.
      await header(page).getByRole('link', { name: 'Members', exact: true }).click();
      await waitForHeading(page, 'Members');
      await page.locator('main tbody tr').first().waitFor();
      const rows = await memberRows(page);
      expect(rows.map(([handle, role]) => [handle, role])).toEqual(
        expect.arrayContaining([
          [ADMIN, 'Admin'],
          [MEMBER, 'Member'],
        ]),
      );
      await expectNoAxeViolations(page, 'the members page');

      // Make the member a moderator.
      await page.getByLabel(`New role for ${MEMBER}`, { exact: true }).selectOption('moderator');
      await page.getByRole('button', { name: `Change role for ${MEMBER}`, exact: true }).click();
      await page.getByText(`${MEMBER} is now a moderator.`, { exact: true }).waitFor();
      expect((await memberRows(page)).find(([handle]) => handle === MEMBER)?.[1]).toBe('Moderator');

      // The only admin cannot stop being one: the server says why, and the summary takes focus.
      await page.getByLabel(`New role for ${ADMIN}`, { exact: true }).selectOption('member');
      await page.getByRole('button', { name: `Change role for ${ADMIN}`, exact: true }).click();
      expect(await errorSummary(page)).toEqual(['A forum needs at least one admin. Make someone else an admin first.']);
      expect(await errorSummaryHasFocus(page)).toBe(true);
      expect(await page.getByLabel(`New role for ${ADMIN}`, { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect((await memberRows(page)).find(([handle]) => handle === ADMIN)?.[1]).toBe('Admin');
      await expectNoAxeViolations(page, 'the members page with an error');
      await page.screenshot({ path: `${SCREENSHOTS}admin-members-desktop.png`, fullPage: true });

      // Invites: make one with the defaults (7 days, 1 use); its code is shown once.
      await header(page).getByRole('link', { name: 'Invites', exact: true }).click();
      await waitForHeading(page, 'Invites');
      await page.getByText('There are no invites at the moment.', { exact: true }).waitFor();
      expect(await page.getByLabel('Expires after (days)', { exact: true }).inputValue()).toBe('7');
      expect(await page.getByLabel('Number of uses', { exact: true }).inputValue()).toBe('1');
      await expectNoAxeViolations(page, 'the invites page');

      // Out of range: caught before it is sent.
      await page.getByLabel('Number of uses', { exact: true }).fill('101');
      await page.getByRole('button', { name: 'Make invite', exact: true }).click();
      expect(await errorSummary(page)).toEqual(['Enter a number of uses from 1 to 100.']);
      await page.getByLabel('Number of uses', { exact: true }).fill('1');

      await page.getByRole('button', { name: 'Make invite', exact: true }).click();
      const code = page.locator('.new-code');
      await code.waitFor();
      const inviteCode = (await code.textContent())?.trim() ?? '';
      expect(inviteCode).toMatch(/^\S{6,}$/);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('panel'))).toBe(true);
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.getByText('The invite code has been copied.', { exact: true }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(inviteCode);

      const inviteRows = page.locator('main tbody tr');
      await inviteRows.first().waitFor();
      expect(await inviteRows.count()).toBe(1);
      const cells = (await inviteRows.first().locator('td').allTextContents()).map((t) => t.trim());
      expect(cells.slice(0, 3)).toEqual([ADMIN, expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4}$/), '0 of 1']);
      await expectNoAxeViolations(page, 'the invites page with a new invite');
      // Full-page screenshots are taken from the top, where the sticky quick-exit bar belongs.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}admin-invites-desktop.png`, fullPage: true });

      // Withdraw it.
      await page.getByRole('button', { name: /^Withdraw/ }).click();
      await page.getByText('There are no invites at the moment.', { exact: true }).waitFor();
      expect(await statuses(page)).toContain('The invite has been withdrawn. Its code no longer works.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('invites-title');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  },
  JOURNEY_TIMEOUT_MS,
);
