// Journey: a parent carer joins with only a handle and a passphrase, saves their recovery
// codes, signs out and in again, and changes their passphrase; on a desktop and on a phone.

import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import {
  accountNav,
  accountSummary,
  confirmCodesSaved,
  errorSummary,
  errorSummaryHasFocus,
  fillJoinForm,
  fillSignInForm,
  header,
  joinAs,
  NOTIFICATIONS_LINK,
  signInAs,
  signOut,
  statuses,
} from '../support/accounts';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, PHONE, useChromium } from '../support/browser';
import { waitForHeading } from '../support/forum-page';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const STRONG = 'correct horse battery staple lantern';
const NEWER = 'violet kettle harbour smile orchard';
const INVALID_CREDENTIALS = 'That handle and passphrase don’t match. Check them and try again.';
// Argon2 in a debug build of the server takes a moment per passphrase.
const JOURNEY_TIMEOUT_MS = 120_000;

const browser = useChromium();

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

describe('accounts', () => {
  test(
    'join, save the codes, sign out and in, change the passphrase, sign in with the new one',
    async () => {
      const handle = 'rowan_journey';
      const { page, errors, refusals, close } = await openPage(browser(), DESKTOP);
      try {
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: forum.origin });

        // Step 1: a handle and a passphrase, nothing more.
        await page.goto(`${forum.origin}/join`);
        await waitForHeading(page, 'Join the forum');
        expect(await accountNav(page)).toEqual(['Join', 'Sign in']);
        expect(await page.title()).toBe(`Join the forum – ${forum.name}`);
        const handleBox = page.getByLabel('Handle', { exact: true });
        expect(await handleBox.getAttribute('autocomplete')).toBe('username');
        expect(await page.getByLabel('Passphrase', { exact: true }).getAttribute('autocomplete')).toBe('new-password');
        expect(await page.getByLabel('Passphrase', { exact: true }).getAttribute('type')).toBe('password');
        // The forum is open: no invite code is asked for.
        expect(await page.getByLabel('Invite code').count()).toBe(0);
        expect(await page.locator('#handle-hint').textContent()).toBe(
          'Choose a handle that is not your real name. Use 3 to 30 lowercase letters a to z, numbers 0 to 9 and _.',
        );
        expect(await handleBox.getAttribute('aria-describedby')).toBe('handle-hint');
        await expectNoAxeViolations(page, 'the join form');

        await fillJoinForm(page, handle, STRONG);

        // Step 2: the recovery codes, shown once.
        await waitForHeading(page, 'Save your recovery codes');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        const codes = (await page.locator('main ol li').allTextContents()).map((c) => c.trim());
        expect(codes).toHaveLength(8);
        expect(new Set(codes).size).toBe(8);
        for (const code of codes) expect(code).toMatch(/^\S{6,}$/);
        const font = await page.locator('main ol li').first().evaluate((li) => getComputedStyle(li).fontFamily);
        expect(font).toMatch(/monospace/);
        expect(await page.getByRole('main').textContent()).toContain('the only way back into your account');

        const continueButton = page.getByRole('button', { name: 'Continue', exact: true });
        expect(await continueButton.isDisabled()).toBe(true);
        // Signed in already: the header says so.
        expect(await accountNav(page)).toEqual([expect.stringMatching(NOTIFICATIONS_LINK), 'Your account', 'Sign out']);
        await expectNoAxeViolations(page, 'the recovery codes step');
        await page.screenshot({ path: `${SCREENSHOTS}join-recovery-codes-desktop.png`, fullPage: true });

        // Download as a text file: every code, in a file named for the handle.
        const downloading = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Download as a text file', exact: true }).click();
        const download = await downloading;
        expect(download.suggestedFilename()).toBe(`commonthread-recovery-codes-${handle}.txt`);
        const file = await readFile((await download.path()) ?? '', 'utf8');
        for (const code of codes) expect(file).toContain(code);
        expect(file).toContain(`Recovery codes for ${handle} on ${forum.name}`);

        // Copy: all eight, one a line.
        await page.getByRole('button', { name: 'Copy', exact: true }).click();
        await page.getByText('Your recovery codes have been copied.', { exact: true }).waitFor();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join('\n'));

        // Nothing about the account is kept in the browser's storage.
        expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);

        await page.getByLabel('I have saved my recovery codes somewhere safe', { exact: true }).check();
        expect(await continueButton.isEnabled()).toBe(true);
        await continueButton.click();
        await waitForHeading(page, forum.name);
        expect(await accountNav(page)).toEqual([expect.stringMatching(NOTIFICATIONS_LINK), 'Your account', 'Sign out']);

        // Sign out; a reload finds the browser signed out too.
        await signOut(page);
        expect(await statuses(page)).toContain('You’ve signed out.');
        await page.reload();
        await waitForHeading(page, forum.name);
        expect(await accountNav(page)).toEqual(['Join', 'Sign in']);

        // Sign in again, then the account page.
        await signInAs(page, handle, STRONG);
        await waitForHeading(page, forum.name);
        expect(await statuses(page)).toContain(`You’re signed in as ${handle}.`);
        await header(page).getByRole('link', { name: 'Your account', exact: true }).click();
        await waitForHeading(page, 'Your account');
        const summary = await accountSummary(page);
        expect(summary).toEqual({
          Handle: handle,
          Role: 'Member',
          Joined: expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4}$/) as unknown as string,
          'Recovery codes left': '8',
        });
        await expectNoAxeViolations(page, 'the account page');
        await page.screenshot({ path: `${SCREENSHOTS}account-desktop.png`, fullPage: true });

        // Change the passphrase.
        const current = page.locator('#current-passphrase');
        expect(await current.getAttribute('autocomplete')).toBe('current-password');
        expect(await page.locator('#new-passphrase').getAttribute('autocomplete')).toBe('new-password');
        await current.fill(STRONG);
        await page.locator('#new-passphrase').fill(NEWER);
        await page.getByRole('button', { name: 'Change passphrase', exact: true }).click();
        await page.getByText('Your passphrase has been changed. Use the new one next time you sign in.', { exact: true }).waitFor();
        expect(await current.inputValue()).toBe('');

        // The old passphrase no longer works; the summary says why and takes focus.
        await signOut(page);
        await header(page).getByRole('link', { name: 'Sign in', exact: true }).click();
        await waitForHeading(page, 'Sign in');
        await expectNoAxeViolations(page, 'the sign-in page');
        expect(await page.getByLabel('Passphrase', { exact: true }).getAttribute('autocomplete')).toBe('current-password');
        await fillSignInForm(page, handle, STRONG);
        expect(await errorSummary(page)).toEqual([INVALID_CREDENTIALS]);
        expect(await errorSummaryHasFocus(page)).toBe(true);
        expect(await page.title()).toBe(`Error: Sign in – ${forum.name}`);
        await expectNoAxeViolations(page, 'the sign-in page with an error');

        // The new one does.
        await fillSignInForm(page, handle, NEWER);
        await header(page).getByRole('link', { name: 'Your account', exact: true }).waitFor();
        await waitForHeading(page, forum.name);

        expect(refusals).toContain('401 POST /api/v1/session');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test('a weak passphrase: the server’s reason is in the error summary, which takes focus', async () => {
    const { page, errors, close } = await openPage(browser(), DESKTOP);
    try {
      await page.goto(`${forum.origin}/join`);
      await waitForHeading(page, 'Join the forum');
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/accounts');
      await fillJoinForm(page, 'weak_journey', 'password123');
      const response = await answer;
      expect(response.status()).toBe(422);
      const problem = (await response.json()) as { code: string; detail?: string };
      expect(problem.code).toBe('weak_passphrase');
      expect(problem.detail).toMatch(/\w/);

      expect(await errorSummary(page)).toEqual([problem.detail]);
      expect(await errorSummaryHasFocus(page)).toBe(true);
      // The summary links to the field, which shows the same message.
      expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#passphrase');
      const field = page.getByLabel('Passphrase', { exact: true });
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.getAttribute('aria-describedby')).toBe('passphrase-hint passphrase-error');
      expect(await page.locator('#passphrase-error').textContent()).toBe(`Error: ${problem.detail}`);
      expect(await page.title()).toBe(`Error: Join the forum – ${forum.name}`);
      await expectNoAxeViolations(page, 'the join form with an error');

      // Following the summary's link puts the person in the field.
      await page.locator('.error-summary a').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('passphrase');
      // Still signed out.
      expect(await accountNav(page)).toEqual(['Join', 'Sign in']);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a handle that breaks the rules is caught before it is sent', async () => {
    const { page, errors, requests, close } = await openPage(browser(), DESKTOP);
    try {
      await page.goto(`${forum.origin}/join`);
      await waitForHeading(page, 'Join the forum');
      await fillJoinForm(page, 'Rowan Smith', STRONG);
      expect(await errorSummary(page)).toEqual([
        'A handle is 3 to 30 characters: lowercase letters a to z, numbers 0 to 9 and _.',
      ]);
      expect(await errorSummaryHasFocus(page)).toBe(true);
      expect(requests.filter((url) => url.endsWith('/api/v1/accounts'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a signed-out visitor to the account page is asked to sign in, and comes back after', async () => {
    const handle = 'next_journey';
    const { page, errors, close } = await openPage(browser(), DESKTOP);
    try {
      await joinAs(page, forum.origin, handle, STRONG);
      await confirmCodesSaved(page, forum.name);
      await signOut(page);

      await page.goto(`${forum.origin}/account`);
      await waitForHeading(page, 'Sign in to see this page');
      await expectNoAxeViolations(page, 'the account page, signed out');
      await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
      await waitForHeading(page, 'Sign in');
      expect(new URL(page.url()).search).toBe('?next=%2Faccount');
      await fillSignInForm(page, handle, STRONG);
      await waitForHeading(page, 'Your account');
      expect((await accountSummary(page)).Handle).toBe(handle);

      // A member is not an admin.
      await page.goto(`${forum.origin}/admin/members`);
      await waitForHeading(page, 'Only admins can see this page');
      await page.goto(`${forum.origin}/admin/invites`);
      await waitForHeading(page, 'Only moderators and admins can see this page');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test(
    'a forgotten passphrase: one recovery code and a new passphrase get the person back in',
    async () => {
      const handle = 'recover_journey';
      const { page, errors, close } = await openPage(browser(), DESKTOP);
      try {
        await joinAs(page, forum.origin, handle, STRONG);
        const codes = (await page.locator('main ol li').allTextContents()).map((c) => c.trim());
        await confirmCodesSaved(page, forum.name);
        await signOut(page);

        await header(page).getByRole('link', { name: 'Sign in', exact: true }).click();
        await waitForHeading(page, 'Sign in');
        await page.getByRole('link', { name: 'Forgotten your passphrase?', exact: true }).click();
        await waitForHeading(page, 'Use a recovery code');
        expect(await page.getByLabel('Recovery code', { exact: true }).getAttribute('autocomplete')).toBe('one-time-code');
        expect(await page.getByLabel('New passphrase', { exact: true }).getAttribute('autocomplete')).toBe('new-password');
        await expectNoAxeViolations(page, 'the recovery page');

        // A code that isn't one of theirs.
        await page.getByLabel('Handle', { exact: true }).fill(handle);
        await page.getByLabel('Recovery code', { exact: true }).fill('abcd-efgh-ijkl-mnop');
        await page.getByLabel('New passphrase', { exact: true }).fill(NEWER);
        await page.getByRole('button', { name: 'Get back in', exact: true }).click();
        expect(await errorSummary(page)).toEqual([
          'That recovery code doesn’t work. Check it, or try another of your codes: each one works once.',
        ]);
        expect(await errorSummaryHasFocus(page)).toBe(true);

        await page.getByLabel('Recovery code', { exact: true }).fill(codes[0] ?? '');
        await page.getByLabel('New passphrase', { exact: true }).fill(NEWER);
        await page.getByRole('button', { name: 'Get back in', exact: true }).click();
        await waitForHeading(page, 'You’re back in');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        const text = await page.getByRole('main').textContent();
        expect(text).toContain('The recovery code you used is now used up and won’t work again. You have 7 recovery codes left.');
        expect(await accountNav(page)).toEqual([expect.stringMatching(NOTIFICATIONS_LINK), 'Your account', 'Sign out']);
        await expectNoAxeViolations(page, 'the recovery page, done');

        // The new passphrase is the one that works now.
        await signOut(page);
        await signInAs(page, handle, NEWER);
        await header(page).getByRole('link', { name: 'Your account', exact: true }).click();
        await waitForHeading(page, 'Your account');
        expect((await accountSummary(page))['Recovery codes left']).toBe('7');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'the account page: new recovery codes, download my data, sign out everywhere, delete my account',
    async () => {
      const handle = 'tidy_journey';
      const { page, errors, close } = await openPage(browser(), DESKTOP);
      try {
        await joinAs(page, forum.origin, handle, STRONG);
        const firstCodes = (await page.locator('main ol li').allTextContents()).map((c) => c.trim());
        await confirmCodesSaved(page, forum.name);
        await header(page).getByRole('link', { name: 'Your account', exact: true }).click();
        await waitForHeading(page, 'Your account');

        // New recovery codes: a wrong passphrase is named as such.
        await page.locator('#codes-passphrase').fill('not my passphrase at all');
        await page.getByRole('button', { name: 'Make new recovery codes', exact: true }).click();
        expect(await errorSummary(page)).toEqual(['That isn’t your current passphrase. Check it and try again.']);
        expect(await errorSummaryHasFocus(page)).toBe(true);
        // A wrong passphrase is not a lost session: still signed in.
        expect(await accountNav(page)).toEqual([expect.stringMatching(NOTIFICATIONS_LINK), 'Your account', 'Sign out']);

        await page.locator('#codes-passphrase').fill(STRONG);
        await page.getByRole('button', { name: 'Make new recovery codes', exact: true }).click();
        await page.getByText('Here are your new recovery codes.').waitFor();
        const newCodes = (await page.locator('main ol li').allTextContents()).map((c) => c.trim());
        expect(newCodes).toHaveLength(8);
        expect(newCodes.filter((c) => firstCodes.includes(c))).toEqual([]);
        await expectNoAxeViolations(page, 'the account page with new recovery codes');
        await page.getByLabel('I have saved my recovery codes somewhere safe', { exact: true }).check();
        await page.getByRole('button', { name: 'Done', exact: true }).click();
        expect(await statuses(page)).toContain('Your new recovery codes are ready to use. Your old ones no longer work.');

        // Download my data: the server's document, as it sent it, named for the handle.
        const downloading = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Download my data', exact: true }).click();
        const download = await downloading;
        expect(download.suggestedFilename()).toBe(`commonthread-${handle}.json`);
        const data = await readFile((await download.path()) ?? '', 'utf8');
        expect(data).toContain(`"${handle}"`);
        expect(() => JSON.parse(data) as unknown).not.toThrow();
        await page.getByText('Your data has been downloaded.', { exact: true }).waitFor();

        // Sign out everywhere: this browser too.
        await page.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
        await waitForHeading(page, forum.name);
        expect(await statuses(page)).toContain('You’ve been signed out on every device, this one too.');
        expect(await accountNav(page)).toEqual(['Join', 'Sign in']);
        await page.reload();
        await waitForHeading(page, forum.name);
        expect(await accountNav(page)).toEqual(['Join', 'Sign in']);

        // Delete my account: the box must be ticked.
        await signInAs(page, handle, STRONG);
        await header(page).getByRole('link', { name: 'Your account', exact: true }).click();
        await waitForHeading(page, 'Your account');
        await page.locator('#delete-passphrase').fill(STRONG);
        await page.getByRole('button', { name: 'Delete my account', exact: true }).click();
        expect(await errorSummary(page)).toEqual(['Tick the box to show you understand.']);
        await page
          .getByLabel('I understand this deletes my account and everything I wrote, and cannot be undone', { exact: true })
          .check();
        await page.getByRole('button', { name: 'Delete my account', exact: true }).click();
        await waitForHeading(page, forum.name);
        expect(await statuses(page)).toContain(
          'Your account has been deleted, with everything you wrote. Thank you for being part of the forum.',
        );
        expect(await accountNav(page)).toEqual(['Join', 'Sign in']);

        // It is gone: signing in with it no longer works.
        await header(page).getByRole('link', { name: 'Sign in', exact: true }).click();
        await waitForHeading(page, 'Sign in');
        await fillSignInForm(page, handle, STRONG);
        expect(await errorSummary(page)).toEqual([INVALID_CREDENTIALS]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'on a 390 px phone: the account page fits, axe clean',
    async () => {
      const handle = 'phone_journey';
      const { page, errors, close } = await openPage(browser(), PHONE);
      try {
        await joinAs(page, forum.origin, handle, STRONG);
        await page.screenshot({ path: `${SCREENSHOTS}join-recovery-codes-phone.png`, fullPage: true });
        await confirmCodesSaved(page, forum.name);
        await header(page).getByRole('link', { name: 'Your account', exact: true }).click();
        await waitForHeading(page, 'Your account');
        expect((await accountSummary(page)).Handle).toBe(handle);

        const widths = await page.evaluate(() => ({
          viewport: window.innerWidth,
          content: document.documentElement.scrollWidth,
        }));
        expect(widths).toEqual({ viewport: 390, content: 390 });
        await expectNoAxeViolations(page, 'the account page (390 px phone)');
        await page.screenshot({ path: `${SCREENSHOTS}account-phone.png`, fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});
