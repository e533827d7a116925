// Journey: a parent carer asks for pattern tags for a passage of their story, ticks one the
// forum suggests (with the words that suggested it), finds another by searching, and removes
// one; on a desktop and on a phone. The forum's admin adds a tag of the forum's own, changes,
// retires and brings it back, and finds it offered as the forum's own; a member may not. The
// admin's part runs on a forum of its own: a second admin, or a tag of its own, on the shared
// forum would change what other journeys see.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
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
import { DESKTOP, openPage, PHONE, useChromium } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { createAdmin, startForum, type ForumServer } from '../support/forum-server';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const PASSAGE =
  'After I complained, a social worker came round and wanted to see her bedroom. They also told me I was too emotional.';
const PASSPHRASE = 'correct horse battery staple lantern';
const ADMIN = 'tags_keeper';
const MEMBER = 'tags_member';
const TRANSPORT = {
  label: 'Transport cancelled',
  definition: 'The child’s school transport was stopped at short notice, or without a reason given.',
  category: 'Decisions about support',
};
const OWN_TAG = 'this forum’s own tag';
/** The shared vocabulary's categories, in order, and how many shared tags it has. */
const CATEGORIES = [
  'Meetings and communication',
  'Parent blame and safeguarding',
  'Decisions about support',
  'Impact on the family',
  'Good practice',
];
const SHARED_TAGS = 49;
// Argon2 in a debug build of the server takes a moment per passphrase.
const JOURNEY_TIMEOUT_MS = 120_000;

const browser = useChromium();

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** Opens "Choose tags for your story" from the home page's link, as a person would find it. */
async function openTagsPage(page: Page): Promise<void> {
  await page.goto(`${forum.origin}/`);
  await waitForHeading(page, forum.name);
  await page.getByRole('main').getByRole('link', { name: 'Choose tags for your story', exact: true }).click();
  await waitForHeading(page, 'Choose tags for your story');
  // The vocabulary has loaded when its search box is there.
  await page.getByLabel('Search the tags', { exact: true }).waitFor();
}

