// Journey: a parent carer writes a story in the composer with their child's name in it,
// replaces the name, confirms a suggested tag and submits it; a moderator approves it; another
// member reads it, says "this happened to us too" and replies; the moderator approves the
// reply; the author sees both, on the story and in their notifications; every member can read
// the moderation log. A story with a content warning keeps its text hidden until the reader
// chooses to show it. Runs on a forum of its own: a moderator and published stories on the
// shared forum would change what other journeys see.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { header, joinThroughApi, signInAs, statuses } from '../support/accounts';
import { ApiSession, makeModerator } from '../support/api-session';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, useChromium, type WatchedPage } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { createAdmin, startForum, type ForumServer } from '../support/forum-server';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const PASSPHRASE = 'correct horse battery staple lantern';
const ADMIN = 'stories_admin';
const MODERATOR = 'stories_moderator';
const AUTHOR = 'stories_author';
const READER = 'stories_reader';

const TITLE = 'They wanted to see his bedroom';
const STORY =
  'My son Oliver is nine and has been out of school since the spring. After I complained, a social worker came round ' +
  'and wanted to see his bedroom. They also told me I was too emotional.';
const REPLY = 'The same happened to us last year. You are not alone, and it was not your fault.';
const WARNED_TITLE = 'The night it all came to a head';
const WARNED_STORY = 'This story talks about a night when things got very hard at home, and what helped afterwards.';
const FILTER_TITLES = { minutes: 'The minutes never came', old: 'A long time ago' };
const REPORTED_TITLE = 'Excluded again';
const REPORTED_STORY = 'My daughter Maisie was sent home again, and the school would not put it in writing.';
const SIGNPOSTED_TITLE = 'They went through her drawers';
const SIGNPOST = 'If this happened to you, [IPSEA](https://www.ipsea.org.uk/) gives free legal advice about SEND.';
const JOURNEY_TIMEOUT_MS = 240_000;

const browser = useChromium();
let own: ForumServer | null = null;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  own = await startForum({ name: forum.name, description: forum.description, area: forum.area, quickExitUrl: forum.exitUrl });
  await createAdmin(own, ADMIN, PASSPHRASE);
  for (const handle of [MODERATOR, AUTHOR, READER]) await joinThroughApi(own.origin, handle, PASSPHRASE);
  await makeModerator(own.origin, ADMIN, PASSPHRASE, MODERATOR);
}, 120_000);

afterAll(async () => {
  await own?.stop();
});

function origin(): string {
  if (!own) throw new Error('the forum for the stories journey did not start');
  return own.origin;
}

/** A page of the forum's, signed in as `handle` from the home page. */
async function signedIn(handle: string): Promise<WatchedPage> {
  const watched = await openPage(browser(), DESKTOP);
  await watched.page.goto(`${origin()}/`);
  await waitForHeading(watched.page, forum.name);
  await signInAs(watched.page, handle, PASSPHRASE);
  return watched;
}

function main(page: Page): Locator {
  return page.getByRole('main');
}

/** The page's width at 390 px, the width of a small phone: nothing may stick out sideways. */
async function widthsOnAPhone(page: Page): Promise<{ viewport: number; content: number }> {
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => ({ viewport: window.innerWidth, content: document.documentElement.scrollWidth }));
  await page.setViewportSize({ width: 1280, height: 800 });
  return widths;
}

async function hasFocus(element: Locator): Promise<boolean> {
  return element.evaluate((el) => el === document.activeElement);
}

