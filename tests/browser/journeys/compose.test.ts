// Journey: a member writes a story with their daughter's name in it, step by step: the draft
// is saved at the first Continue (and gets its own address), screening highlights the name
// and the member replaces it, confirms a suggested tag, says where and when it happened and
// which services, chooses that members may read it, reviews everything (changing one answer
// from the review) and submits it. "My stories" then shows it waiting for a moderator, and
// the story the forum holds no longer has the name. axe finds nothing on any step. A draft
// is withdrawn, after a confirm step. On a 390 px phone the first step fits the screen.
// A forum name is set on the account page and offered in the composer. On a forum of its
// own (a second admin would change what other journeys see), a published story is changed:
// the composer says the published version stays up, saves nothing as the member goes, and
// sends the change for checking only when asked.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { errorSummary, errorSummaryHasFocus, header, joinThroughApi, signInAs, statuses } from '../support/accounts';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, PHONE, useChromium } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { createAdmin, startForum, type ForumServer } from '../support/forum-server';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const PASSPHRASE = 'correct horse battery staple lantern';
const WRITER = 'compose_writer';
const PHONE_WRITER = 'compose_phone';
const NAMED = 'compose_named';
const TITLE = 'They wanted to see her bedroom';
const STORY =
  'My daughter Maisie has been out of school since May.\n\n' +
  'After I complained, a social worker came round and wanted to see her bedroom. It felt like *we* were the problem.';
const CLEANED =
  'My daughter [name] has been out of school since May.\n\n' +
  'After I complained, a social worker came round and wanted to see her bedroom. It felt like *we* were the problem.';
const MEMBERS_ONLY = 'Signed-in members of this forum can read it.';
// Argon2 in a debug build of the server takes a moment per passphrase.
const JOURNEY_TIMEOUT_MS = 120_000;

const browser = useChromium();

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const handle of [WRITER, PHONE_WRITER, NAMED]) await joinThroughApi(forum.origin, handle, PASSPHRASE);
});

/** Waits for the composer's step heading, "Step 2 of 6: Check for identifying details". */
async function waitForStep(page: Page, n: number, title: string): Promise<void> {
  await waitForHeading(page, `Step ${n} of 6: ${title}`);
  // The step's heading has focus, so a screen reader starts there.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
}

async function continueStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

function region(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** The review's rows, as { Title: '…', … }. */
async function reviewRows(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('dl.review > div')].map((row) => [
        row.querySelector('dt')?.textContent?.trim() ?? '',
        row.querySelector('dd')?.textContent?.trim() ?? '',
      ]),
    ),
  );
}

/** `GET /api/v1/me/stories` from inside the page, with its session, as the forum holds them. */
async function myStoriesFromApi(page: Page): Promise<{ id: string; title: string; body: string; state: string; visibility: string; tags: string[] }[]> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/me/stories', { headers: { Accept: 'application/json' } });
    return response.json();
  });
}

async function signIn(page: Page, handle: string, origin: string = forum.origin): Promise<void> {
  await page.goto(`${origin}/`);
  await waitForHeading(page, forum.name);
  await signInAs(page, handle, PASSPHRASE);
}

/** A state-changing API request from inside the page, with its session; fails unless `status`. */
async function apiFromPage(page: Page, method: string, path: string, body: unknown, status: number): Promise<unknown> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'commonthread', Accept: 'application/json' },
        body: body === null ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
  return answer.text ? JSON.parse(answer.text) : undefined;
}