function section(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** The chosen tags' labels, in order. */
async function chosen(page: Page): Promise<string[]> {
  return (await section(page, 'Your tags').locator('.chosen-label').allTextContents()).map((t) => t.trim());
}

/** The headings of a section's groups: its categories' labels. */
async function groupHeadings(where: Locator): Promise<string[]> {
  return (await where.getByRole('heading', { level: 3 }).allTextContents()).map((t) => t.trim());
}

async function hasFocus(element: Locator): Promise<boolean> {
  return element.evaluate((el) => el === document.activeElement);
}

async function suggestTags(page: Page, passage: string): Promise<void> {
  await page.getByLabel('Your story', { exact: true }).fill(passage);
  await page.getByRole('button', { name: 'Suggest tags from my story', exact: true }).click();
  await page.locator('main [role="status"]', { hasText: /^We (suggest \d+ tags?\.|didn’t find any tags)/ }).waitFor();
}

describe('choosing tags', () => {
  test('suggested tags with their evidence, a tag found by searching, one removed', async () => {
    const { page, errors, requests, close } = await openPage(browser(), DESKTOP);
    try {
      await openTagsPage(page);
      expect(page.url()).toBe(`${forum.origin}/tags`);
      expect(await page.title()).toBe(`Choose tags for your story – ${forum.name}`);
      expect(await page.getByText(/nobody is identified by them/).count()).toBe(1);
      expect(await page.getByLabel('Your story', { exact: true }).evaluate((el) => el.tagName)).toBe('TEXTAREA');
      expect(await chosen(page)).toEqual([]);
      expect(await section(page, 'Your tags').getByText('You haven’t chosen any tags yet.').count()).toBe(1);

      // With the search empty, every tag is there, by category, folded away.
      const summaries = (await page.locator('main details > summary').allTextContents()).map((t) => t.trim().replace(/\s+/g, ' '));
      const counted = summaries.map((summary) => /^(.+) \((\d+) tags?\)$/.exec(summary));
      expect(counted.map((match) => match?.[1])).toEqual(CATEGORIES);
      expect(counted.reduce((sum, match) => sum + Number(match?.[2]), 0)).toBe(SHARED_TAGS);
      expect(await page.getByLabel('Bedroom inspected', { exact: true }).isVisible()).toBe(false);
      await expectNoAxeViolations(page, 'the tags page (desktop)');

      // No story yet: said, without asking the server, and linked to the box.
      await page.getByRole('button', { name: 'Suggest tags from my story', exact: true }).click();
      expect(await errorSummary(page)).toEqual(['Write or paste your story first, then ask for suggestions.']);
      expect(await errorSummaryHasFocus(page)).toBe(true);
      expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#story');

      await suggestTags(page, PASSAGE);
      expect(await page.locator('.error-summary').count()).toBe(0);
      const suggested = section(page, 'Tags we suggest');
      expect(await groupHeadings(suggested)).toContain('Parent blame and safeguarding');
      const bedroom = suggested.getByRole('checkbox', { name: 'Bedroom inspected', exact: true });
      // The author confirms: nothing is ticked for them.
      expect(await bedroom.isChecked()).toBe(false);
      expect(await suggested.getByRole('checkbox', { checked: true }).count()).toBe(0);
      // Each suggestion quotes the words that suggested it, and says how well it fits in words.
      const evidence = suggested
        .locator('.tag-option', { has: page.getByRole('checkbox', { name: 'Bedroom inspected', exact: true }) })
        .locator('.evidence');
      expect((await evidence.textContent())?.trim()).toMatch(
        /^A (strong|possible) match: you wrote “…[^”]*wanted to see her bedroom[^”]*…”$/,
      );
      expect(await bedroom.getAttribute('aria-describedby')).toBe('tags-suggested-bedroom-inspected-about');
      expect(await suggested.textContent()).not.toMatch(/\d\.\d|\d%/);
      expect(await statuses(page)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^We suggest \d+ tags?\. Tick the ones that fit your story\.$/)]),
      );

      await bedroom.check();
      expect(await chosen(page)).toEqual(['Bedroom inspected']);

      // Search the whole vocabulary by a word of a label or a definition.
      const search = page.getByLabel('Search the tags', { exact: true });
      expect(await search.getAttribute('aria-describedby')).toBe('tags-search-hint');
      await search.fill('minutes');
      const found = section(page, 'Find a tag');
      await found.getByRole('checkbox', { name: 'Minutes kept from me', exact: true }).waitFor();
      expect(await groupHeadings(found)).toEqual(['Meetings and communication']);
      expect(await page.locator('main details').count()).toBe(0);
      expect(await statuses(page)).toContain('1 tag matches “minutes”.');
      // Enter only searches.
      await search.press('Enter');
      expect(page.url()).toBe(`${forum.origin}/tags`);
      await found.getByRole('checkbox', { name: 'Minutes kept from me', exact: true }).check();
      expect(await chosen(page)).toEqual(['Bedroom inspected', 'Minutes kept from me']);

      await search.fill('zebra crossing');
      await page.getByText('No tags match “zebra crossing”. Try another word, or look through the tags by category.').waitFor();
      await search.fill('');
      expect(await page.locator('main details').count()).toBe(5);

      await expectNoAxeViolations(page, 'the tags page with suggestions and chosen tags (desktop)');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}tags-desktop.png`, fullPage: true });

      // Remove one: the rest stay, focus goes to the next Remove button, and it is said.
      await page.getByRole('button', { name: 'Remove Bedroom inspected', exact: true }).click();
      expect(await chosen(page)).toEqual(['Minutes kept from me']);
      expect(await bedroom.isChecked()).toBe(false);
      expect(await hasFocus(page.getByRole('button', { name: 'Remove Minutes kept from me', exact: true }))).toBe(true);
      expect(await statuses(page)).toContain('You removed “Bedroom inspected”.');
      await page.getByRole('button', { name: 'Remove Minutes kept from me', exact: true }).click();
      expect(await chosen(page)).toEqual([]);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tags-chosen-title');

      // Changing the story keeps the suggestions, but says they were for the story as it was.
      await page.getByLabel('Your story', { exact: true }).press('End');
      await page.getByLabel('Your story', { exact: true }).pressSequentially(' Then nothing.');
      await page.getByText('You’ve changed your story since we suggested these. Ask again for fresh suggestions.').waitFor();

      expect(errors).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(`${forum.origin}/`))).toEqual([]);
    } finally {
      await close();
    }
  });

  test('no suggestions is said kindly, pointing to the search', async () => {
    const { page, errors, close } = await openPage(browser(), DESKTOP);
    try {
      await page.goto(`${forum.origin}/tags`);
      await waitForHeading(page, 'Choose tags for your story');
      await page.getByLabel('Search the tags', { exact: true }).waitFor();
      await suggestTags(page, 'We went to the park on Saturday and had an ice cream.');
      const panel = section(page, 'Tags we suggest').locator('.panel');
      expect((await panel.textContent())?.trim().replace(/\s+/g, ' ')).toBe(
        'We didn’t find any tags that clearly fit your story. That’s fine: not every story fits one. You can search for a tag or look through them all below.',
      );
      await panel.getByRole('link', { name: 'search for a tag', exact: true }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tags-search');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('on a phone: suggestions and the search fit, axe clean', async () => {
    const { page, errors, close } = await openPage(browser(), PHONE);
    try {
      await openTagsPage(page);
      await expectNoAxeViolations(page, 'the tags page (phone)');
      await suggestTags(page, PASSAGE);
      await section(page, 'Tags we suggest').getByRole('checkbox', { name: 'Bedroom inspected', exact: true }).check();
      await page.locator('main details > summary', { hasText: 'Meetings and communication' }).click();
      await page
        .locator('main details[open]')
        .getByRole('checkbox', { name: 'Reports handed out at the meeting', exact: true })
        .check();
      expect(await chosen(page)).toEqual(['Bedroom inspected', 'Reports handed out at the meeting']);

      const widths = await page.evaluate(() => ({
        viewport: window.innerWidth,
        content: document.documentElement.scrollWidth,
      }));
      expect(widths).toEqual({ viewport: 390, content: 390 });
      await expectNoAxeViolations(page, 'the tags page with suggestions (phone)');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}tags-phone.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the forum’s own tags', () => {
  let own: ForumServer | null = null;

  beforeAll(async () => {
    own = await startForum({ name: forum.name, description: forum.description, area: forum.area, quickExitUrl: forum.exitUrl });
    await createAdmin(own, ADMIN, PASSPHRASE);
    await joinThroughApi(own.origin, MEMBER, PASSPHRASE);
  });

  afterAll(async () => {
    await own?.stop();
  });

  /** The origin of this part's own forum. */
  function origin(): string {
    if (!own) throw new Error('the forum for the admin’s journey did not start');
    return own.origin;
  }
  /** The summary of one of the forum's own tags, as { Category: '…', … }. */
  async function ownTagSummary(page: Page, label: string): Promise<Record<string, string>> {
    const item = page.locator('main li.own-tag', { has: page.getByRole('heading', { level: 3, name: label, exact: true }) });
    await item.locator('dl').waitFor();
    return item.evaluate((li) =>
      Object.fromEntries(
        [...li.querySelectorAll('dl > div')].map((row) => [
          row.querySelector('dt')?.textContent?.trim() ?? '',
          row.querySelector('dd')?.textContent?.trim() ?? '',
        ]),
      ),
    );
  }

  async function searchTagsPage(page: Page, query: string): Promise<void> {
    await page.goto(`${origin()}/tags`);
    await waitForHeading(page, 'Choose tags for your story');
    await page.getByLabel('Search the tags', { exact: true }).fill(query);
  }

  test(
    'an admin adds one, changes it, retires it and brings it back; it is offered as the forum’s own',
    async () => {
      const { page, errors, refusals, close } = await openPage(browser(), DESKTOP);
      try {
        await page.goto(`${origin()}/`);
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
        await header(page).getByRole('link', { name: 'Tags', exact: true }).click();
        await waitForHeading(page, 'This forum’s own tags');
        expect(await page.title()).toBe(`This forum’s own tags – ${forum.name}`);
        await page.getByText('This forum has no tags of its own yet.', { exact: true }).waitFor();
        await expectNoAxeViolations(page, 'the forum’s tags page');

        // Nothing filled in: every field is explained before anything is sent.
        await page.getByRole('button', { name: 'Add tag', exact: true }).click();
        expect(await errorSummary(page)).toEqual(['Enter a name for the tag.', 'Say what the tag means.', 'Choose a category.']);
        expect(await errorSummaryHasFocus(page)).toBe(true);
        expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');

        // The categories and shared tags come from the vocabulary.
        const category = page.getByLabel('Category', { exact: true });
        expect((await category.locator('option').allTextContents()).map((t) => t.trim())).toEqual(['Choose a category', ...CATEGORIES]);
        const sameAs = page.getByLabel('Same as a shared tag (optional)', { exact: true });
        expect(await sameAs.locator('option').count()).toBe(SHARED_TAGS + 1);
        expect(await sameAs.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label')))).toEqual(CATEGORIES);

        await page.getByLabel('Name', { exact: true }).fill(TRANSPORT.label);
        await page.getByLabel('What it means', { exact: true }).fill(TRANSPORT.definition);
        await category.selectOption({ label: TRANSPORT.category });
        await page.getByRole('button', { name: 'Add tag', exact: true }).click();
        await page.getByText(`“${TRANSPORT.label}” has been added. It is in the list below.`, { exact: true }).waitFor();
        expect(await ownTagSummary(page, TRANSPORT.label)).toEqual({
          'What it means': TRANSPORT.definition,
          Category: TRANSPORT.category,
          'Same as': 'None',
          'Offered for stories': 'Yes',
        });
        // The form is empty again, for the next tag.
        expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');

        // The same name again: the server's refusal is explained beside the name.
        await page.getByLabel('Name', { exact: true }).fill(TRANSPORT.label);
        await page.getByLabel('What it means', { exact: true }).fill(TRANSPORT.definition);
        await category.selectOption({ label: TRANSPORT.category });
        await page.getByRole('button', { name: 'Add tag', exact: true }).click();
        const exists = 'There is already a tag with that name. Please choose another name, or change the tag that’s there.';
        expect(await errorSummary(page)).toEqual([exists]);
        expect(await errorSummaryHasFocus(page)).toBe(true);
        expect(await page.locator('#new-tag-label-error').textContent()).toBe(`Error: ${exists}`);
        expect(refusals).toContain('409 POST /api/v1/admin/patterns');
        await expectNoAxeViolations(page, 'the forum’s tags page with an error');
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${SCREENSHOTS}admin-tags-desktop.png`, fullPage: true });

        // Change it: say it means the same as a shared tag.
        await page.getByRole('button', { name: `Change ${TRANSPORT.label}`, exact: true }).click();
        const editLabel = page.locator('#own-local_transport-cancelled-edit-label');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('own-local_transport-cancelled-edit-label');
        expect(await editLabel.inputValue()).toBe(TRANSPORT.label);
        await page.locator('#own-local_transport-cancelled-edit-same-as').selectOption({ label: 'Plan not delivered' });
        await expectNoAxeViolations(page, 'the forum’s tags page, changing a tag');
        await page.getByRole('button', { name: 'Save changes', exact: true }).click();
        await page.getByText(`Your changes to “${TRANSPORT.label}” have been saved.`, { exact: true }).waitFor();
        expect((await ownTagSummary(page, TRANSPORT.label))['Same as']).toBe('Plan not delivered');

        // Retired: no longer offered for stories.
        await page.getByRole('button', { name: `Retire ${TRANSPORT.label}`, exact: true }).click();
        await page.getByRole('button', { name: `Bring back ${TRANSPORT.label}`, exact: true }).waitFor();
        expect((await ownTagSummary(page, TRANSPORT.label))['Offered for stories']).toBe('No, retired');
        expect(await statuses(page)).toContain(
          `“${TRANSPORT.label}” is retired: it is no longer offered for new stories. Stories that have it keep it.`,
        );
        await searchTagsPage(page, 'transport');
        await page.getByText('No tags match “transport”. Try another word, or look through the tags by category.').waitFor();
        expect(await page.locator('main details').count()).toBe(0);

        // Brought back: offered again, marked as the forum's own.
        await header(page).getByRole('link', { name: 'Tags', exact: true }).click();
        await waitForHeading(page, 'This forum’s own tags');
        await page.getByRole('button', { name: `Bring back ${TRANSPORT.label}`, exact: true }).click();
        await page.getByText(`“${TRANSPORT.label}” is offered for stories again.`, { exact: true }).waitFor();
        expect(await hasFocus(page.getByRole('button', { name: `Retire ${TRANSPORT.label}`, exact: true }))).toBe(true);

        // On a phone, the page fits its width.
        await page.setViewportSize({ width: 390, height: 844 });
        const widths = await page.evaluate(() => ({ viewport: window.innerWidth, content: document.documentElement.scrollWidth }));
        expect(widths).toEqual({ viewport: 390, content: 390 });
        await expectNoAxeViolations(page, 'the forum’s tags page (phone width)');
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${SCREENSHOTS}admin-tags-phone.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });

        await searchTagsPage(page, 'transport');
        const found = section(page, 'Find a tag');
        const option = found.locator('.tag-option', { has: page.getByRole('checkbox', { name: TRANSPORT.label, exact: true }) });
        await option.waitFor();
        expect(await groupHeadings(found)).toEqual([TRANSPORT.category]);
        expect((await option.locator('.own-tag').textContent())?.trim()).toBe(OWN_TAG);
        await option.getByRole('checkbox').check();
        expect(await section(page, 'Your tags').locator('.own-tag').allTextContents()).toEqual([OWN_TAG]);
        expect(await chosen(page)).toEqual([TRANSPORT.label]);
        await expectNoAxeViolations(page, 'the tags page with the forum’s own tag');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'a member is told the page is for admins, and the server refuses them too',
    async () => {
      const { page, errors, close } = await openPage(browser(), DESKTOP);
      try {
        await page.goto(`${origin()}/`);
        await waitForHeading(page, forum.name);
        await signInAs(page, MEMBER, PASSPHRASE);
        expect(await accountNav(page)).toEqual([expect.stringMatching(NOTIFICATIONS_LINK), 'Your account', 'Sign out']);
        await page.goto(`${origin()}/admin/tags`);
        await waitForHeading(page, 'Only admins can see this page');
        expect(await page.getByText(`You’re signed in as ${MEMBER}, a member.`, { exact: true }).count()).toBe(1);
        await expectNoAxeViolations(page, 'the forum’s tags page, for a member');

        const refused = await page.evaluate(async () => {
          const response = await fetch('/api/v1/admin/patterns', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'commonthread' },
            body: JSON.stringify({
              label: 'Sneaky tag',
              definition: 'A tag a member should not add.',
              category: 'impact',
              same_as: null,
            }),
          });
          return { status: response.status, code: ((await response.json()) as { code?: string }).code };
        });
        expect(refused).toEqual({ status: 403, code: 'forbidden' });
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});