/** The author writes, checks, tags and submits the story through the composer at /write. */
async function composeAndSubmit(page: Page): Promise<void> {
  await header(page).getByRole('link', { name: 'Write', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Write your story$/ }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(TITLE);
  await page.getByLabel('Your story', { exact: true }).fill(STORY);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Screening runs as the step opens: the child's name is found, and the author replaces it.
  await page.getByRole('heading', { level: 1, name: /Check for identifying details$/ }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'What we found', exact: true }).waitFor();
  expect((await main(page).locator('mark').allTextContents()).map((t) => t.trim())).toContain('Oliver (Name)');
  await page.getByLabel('Replace “Oliver” with [name]', { exact: true }).waitFor();
  await page.getByRole('button', { name: /^Apply \d+ changes?$/ }).click();
  await main(page).locator('[role="status"]', { hasText: /^We made \d+ changes? to your story\./ }).waitFor();
  expect(await page.getByLabel('Your story', { exact: true }).inputValue()).toContain('My son [name] is nine');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Tags are suggested from the story; the author confirms one.
  await page.getByRole('heading', { level: 1, name: /Choose tags$/ }).waitFor();
  const suggested = page.getByRole('region', { name: 'Tags we suggest', exact: true });
  const bedroom = suggested.getByRole('checkbox', { name: 'Bedroom inspected', exact: true });
  await bedroom.waitFor();
  await bedroom.check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  await page.getByRole('heading', { level: 1, name: /Add some details$/ }).waitFor();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Choose who sees it$/ }).waitFor();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Check your story and send it$/ }).waitFor();
  await page.getByRole('button', { name: 'Submit for moderation', exact: true }).click();
  await page
    .getByText('Your story has been sent to the moderators. We’ll let you know when they have read it.', { exact: true })
    .waitFor();
}

/** A story written, submitted and (unless `approve` is false) approved through the API. */
async function publishThroughApi(story: Record<string, unknown>, approve = true): Promise<string> {
  const writer = await ApiSession.signIn(origin(), AUTHOR, PASSPHRASE);
  const body = { area: forum.area, period: '2025', visibility: 'members', ...story };
  const { id } = (await writer.call('POST', '/api/v1/stories', body, 201)) as { id: string };
  await writer.call('POST', `/api/v1/stories/${id}/submit`, undefined, 200);
  if (approve) {
    const moderating = await ApiSession.signIn(origin(), MODERATOR, PASSPHRASE);
    await moderating.call('POST', `/api/v1/moderation/stories/${id}`, { action: 'approve' }, 200);
  }
  return id;
}