describe('writing a story', () => {
  test(
    'a story with a name in it: checked, tagged, detailed, shared with members, submitted',
    async () => {
      const { page, errors, requests, close } = await openPage(browser(), DESKTOP);
      try {
        await signIn(page, WRITER);
        await header(page).getByRole('link', { name: 'Write', exact: true }).click();

        // Step 1: write.
        await waitForStep(page, 1, 'Write your story');
        expect(page.url()).toBe(`${forum.origin}/write`);
        expect(await page.title()).toBe(`Write your story – Write a story – ${forum.name}`);
        await expectNoAxeViolations(page, 'step 1, write');

        // Nothing written: said, and nothing is saved.
        await continueStep(page);
        expect(await errorSummary(page)).toEqual(['Give your story a title.', 'Write your story.']);
        expect(await errorSummaryHasFocus(page)).toBe(true);
        expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');

        await page.getByLabel('Title', { exact: true }).fill(TITLE);
        expect((await page.locator('main .count').first().textContent())?.trim()).toBe(
          `You have ${140 - TITLE.length} characters left`,
        );
        await page.getByLabel('Your story', { exact: true }).fill(STORY);

        // The preview shows the Markdown as readers will see it.
        await page.getByRole('button', { name: 'Show preview', exact: true }).click();
        const preview = region(page, 'Preview');
        await preview.locator('em', { hasText: 'we' }).waitFor();
        expect(await preview.locator('p').count()).toBe(2);
        await expectNoAxeViolations(page, 'step 1 with its preview');
        await page.getByRole('button', { name: 'Hide preview', exact: true }).click();

        // Step 2: the first Continue makes the draft, and the address becomes its edit page.
        await continueStep(page);
        await waitForStep(page, 2, 'Check for identifying details');
        expect(page.url()).toMatch(new RegExp(`^${forum.origin}/stories/[a-z0-9]{12}/edit$`));
        expect(await statuses(page)).toContain('Draft saved');
        // The check runs by itself.
        await page.getByRole('heading', { level: 2, name: 'What we found', exact: true }).waitFor();
        const replaceName = page.getByLabel('Replace “Maisie” with [name]', { exact: true });
        expect(await replaceName.isChecked()).toBe(true);
        expect((await page.locator('main mark').allTextContents()).map((t) => t.trim())).toEqual(['Maisie (Name)']);
        await expectNoAxeViolations(page, 'step 2, check, with a finding');
        await page.getByRole('button', { name: 'Apply 1 change', exact: true }).click();
        await page.locator('main .nothing-found').waitFor();
        expect(await page.getByLabel('Your story', { exact: true }).inputValue()).toBe(CLEANED);

        // Step 3: tags, suggested from the story; the member confirms one.
        await continueStep(page);
        await waitForStep(page, 3, 'Choose tags');
        await page.locator('main [role="status"]', { hasText: /^We suggest \d+ tags?\./ }).waitFor();
        const bedroom = region(page, 'Tags we suggest').getByRole('checkbox', { name: 'Bedroom inspected', exact: true });
        expect(await bedroom.isChecked()).toBe(false);
        await bedroom.check();
        expect((await region(page, 'Your tags').locator('.chosen-label').allTextContents()).map((t) => t.trim())).toEqual([
          'Bedroom inspected',
        ]);
        await expectNoAxeViolations(page, 'step 3, tags');

        // Step 4: details. The area starts as the forum's; the period as this month.
        await continueStep(page);
        await waitForStep(page, 4, 'Add some details');
        const area = page.getByLabel('Which council area did it happen in?', { exact: true });
        expect(await area.inputValue()).toBe(forum.area);
        const now = new Date();
        expect(await page.getByLabel('Year', { exact: true }).inputValue()).toBe(String(now.getFullYear()));
        expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe(String(now.getMonth() + 1));
        // Never a future month.
        await page.getByLabel('Year', { exact: true }).selectOption(String(now.getFullYear()));
        if (now.getMonth() < 11) {
          await page.getByLabel('Month', { exact: true }).selectOption(String(now.getMonth() + 2));
          await continueStep(page);
          expect(await errorSummary(page)).toEqual([
            'When it happened can’t be in the future. Choose an earlier month, or just the year.',
          ]);
        }
        await page.getByLabel('Year', { exact: true }).selectOption('2025');
        await page.getByLabel('Month', { exact: true }).selectOption({ label: 'March' });
        await page.getByRole('group', { name: 'Which services were involved?' }).getByLabel('Social care', { exact: true }).check();
        await page.getByLabel('What stage were things at? (optional)', { exact: true }).selectOption({ label: 'Child in need' });
        await expectNoAxeViolations(page, 'step 4, details');

        // Step 5: who sees it. Members only; counted by default, not quoted by default.
        await continueStep(page);
        await waitForStep(page, 5, 'Choose who sees it');
        const who = page.getByRole('group', { name: 'Who can read your story?' });
        expect(await who.getByRole('radio').count()).toBe(4);
        expect(await page.getByText(MEMBERS_ONLY, { exact: true }).count()).toBe(1);
        await who.getByLabel('Anyone', { exact: true }).check();
        await who.getByLabel('Members of this forum', { exact: true }).check();
        expect(await page.getByLabel(/^Count it in the forum’s anonymous figures/).isChecked()).toBe(true);
        expect(await page.getByLabel(/^Quote parts of it/).isChecked()).toBe(false);
        // No forum name set: the story goes out under a made-up name, and the account page is linked.
        expect(await page.getByRole('link', { name: 'set a forum name on your account page' }).count()).toBe(1);
        await expectNoAxeViolations(page, 'step 5, who sees it');

        // Step 6: review, with a Change button for each answer.
        await continueStep(page);
        await waitForStep(page, 6, 'Check your story and send it');
        const rows = await reviewRows(page);
        expect(rows).toMatchObject({
          Title: TITLE,
          Tags: 'Bedroom inspected',
          Area: forum.areaName,
          'When it happened': 'March 2025',
          Services: 'Social care',
          Stage: 'Child in need',
          'Who can read it': `Members of this forum. ${MEMBERS_ONLY}`,
          'Counted in figures': 'Yes',
          'May be quoted': 'No',
          Name: 'A new made-up name',
        });
        expect(rows['Your story']).toContain('[name]');
        expect(rows['Your story']).not.toContain('Maisie');
        await expectNoAxeViolations(page, 'step 6, review');

        // Changing one answer comes back to the review.
        await page.getByRole('button', { name: 'Change content warnings', exact: true }).click();
        await waitForStep(page, 5, 'Choose who sees it');
        await page.getByRole('group', { name: 'Does your story need a content warning?' }).getByLabel('Child protection').check();
        await continueStep(page);
        await waitForStep(page, 6, 'Check your story and send it');
        expect((await reviewRows(page))['Content warnings']).toBe('Child protection');

        await page.getByRole('button', { name: 'Submit for moderation', exact: true }).click();
        await waitForHeading(page, 'My stories');
        expect(page.url()).toBe(`${forum.origin}/my-stories`);
        expect((await page.locator('main .notice-text').textContent())?.trim()).toBe(
          'Your story has been sent to the moderators. We’ll let you know when they have read it.',
        );
        const item = page.locator('main li.story', { hasText: TITLE });
        await item.waitFor();
        expect((await item.locator('.state').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
          'Where it is up to: Waiting for a moderator',
        );
        expect(await page.locator('main').textContent()).not.toContain('Maisie');
        await expectNoAxeViolations(page, 'my stories');

        // What the forum holds: the name is gone, members only, the tag confirmed.
        const held = await myStoriesFromApi(page);
        expect(held).toHaveLength(1);
        expect(held[0]).toMatchObject({ title: TITLE, body: CLEANED, state: 'pending', visibility: 'members', tags: ['bedroom-inspected'] });

        expect(errors).toEqual([]);
        expect(requests.filter((url) => !url.startsWith(`${forum.origin}/`))).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'a draft is withdrawn after a confirm step, and a draft carries on where it was left',
    async () => {
      const { page, errors, close } = await openPage(browser(), DESKTOP);
      try {
        await signIn(page, WRITER);
        await header(page).getByRole('link', { name: 'Write', exact: true }).click();
        await waitForStep(page, 1, 'Write your story');
        await page.getByLabel('Title', { exact: true }).fill('A draft to take back');
        await page.getByLabel('Your story', { exact: true }).fill('Something I am not ready to share.');
        await continueStep(page);
        await waitForStep(page, 2, 'Check for identifying details');

        await header(page).getByRole('link', { name: 'My stories', exact: true }).click();
        await waitForHeading(page, 'My stories');
        const draft = page.locator('main li.story', { hasText: 'A draft to take back' });
        await draft.waitFor();
        expect((await draft.locator('.state').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Where it is up to: Draft');

        // Continue writing: the composer opens the draft as it was saved.
        await draft.getByRole('link', { name: /^Continue writing/ }).click();
        await waitForStep(page, 1, 'Write your story');
        expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('A draft to take back');
        await page.getByRole('link', { name: 'Go to my stories', exact: true }).click();
        await waitForHeading(page, 'My stories');

        await page.locator('main li.story', { hasText: 'A draft to take back' }).getByRole('button', { name: /^Withdraw/ }).click();
        const confirm = page.getByRole('heading', { level: 3, name: 'Withdraw “A draft to take back”?' });
        await confirm.waitFor();
        expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await page.getByText(/deleted for good/).count()).toBeGreaterThan(0);
        await expectNoAxeViolations(page, 'my stories, confirming a withdrawal');
        await page.getByRole('button', { name: 'Yes, withdraw it', exact: true }).click();
        await page.locator('main [role="status"]', { hasText: 'You withdrew “A draft to take back”.' }).waitFor();
        expect(await page.locator('main li.story', { hasText: 'A draft to take back' }).count()).toBe(0);
        expect((await myStoriesFromApi(page)).map((s) => s.title)).toEqual([TITLE]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'on a 390 px phone the first step fits, axe clean',
    async () => {
      const { page, errors, close } = await openPage(browser(), PHONE);
      try {
        await signIn(page, PHONE_WRITER);
        await page.goto(`${forum.origin}/write`);
        await waitForHeading(page, 'Step 1 of 6: Write your story');
        await page.getByLabel('Title', { exact: true }).fill(TITLE);
        await page.getByLabel('Your story', { exact: true }).fill(STORY);
        await page.getByRole('button', { name: 'Show preview', exact: true }).click();
        await region(page, 'Preview').locator('em').waitFor();
        const widths = await page.evaluate(() => ({ viewport: window.innerWidth, content: document.documentElement.scrollWidth }));
        expect(widths).toEqual({ viewport: 390, content: 390 });
        await expectNoAxeViolations(page, 'step 1 (390 px phone)');
        await page.screenshot({ path: `${SCREENSHOTS}compose-write-phone.png`, fullPage: true });

        await continueStep(page);
        await waitForHeading(page, 'Step 2 of 6: Check for identifying details');
        await page.getByRole('heading', { level: 2, name: 'What we found', exact: true }).waitFor();
        const after = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(after).toBe(390);
        await page.screenshot({ path: `${SCREENSHOTS}compose-check-phone.png`, fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'a forum name set on the account page is offered in the composer',
    async () => {
      const { page, errors, close } = await openPage(browser(), DESKTOP);
      try {
        await signIn(page, NAMED);
        await header(page).getByRole('link', { name: 'Your account', exact: true }).click();
        await waitForHeading(page, 'Your account');
        const section = region(page, 'Forum name');
        await section.getByText('You haven’t set a forum name.').waitFor();

        // The handle is never shown on stories, so it can't be the forum name.
        await section.getByLabel('Forum name', { exact: true }).fill(NAMED);
        await section.getByRole('button', { name: 'Save forum name', exact: true }).click();
        expect(await errorSummary(page)).toEqual([
          'A forum name is 3 to 40 characters: letters, single spaces, hyphens and apostrophes.',
        ]);

        await section.getByLabel('Forum name', { exact: true }).fill('Sam from Testshire');
        await section.getByRole('button', { name: 'Save forum name', exact: true }).click();
        await section.getByText('Your forum name is saved: “Sam from Testshire”.').waitFor();
        await section.getByRole('button', { name: 'Remove forum name', exact: true }).waitFor();
        await expectNoAxeViolations(page, 'the account page with a forum name');

        await header(page).getByRole('link', { name: 'Write', exact: true }).click();
        await waitForStep(page, 1, 'Write your story');
        await page.getByLabel('Title', { exact: true }).fill('Using my forum name');
        await page.getByLabel('Your story', { exact: true }).fill('The meeting was moved again.');
        for (const [n, title] of [
          [2, 'Check for identifying details'],
          [3, 'Choose tags'],
          [4, 'Add some details'],
          [5, 'Choose who sees it'],
        ] as const) {
          await continueStep(page);
          await waitForStep(page, n, title);
        }
        const names = page.getByRole('group', { name: 'Which name should your story go out under?' });
        expect(await names.getByLabel('A new made-up name, just for this story').isChecked()).toBe(true);
        await names.getByLabel('Your forum name, “Sam from Testshire”').check();
        await continueStep(page);
        await waitForStep(page, 6, 'Check your story and send it');
        expect((await reviewRows(page)).Name).toBe('Your forum name, “Sam from Testshire”');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  describe('changing a published story', () => {
    const ADMIN = 'compose_moderator';
    const AUTHOR = 'compose_author';
    let own: ForumServer | undefined;

    beforeAll(async () => {
      own = await startForum({ name: forum.name, description: forum.description, area: forum.area, quickExitUrl: forum.exitUrl });
      await createAdmin(own, ADMIN, PASSPHRASE);
      await joinThroughApi(own.origin, AUTHOR, PASSPHRASE);
    }, JOURNEY_TIMEOUT_MS);

    afterAll(async () => {
      await own?.stop();
    });

    test(
      'the published version stays up; nothing is saved until the change is sent for checking',
      async () => {
        if (!own) throw new Error('the forum for this journey did not start');
        const origin = own.origin;
        const author = await openPage(browser(), DESKTOP);
        const moderator = await openPage(browser(), DESKTOP);
        try {
          // A story, written, submitted and approved through the API: not what this journey is about.
          await signIn(author.page, AUTHOR, origin);
          const draft = (await apiFromPage(
            author.page,
            'POST',
            '/api/v1/stories',
            { title: 'Annual review moved again', body: 'The review was moved for the third time.', area: 'not-said', period: '2025', visibility: 'public' },
            201,
          )) as { id: string };
          await apiFromPage(author.page, 'POST', `/api/v1/stories/${draft.id}/submit`, null, 200);
          await signIn(moderator.page, ADMIN, origin);
          await apiFromPage(moderator.page, 'POST', `/api/v1/moderation/stories/${draft.id}`, { action: 'approve' }, 200);

          const { page, errors } = author;
          const puts: string[] = [];
          page.on('request', (request) => {
            if (request.method() === 'PUT') puts.push(new URL(request.url()).pathname);
          });
          await header(page).getByRole('link', { name: 'My stories', exact: true }).click();
          await waitForHeading(page, 'My stories');
          const item = page.locator('main li.story', { hasText: 'Annual review moved again' });
          await item.waitFor();
          expect((await item.locator('.state').textContent())?.trim()).toBe('Where it is up to: Published');
          expect((await item.locator('.counts').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
            'Nobody has said this happened to them too yet No replies yet',
          );
          expect(await item.getByRole('link', { name: 'View “Annual review moved again”', exact: true }).count()).toBe(1);

          await item.getByRole('link', { name: 'Change “Annual review moved again”', exact: true }).click();
          await waitForStep(page, 1, 'Write your story');
          expect(page.url()).toBe(`${origin}/stories/${draft.id}/edit`);
          await page.getByText(/^This story is published\. Your changes are not saved as you go/).waitFor();
          await page.getByLabel('Title', { exact: true }).fill('Annual review moved a fourth time');
          // Nothing is saved as the member goes: no PUT, however long they pause.
          await page.waitForTimeout(2_500);
          for (const [n, title] of [
            [2, 'Check for identifying details'],
            [3, 'Choose tags'],
            [4, 'Add some details'],
            [5, 'Choose who sees it'],
            [6, 'Check your story and send it'],
          ] as const) {
            await continueStep(page);
            await waitForStep(page, n, title);
          }
          expect(await statuses(page)).not.toContain('Draft saved');
          expect(puts).toEqual([]);
          await expectNoAxeViolations(page, 'the review of a change to a published story');

          await page.getByRole('button', { name: 'Send changes for checking', exact: true }).click();
          await waitForHeading(page, 'My stories');
          expect((await page.locator('main .notice-text').textContent())?.trim()).toBe(
            'Your changes have been sent to the moderators. The published version stays up until they approve them.',
          );
          const changed = page.locator('main li.story', { hasText: 'Annual review moved again' });
          await changed.waitFor();
          expect((await changed.locator('.state').textContent())?.trim()).toBe('Where it is up to: Waiting for a moderator');
          expect(await changed.getByText('Your changes are waiting for a moderator.', { exact: false }).count()).toBe(1);
          expect(puts).toEqual([`/api/v1/stories/${draft.id}`]);
          expect(errors).toEqual([]);
        } finally {
          await author.close();
          await moderator.close();
        }
      },
      JOURNEY_TIMEOUT_MS,
    );
  });
});