describe('stories, moderation and peer support', () => {
  test(
    'a story is written, screened, tagged, approved, read, recognised and answered; its author is told',
    async () => {
      const author = await signedIn(AUTHOR);
      const moderator = await signedIn(MODERATOR);
      const reader = await signedIn(READER);
      try {
        await composeAndSubmit(author.page);

        // The moderator finds it in the queue: the text under review, its tag, and no name left.
        const m = moderator.page;
        await header(m).getByRole('link', { name: 'Moderation', exact: true }).click();
        await waitForHeading(m, 'Moderation');
        const item = main(m).getByRole('article', { name: TITLE, exact: true });
        await item.waitFor();
        expect(await m.getByRole('heading', { level: 2, name: 'Stories waiting (1)', exact: true }).count()).toBe(1);
        const underReview = (await item.getByRole('group', { name: `Text of “${TITLE}”`, exact: true }).textContent()) ?? '';
        expect(underReview).toContain('My son [name] is nine');
        expect(underReview).not.toContain('Oliver');
        await item
          .getByRole('list', { name: `Tags of “${TITLE}”`, exact: true })
          .getByText('Bedroom inspected', { exact: true })
          .waitFor();
        expect(await item.getByText('New story', { exact: true }).count()).toBe(1);
        await expectNoAxeViolations(m, 'the moderation queue with a story');
        await m.evaluate(() => window.scrollTo(0, 0));
        await m.screenshot({ path: `${SCREENSHOTS}moderation-desktop.png`, fullPage: true });
        expect(await widthsOnAPhone(m)).toEqual({ viewport: 390, content: 390 });

        // Asking for changes needs a message: said before anything is sent.
        await item.getByRole('button', { name: 'Request changes', exact: true }).click();
        await item.getByRole('button', { name: 'Send request for changes', exact: true }).click();
        expect((await item.locator('.error-summary li').allTextContents()).map((t) => t.trim())).toEqual([
          'Write a message to the author saying what needs changing.',
        ]);
        await item.getByRole('button', { name: 'Cancel', exact: true }).click();

        await item.getByRole('button', { name: `Approve “${TITLE}”`, exact: true }).click();
        const approved = `You approved “${TITLE}”. It is published now.`;
        await m.getByText(approved, { exact: true }).waitFor();
        expect(await statuses(m)).toContain(approved);
        expect(await hasFocus(m.locator('.outcome'))).toBe(true);
        await m.getByText('No stories are waiting.', { exact: true }).waitFor();

        // Another member finds it in the feed, and reads it.
        const r = reader.page;
        await header(r).getByRole('link', { name: 'Stories', exact: true }).click();
        await waitForHeading(r, 'Stories');
        const card = main(r).getByRole('article', { name: TITLE, exact: true });
        await card.waitFor();
        // Tag labels come with the vocabulary, which may arrive after the stories.
        await card.getByText('Bedroom inspected', { exact: true }).waitFor();
        expect(await card.textContent()).toContain('Nobody has said this happened to them too yet. No replies yet.');
        await expectNoAxeViolations(r, 'the feed');
        await r.screenshot({ path: `${SCREENSHOTS}stories-desktop.png`, fullPage: true });
        expect(await widthsOnAPhone(r)).toEqual({ viewport: 390, content: 390 });
        await card.getByRole('link', { name: TITLE, exact: true }).click();
        await waitForHeading(r, TITLE);
        const storyUrl = r.url();
        expect(storyUrl).toMatch(new RegExp(`^${origin()}/stories/[a-z0-9]{12}$`));
        expect(await r.locator('#story-text').textContent()).toContain('My son [name] is nine');
        await main(r).getByRole('list', { name: 'Tags', exact: true }).getByText('Bedroom inspected', { exact: true }).waitFor();
        await expectNoAxeViolations(r, 'the story page');

        const recognise = r.getByRole('button', { name: 'This happened to us too', exact: true });
        expect(await recognise.getAttribute('aria-pressed')).toBe('false');
        await recognise.click();
        await r.getByText('1 person said this happened to them too.', { exact: true }).waitFor();
        expect(await recognise.getAttribute('aria-pressed')).toBe('true');
        expect(await statuses(r)).toContain('Thank you for saying this happened to you too.');

        // Replies here are read by a moderator first, and the form says so.
        expect(await r.getByText('A moderator reads every reply before it appears, so yours will not show straight away.').count()).toBe(1);
        await r.getByLabel('Your reply', { exact: true }).fill(REPLY);
        await r.getByRole('button', { name: 'Post reply', exact: true }).click();
        await r
          .getByText('Thank you. Your reply will appear when a moderator has read it. Until then, only you can see it.', {
            exact: true,
          })
          .waitFor();
        const mine = main(r).locator('.reply', { hasText: REPLY });
        await mine.getByText('Waiting for a moderator.', { exact: true }).waitFor();
        await expectNoAxeViolations(r, 'the story page with a reply waiting');

        // On a phone, the story fits the screen's width.
        await r.setViewportSize({ width: 390, height: 844 });
        expect(await r.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
        await r.evaluate(() => window.scrollTo(0, 0));
        await r.screenshot({ path: `${SCREENSHOTS}story-phone.png`, fullPage: true });
        await r.setViewportSize({ width: 1280, height: 800 });

        // The moderator approves the reply.
        await m.goto(`${origin()}/moderation`);
        await waitForHeading(m, 'Moderation');
        await m.getByRole('heading', { level: 2, name: 'Replies waiting (1)', exact: true }).waitFor();
        await m.getByRole('button', { name: /^Approve the reply from / }).click();
        await m.getByText(/^You approved the reply from .+ to “They wanted to see his bedroom”\. It is published now\.$/).waitFor();
        await m.getByText('No replies are waiting.', { exact: true }).waitFor();
        await expectNoAxeViolations(m, 'the moderation queue, emptied');

        // The author is told: two unread notifications, in words, linking to the story.
        const a = author.page;
        await header(a).getByRole('link', { name: 'Stories', exact: true }).click();
        await waitForHeading(a, 'Stories');
        const notificationsLink = header(a).getByRole('link', { name: 'Notifications (2)', exact: true });
        await notificationsLink.waitFor();
        await notificationsLink.click();
        await waitForHeading(a, 'Notifications');
        const items = main(a).locator('.notification');
        await items.first().waitFor();
        expect((await items.locator('.notification-text').allTextContents()).map((t) => t.trim())).toEqual([
          `Someone replied to your story “${TITLE}”.`,
          `A moderator approved your story “${TITLE}”. It is published now.`,
        ]);
        expect(await items.locator('.new').count()).toBe(2);
        // Opening the page marked them read.
        await header(a).getByRole('link', { name: 'Notifications (0)', exact: true }).waitFor();
        await expectNoAxeViolations(a, 'the notifications page');
        expect(await widthsOnAPhone(a)).toEqual({ viewport: 390, content: 390 });

        // On the story: the count, no button of their own, and the reply.
        await items.first().getByRole('link', { name: `“${TITLE}”`, exact: true }).click();
        await waitForHeading(a, TITLE);
        expect(a.url()).toBe(storyUrl);
        await a.getByText('1 person said this happened to them too.', { exact: true }).waitFor();
        expect(await a.getByRole('button', { name: 'This happened to us too' }).count()).toBe(0);
        expect(await a.getByRole('button', { name: 'Report this story' }).count()).toBe(0);
        const reply = main(a).locator('.reply', { hasText: REPLY });
        await reply.waitFor();
        expect(await reply.getByText('Waiting for a moderator.').count()).toBe(0);
        await expectNoAxeViolations(a, 'the story page, for its author');

        // Every member can read what the moderators did, with a link to the story.
        await r.goto(`${origin()}/moderation/log`);
        await waitForHeading(r, 'Moderation log');
        const rows = main(r).locator('tbody tr');
        await rows.first().waitFor();
        const table = await rows.evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
        );
        expect(table.slice(0, 2).map((row) => [row[1], row[2]])).toEqual([
          [expect.stringMatching(/^Approved a reply/), MODERATOR],
          [expect.stringMatching(/^Approved a story/), MODERATOR],
        ]);
        expect(await rows.nth(1).getByRole('link', { name: /^Read the story/ }).getAttribute('href')).toBe(
          new URL(storyUrl).pathname,
        );
        await expectNoAxeViolations(r, 'the moderation log');
        expect(await widthsOnAPhone(r)).toEqual({ viewport: 390, content: 390 });

        for (const watched of [author, moderator, reader]) {
          expect(watched.errors).toEqual([]);
          expect(watched.requests.filter((url) => !url.startsWith(`${origin()}/`))).toEqual([]);
        }
      } finally {
        await author.close();
        await moderator.close();
        await reader.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'a story with a content warning shows its text only when the reader chooses to',
    async () => {
      // Written and approved through the API: this journey is about reading it.
      const id = await publishThroughApi({ title: WARNED_TITLE, body: WARNED_STORY, content_warnings: ['self-harm', 'police'] });

      const reader = await signedIn(READER);
      const { page, errors } = reader;
      try {
        // In the feed: the warning, and no excerpt of the text.
        await header(page).getByRole('link', { name: 'Stories', exact: true }).click();
        await waitForHeading(page, 'Stories');
        const card = main(page).getByRole('article', { name: WARNED_TITLE, exact: true });
        await card.waitFor();
        expect((await card.locator('.warning').textContent())?.trim()).toBe('Content warning: Self-harm and police');
        expect(await card.textContent()).not.toContain('things got very hard');

        await card.getByRole('link', { name: WARNED_TITLE, exact: true }).click();
        await waitForHeading(page, WARNED_TITLE);
        const warning = page.getByRole('region', { name: 'Content warning', exact: true });
        await warning.waitFor();
        expect(await warning.getByText('This story mentions: Self-harm and police.', { exact: true }).count()).toBe(1);
        expect(await page.locator('#story-text').count()).toBe(0);
        expect(await main(page).textContent()).not.toContain('things got very hard');
        await expectNoAxeViolations(page, 'the story page behind its content warning');

        await warning.getByRole('button', { name: 'Show the story', exact: true }).click();
        const text = page.locator('#story-text');
        await text.waitFor();
        expect(await text.textContent()).toContain(WARNED_STORY);
        expect(await hasFocus(text)).toBe(true);
        expect(await page.getByRole('region', { name: 'Content warning', exact: true }).count()).toBe(0);
        await expectNoAxeViolations(page, 'the story page, shown');

        // Once its author withdraws it, the page says so.
        const writer = await ApiSession.signIn(origin(), AUTHOR, PASSPHRASE);
        await writer.call('DELETE', `/api/v1/stories/${id}`, undefined, 204);
        await page.reload();
        await waitForHeading(page, 'Story withdrawn');
        expect(await page.getByText('This story was withdrawn by its author.', { exact: true }).count()).toBe(1);
        await expectNoAxeViolations(page, 'a withdrawn story');
        expect(errors).toEqual([]);
      } finally {
        await reader.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'the feed is filtered by tag and by year, in its address',
    async () => {
      await publishThroughApi({ title: FILTER_TITLES.minutes, body: 'They never sent us the minutes.', tags: ['minutes-withheld'] });
      await publishThroughApi({ title: FILTER_TITLES.old, body: 'This was a long time ago.', period: '2019-06' });
      const reader = await signedIn(READER);
      const { page, errors } = reader;
      try {
        await header(page).getByRole('link', { name: 'Stories', exact: true }).click();
        await waitForHeading(page, 'Stories');
        await main(page).getByRole('article', { name: FILTER_TITLES.old, exact: true }).waitFor();
        const titles = async () =>
          (await main(page).locator('.story-card h3 a').allTextContents()).map((t) => t.trim());

        await page.locator('summary', { hasText: 'Filter the stories' }).click();
        // The menus come from the vocabulary and the list of areas.
        await page.getByLabel('Tag', { exact: true }).locator('option', { hasText: 'Minutes kept from me' }).waitFor({ state: 'attached' });
        await page.getByLabel('Tag', { exact: true }).selectOption({ label: 'Minutes kept from me' });
        await page.getByRole('button', { name: 'Show stories', exact: true }).click();
        await page.getByRole('heading', { level: 2, name: 'Stories that match', exact: true }).waitFor();
        expect(page.url()).toBe(`${origin()}/stories?tag=minutes-withheld`);
        await page.getByText('Showing 1 story that matches your filters.', { exact: true }).waitFor();
        expect(await titles()).toEqual([FILTER_TITLES.minutes]);
        expect((await page.locator('summary').first().textContent())?.replace(/\s+/g, ' ').trim()).toBe(
          'Filter the stories (1 filter on)',
        );
        await expectNoAxeViolations(page, 'the feed, filtered');

        // The address is the filter: reloading it shows the same, and the form says so.
        await page.goto(`${origin()}/stories?period=2019`);
        await waitForHeading(page, 'Stories');
        await page.getByText('Showing 1 story that matches your filters.', { exact: true }).waitFor();
        expect(await titles()).toEqual([FILTER_TITLES.old]);
        expect(await page.getByLabel('Year', { exact: true }).inputValue()).toBe('2019');

        await page.getByLabel('Month', { exact: true }).selectOption({ label: 'January' });
        await page.getByRole('button', { name: 'Show stories', exact: true }).click();
        await page.getByText('No stories match these filters.', { exact: true }).waitFor();
        expect(page.url()).toBe(`${origin()}/stories?period=2019-01`);
        await main(page).getByRole('link', { name: 'Clear the filters', exact: true }).first().click();
        await page.getByRole('heading', { level: 2, name: 'Latest stories', exact: true }).waitFor();
        expect(page.url()).toBe(`${origin()}/stories`);
        await main(page).getByRole('article', { name: FILTER_TITLES.minutes, exact: true }).waitFor();
        expect(await titles()).toEqual(expect.arrayContaining([FILTER_TITLES.minutes, FILTER_TITLES.old]));
        expect(errors).toEqual([]);
      } finally {
        await reader.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'a moderator takes a name out and corrects the tags; a reader reports the story and it is taken down',
    async () => {
      const id = await publishThroughApi({ title: REPORTED_TITLE, body: REPORTED_STORY, tags: ['bedroom-inspected'] }, false);
      const moderator = await signedIn(MODERATOR);
      const reader = await signedIn(READER);
      try {
        const m = moderator.page;
        await header(m).getByRole('link', { name: 'Moderation', exact: true }).click();
        await waitForHeading(m, 'Moderation');
        const item = main(m).getByRole('article', { name: REPORTED_TITLE, exact: true });
        await item.waitFor();
        expect((await item.locator('mark').allTextContents()).map((t) => t.trim())).toContain('Maisie (Name)');

        // Take the name out.
        await item.getByRole('button', { name: 'Apply redactions', exact: true }).click();
        const maisie = item.getByLabel('Replace “Maisie” with [name]', { exact: true });
        expect(await maisie.isChecked()).toBe(true);
        await expectNoAxeViolations(m, 'the queue, choosing what to take out');
        await item.getByRole('button', { name: 'Replace the chosen details', exact: true }).click();
        await m.getByText(`You took 1 detail out of “${REPORTED_TITLE}”. It is still waiting for a decision.`, { exact: true }).waitFor();
        const text = item.getByRole('group', { name: `Text of “${REPORTED_TITLE}”`, exact: true });
        expect(await text.textContent()).toContain('My daughter [name]');
        expect(await text.textContent()).not.toContain('Maisie');

        // Correct the tags: one removed, one found by searching.
        await item.getByRole('button', { name: 'Correct tags', exact: true }).click();
        await item.getByLabel('Search the tags', { exact: true }).fill('minutes');
        await item.getByRole('checkbox', { name: 'Minutes kept from me', exact: true }).check();
        await item.getByRole('button', { name: 'Remove Bedroom inspected', exact: true }).click();
        await expectNoAxeViolations(m, 'the queue, correcting tags');
        await item.getByRole('button', { name: 'Save tags', exact: true }).click();
        await m.getByText(`You corrected the tags of “${REPORTED_TITLE}”. It is still waiting for a decision.`, { exact: true }).waitFor();
        expect(
          (await item.getByRole('list', { name: `Tags of “${REPORTED_TITLE}”`, exact: true }).locator('li').allTextContents()).map((t) =>
            t.trim(),
          ),
        ).toEqual(['Minutes kept from me']);
        await item.getByRole('button', { name: `Approve “${REPORTED_TITLE}”`, exact: true }).click();
        await m.getByText(`You approved “${REPORTED_TITLE}”. It is published now.`, { exact: true }).waitFor();

        // A reader reports it: the form asks why first.
        const r = reader.page;
        await r.goto(`${origin()}/stories/${id}`);
        await waitForHeading(r, REPORTED_TITLE);
        const toggle = r.getByRole('button', { name: 'Report this story', exact: true });
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        await r.getByRole('button', { name: 'Send report', exact: true }).click();
        expect((await r.locator('.error-summary li').allTextContents()).map((t) => t.trim())).toEqual([
          'Choose why you are reporting this story.',
        ]);
        await r.getByLabel('It could identify someone', { exact: true }).check();
        await r.getByLabel('Anything the moderators should know (optional)', { exact: true }).fill('It names the school.');
        await expectNoAxeViolations(r, 'the story page, reporting it');
        await r.getByRole('button', { name: 'Send report', exact: true }).click();
        await r.getByText('Thank you. A moderator will look at this story.', { exact: true }).waitFor();
        expect(await hasFocus(toggle)).toBe(true);
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');

        // The moderator takes it down from the report; a reason is needed.
        await m.goto(`${origin()}/moderation`);
        await waitForHeading(m, 'Moderation');
        const report = main(m).getByRole('article', { name: `Report of “${REPORTED_TITLE}”`, exact: true });
        await report.waitFor();
        expect(await report.textContent()).toContain('It could identify someone');
        expect(await report.textContent()).toContain('It names the school.');
        await expectNoAxeViolations(m, 'the queue with a report');
        await report.getByRole('button', { name: 'Take down', exact: true }).click();
        await report.getByLabel('Reason for taking it down', { exact: true }).fill('It names the school, which could identify the family.');
        await report.getByRole('button', { name: 'Take down the story', exact: true }).click();
        await m
          .getByText(`You took down “${REPORTED_TITLE}” and closed the report. Its author has been told.`, { exact: true })
          .waitFor();
        await m.getByText('There are no open reports.', { exact: true }).waitFor();

        // Readers no longer find it; the log says what was done and why.
        await r.reload();
        await waitForHeading(r, 'Story not found');
        await r.goto(`${origin()}/moderation/log`);
        await waitForHeading(r, 'Moderation log');
        const newest = main(r).locator('tbody tr').first();
        await newest.waitFor();
        expect(await newest.textContent()).toContain('Resolved a report');
        expect(await main(r).locator('tbody tr', { hasText: 'Took a story down' }).textContent()).toContain(
          'It names the school, which could identify the family.',
        );

        // The author is told, with the reason.
        const writer = await ApiSession.signIn(origin(), AUTHOR, PASSPHRASE);
        const { items } = (await writer.call('GET', '/api/v1/notifications', undefined, 200)) as {
          items: { kind: string; message: string | null }[];
        };
        expect(items[0]).toMatchObject({
          kind: 'story_unpublished',
          message: 'It names the school, which could identify the family.',
        });
        expect(moderator.errors).toEqual([]);
        expect(reader.errors).toEqual([]);
      } finally {
        await moderator.close();
        await reader.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'an admin writes signposting for a tag; readers of a story with that tag see it',
    async () => {
      const id = await publishThroughApi({ title: SIGNPOSTED_TITLE, body: 'They looked in her room.', tags: ['bedroom-inspected'] });
      const admin = await signedIn(ADMIN);
      const reader = await signedIn(READER);
      try {
        const a = admin.page;
        await header(a).getByRole('link', { name: 'Signposts', exact: true }).click();
        await waitForHeading(a, 'Signposting');
        await a.locator('main summary', { hasText: 'Parent blame and safeguarding' }).click();
        const box = a.getByLabel('Signposting text for “Bedroom inspected”', { exact: true });
        await box.fill(SIGNPOST);
        await a.getByText(`You have ${(1000 - SIGNPOST.length).toLocaleString('en-GB')} characters left`, { exact: true }).waitFor();
        await expectNoAxeViolations(a, 'the signposting page');
        await a.getByRole('button', { name: 'Save the signposting text for “Bedroom inspected”', exact: true }).click();
        await a.getByText('The signposting text for “Bedroom inspected” has been saved.', { exact: true }).waitFor();

        const r = reader.page;
        await r.goto(`${origin()}/stories/${id}`);
        await waitForHeading(r, SIGNPOSTED_TITLE);
        const help = r.getByRole('region', { name: 'Help and advice', exact: true });
        await help.waitFor();
        expect(await help.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Bedroom inspected']);
        expect(await help.getByRole('link', { name: 'IPSEA', exact: true }).getAttribute('href')).toBe('https://www.ipsea.org.uk/');
        await expectNoAxeViolations(r, 'the story page with signposting');

        // Saved empty, it is removed.
        await box.fill('');
        await a.getByRole('button', { name: 'Save the signposting text for “Bedroom inspected”', exact: true }).click();
        await a.getByText('The signposting text for “Bedroom inspected” has been removed.', { exact: true }).waitFor();
        await r.reload();
        await waitForHeading(r, SIGNPOSTED_TITLE);
        await r.getByRole('heading', { level: 2, name: 'Replies', exact: true }).waitFor();
        expect(await r.getByRole('region', { name: 'Help and advice', exact: true }).count()).toBe(0);
        expect(admin.errors).toEqual([]);
        expect(reader.errors).toEqual([]);
      } finally {
        await admin.close();
        await reader.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});

describe('sample stories', () => {
  let demo: ForumServer | null = null;

  beforeAll(async () => {
    demo = await startForum({
      name: forum.name,
      description: forum.description,
      area: forum.area,
      quickExitUrl: forum.exitUrl,
      sampleStories: true,
    });
  });

  afterAll(async () => {
    await demo?.stop();
  });

  test('are marked as samples, in the feed and on their pages, for anyone', async () => {
    if (!demo) throw new Error('the demonstration forum did not start');
    const { page, errors, close } = await openPage(browser(), DESKTOP);
    try {
      await page.goto(`${demo.origin}/stories`);
      await waitForHeading(page, 'Stories');
      const cards = main(page).locator('.story-card');
      await cards.first().waitFor();
      // Signed out: the public samples, each with its badge.
      const count = await cards.count();
      expect(count).toBeGreaterThan(0);
      expect(await main(page).locator('.story-card h3', { hasText: 'Sample story' }).count()).toBe(count);
      await expectNoAxeViolations(page, 'the feed of sample stories, signed out');
      const first = cards.first().getByRole('link');
      const title = ((await first.textContent()) ?? '').trim();
      await first.click();
      const heading = page.locator('h1', { hasText: title });
      await heading.waitFor();
      expect((await heading.textContent())?.trim()).toBe(`${title} (Sample story)`);
      expect(await page.getByText('This is a sample, written to show how the forum works. It is not a real family’s story.').count()).toBe(1);
      expect(await page.getByText('to say this happened to you too.').count()).toBe(1);
      await expectNoAxeViolations(page, 'a sample story, signed out');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
