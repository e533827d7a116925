// Journey: two forums become partners through their admins' "Partner forums" pages. The
// admin of Ashford follows Brampton by its address; Brampton's admin sees the request and
// approves it; both pages then say "Partner". A story Ashford publishes for partner forums
// reaches Brampton's feed of partner stories, saying where it came from, and its page says
// where a reply goes. Ashford's admin ends the partnership, after a second step. Runs on
// two forums of its own, allowed to federate over http on this machine, as `localhost`
// (forums federate by domain name, not by IP address); deliveries between them are
// asynchronous, so the pages are reloaded until they show the change.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { errorSummary, errorSummaryHasFocus, header, joinThroughApi, signInAs, statuses } from '../support/accounts';
import { ApiSession } from '../support/api-session';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, useChromium, type WatchedPage } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { createAdmin, startForum, type ForumServer } from '../support/forum-server';
import { freePort } from '../support/free-port';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const PASSPHRASE = 'correct horse battery staple lantern';
const ASHFORD_NAME = 'Ashford Parent Carer Forum';
const BRAMPTON_NAME = 'Brampton Parent Carer Forum';
const ADMIN = 'federation_admin';
const AUTHOR = 'federation_author';

const TITLE = 'The review meeting went ahead without me';
const STORY =
  'The annual review was moved twice, and in the end it was held on a day I had said I could not come. ' +
  'Nobody told me what was decided until the new plan arrived in the post.';

/** How long a delivery between the two forums may take to show. */
const DELIVERY_DEADLINE_MS = 20_000;
const JOURNEY_TIMEOUT_MS = 240_000;
const PHONE_WIDTH = 360;

const browser = useChromium();
let ashford: ForumServer | null = null;
let brampton: ForumServer | null = null;

async function startPartnerable(name: string): Promise<ForumServer> {
  const started = await startForum({
    name,
    description: forum.description,
    area: forum.area,
    quickExitUrl: forum.exitUrl,
    federationLocal: true,
  });
  await createAdmin(started, ADMIN, PASSPHRASE);
  return started;
}

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  [ashford, brampton] = await Promise.all([startPartnerable(ASHFORD_NAME), startPartnerable(BRAMPTON_NAME)]);
  await joinThroughApi(ashford.origin, AUTHOR, PASSPHRASE);
}, 120_000);

afterAll(async () => {
  await Promise.all([ashford?.stop(), brampton?.stop()]);
});

function started(server: ForumServer | null): ForumServer {
  if (!server) throw new Error('the forums for the federation journey did not start');
  return server;
}

/** A forum's address, as other forums follow it: `forum@localhost:port`. */
function addressOf(server: ForumServer): string {
  return `forum@${new URL(server.origin).host}`;
}

function main(page: Page): Locator {
  return page.getByRole('main');
}

/** The admin's page of a forum, signed in from its home page. */
async function adminOf(server: ForumServer, name: string): Promise<WatchedPage> {
  const watched = await openPage(browser(), DESKTOP);
  await watched.page.goto(`${server.origin}/`);
  await waitForHeading(watched.page, name);
  await signInAs(watched.page, ADMIN, PASSPHRASE);
  return watched;
}

/** The partners page, from the header's link, loaded. */
async function openPartnersPage(page: Page): Promise<void> {
  await header(page).getByRole('link', { name: 'Partners', exact: true }).click();
  await partnersPageLoaded(page);
}

/** Waits until the partners page has loaded the list. */
async function partnersPageLoaded(page: Page): Promise<void> {
  await waitForHeading(page, 'Partner forums');
  await page.getByRole('heading', { level: 2, name: 'Partners and requests', exact: true }).waitFor();
}

/** The partners list's entry for the forum at `address`. */
function partnerItem(page: Page, address: string): Locator {
  return main(page).locator('li.partner', { hasText: address });
}

/**
 * Waits for `target`, reloading the page every second until the deadline: what another forum
 * sends arrives in its own time.
 */
async function reloadUntilShown(page: Page, target: Locator, what: string, loaded: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  for (;;) {
    try {
      await target.waitFor({ timeout: 1_000 });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${what}: not shown within ${DELIVERY_DEADLINE_MS / 1000} s`);
    }
    await page.reload();
    await loaded();
  }
}

/** Axe, a screenshot and nothing sticking out sideways, at the width of a small phone. */
async function onAPhone(page: Page, where: string, screenshot: string): Promise<void> {
  await page.setViewportSize({ width: PHONE_WIDTH, height: 800 });
  try {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE_WIDTH);
    await expectNoAxeViolations(page, `${where}, on a phone`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}${screenshot}`, fullPage: true });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

/** A story for partner forums, written and submitted by the author and approved by the admin. */
async function publishFederatedStory(server: ForumServer): Promise<string> {
  const writer = await ApiSession.signIn(server.origin, AUTHOR, PASSPHRASE);
  const body = { title: TITLE, body: STORY, area: forum.area, period: '2025', visibility: 'federated' };
  const { id } = (await writer.call('POST', '/api/v1/stories', body, 201)) as { id: string };
  await writer.call('POST', `/api/v1/stories/${id}/submit`, undefined, 200);
  const moderating = await ApiSession.signIn(server.origin, ADMIN, PASSPHRASE);
  await moderating.call('POST', `/api/v1/moderation/stories/${id}`, { action: 'approve' }, 200);
  return id;
}

const squashed = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('partner forums', () => {
  test(
    'two admins make their forums partners; a story for partner forums reaches the other forum',
    async () => {
      const a = started(ashford);
      const b = started(brampton);
      const ashfordAdmin = await adminOf(a, ASHFORD_NAME);
      const bramptonAdmin = await adminOf(b, BRAMPTON_NAME);
      try {
        // Ashford's admin finds the page, with the forum's own address to give away.
        const pa = ashfordAdmin.page;
        await pa.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: a.origin });
        await openPartnersPage(pa);
        expect(await pa.title()).toBe(`Partner forums – ${ASHFORD_NAME}`);
        expect(squashed(await pa.locator('#forum-address').textContent())).toBe(addressOf(a));
        await pa.getByRole('button', { name: 'Copy this forum’s address', exact: true }).click();
        await pa.getByText('This forum’s address has been copied.', { exact: true }).waitFor();
        expect(await pa.evaluate(() => navigator.clipboard.readText())).toBe(addressOf(a));
        await pa.getByText('This forum has no partner forums yet, and no forum has asked to follow it.', { exact: true }).waitFor();
        await pa.getByText('No forums are blocked.', { exact: true }).waitFor();
        expect(await pa.getByLabel('An admin here approves it first', { exact: true }).isChecked()).toBe(true);
        await expectNoAxeViolations(pa, 'the partner forums page, with no partners');

        // Who may follow: saved, and said.
        await pa.getByLabel('It is accepted straight away', { exact: true }).check();
        await pa.getByRole('button', { name: 'Save how requests are handled', exact: true }).click();
        await pa
          .getByText('Saved. Any forum that asks to follow this one is accepted straight away, unless it is blocked.', { exact: true })
          .waitFor();
        await pa.getByLabel('An admin here approves it first', { exact: true }).check();
        await pa.getByRole('button', { name: 'Save how requests are handled', exact: true }).click();
        await pa.getByText('Saved. An admin here must approve each forum that asks to follow this one.', { exact: true }).waitFor();

        // An address that can't be one is explained before anything is sent…
        const follow = pa.getByLabel('Forum’s address', { exact: true });
        await follow.fill('brampton');
        await pa.getByRole('button', { name: 'Follow', exact: true }).click();
        expect(await errorSummary(pa)).toEqual([
          'Enter the forum’s address like forum@example.org, or its web address starting with https://.',
        ]);
        expect(await errorSummaryHasFocus(pa)).toBe(true);
        expect(await follow.getAttribute('aria-invalid')).toBe('true');

        await follow.fill(addressOf(a));
        await pa.getByRole('button', { name: 'Follow', exact: true }).click();
        await main(pa)
          .locator('.error-summary li', { hasText: 'That is this forum’s own address. Enter the address of another forum.' })
          .waitFor();

        // …and one where no forum answers, by the server.
        await follow.fill(`forum@localhost:${await freePort()}`);
        await pa.getByRole('button', { name: 'Follow', exact: true }).click();
        await main(pa)
          .locator('.error-summary li', {
            hasText: 'We couldn’t find a forum at that address. Check it with the other forum’s admin, then try again.',
          })
          .waitFor();
        await expectNoAxeViolations(pa, 'the partner forums page with an error');

        // Ashford follows Brampton by its address, from a fresh page: waiting for Brampton's admin.
        await pa.reload();
        await partnersPageLoaded(pa);
        await follow.fill(addressOf(b));
        await pa.getByRole('button', { name: 'Follow', exact: true }).click();
        const asked = main(pa).getByText(/^You asked to follow .+\. It becomes a partner when their admin approves\.$/);
        await asked.or(pa.locator('.error-summary')).first().waitFor();
        expect(await pa.locator('.error-summary li').allTextContents()).toEqual([]);
        await asked.waitFor();
        expect(await follow.inputValue()).toBe('');
        const bramptonOnA = partnerItem(pa, addressOf(b));
        await bramptonOnA.getByText('Waiting for them to approve', { exact: true }).waitFor();

        // Brampton's admin sees the request when it arrives, and approves it.
        const pb = bramptonAdmin.page;
        await openPartnersPage(pb);
        expect(squashed(await pb.locator('#forum-address').textContent())).toBe(addressOf(b));
        const ashfordOnB = partnerItem(pb, addressOf(a));
        await reloadUntilShown(pb, ashfordOnB.getByText('Waiting for your approval', { exact: true }), 'Ashford’s request on Brampton', () =>
          partnersPageLoaded(pb),
        );
        expect(await main(pb).getByText('1 forum is waiting for your approval.', { exact: false }).count()).toBe(1);
        await expectNoAxeViolations(pb, 'the partner forums page with a request');
        await pb.evaluate(() => window.scrollTo(0, 0));
        await pb.screenshot({ path: `${SCREENSHOTS}partner-forums-desktop.png`, fullPage: true });
        await onAPhone(pb, 'the partner forums page with a request', 'partner-forums-phone.png');

        await ashfordOnB.getByRole('button', { name: /^Approve / }).click();
        const approved = /^You approved .+\. It is a partner forum now\.$/;
        await main(pb).getByText(approved).waitFor();
        expect((await statuses(pb)).some((text) => approved.test(text))).toBe(true);
        await ashfordOnB.getByText('Partner', { exact: true }).waitFor();
        // The approved forum keeps its place in the list, and its heading takes focus.
        expect(await pb.evaluate(() => document.activeElement?.closest('li.partner') !== null)).toBe(true);
        expect(await ashfordOnB.getByRole('button', { name: /^Approve / }).count()).toBe(0);

        // Ashford hears back in its own time.
        await reloadUntilShown(pa, bramptonOnA.getByText('Partner', { exact: true }), 'Brampton as a partner on Ashford', () =>
          partnersPageLoaded(pa),
        );
        expect(squashed(await bramptonOnA.locator('h3').textContent())).toBe(BRAMPTON_NAME);
        await expectNoAxeViolations(pa, 'the partner forums page with a partner');
        await onAPhone(pa, 'the partner forums page with a partner', 'partner-forums-partner-phone.png');

        // A story Ashford publishes for partner forums reaches Brampton's partner feed.
        const id = await publishFederatedStory(a);
        await header(pb).getByRole('link', { name: 'Stories', exact: true }).click();
        await waitForHeading(pb, 'Stories');
        const choice = main(pb).getByRole('navigation', { name: 'Whose stories', exact: true });
        expect(await choice.getByRole('link', { name: 'This forum', exact: true }).getAttribute('aria-current')).toBe('true');
        await choice.getByRole('link', { name: 'From partner forums', exact: true }).click();
        await pb.getByRole('heading', { level: 2, name: 'Latest stories from partner forums', exact: true }).waitFor();
        expect(new URL(pb.url()).search).toBe('?source=partners');
        expect(await choice.getByRole('link', { name: 'From partner forums', exact: true }).getAttribute('aria-current')).toBe('true');
        const card = main(pb).getByRole('article', { name: TITLE, exact: true });
        await reloadUntilShown(pb, card, 'Ashford’s story on Brampton', () => waitForHeading(pb, 'Stories'));
        const origin = card.locator('.story-origin');
        expect(squashed(await origin.textContent())).toBe(`From ${ASHFORD_NAME}, a partner forum. See it on their site: “${TITLE}”`);
        const original = origin.getByRole('link');
        expect(await original.getAttribute('href')).toBe(`${a.origin}/stories/${id}`);
        expect(await original.getAttribute('rel')).toBe('noopener');
        await expectNoAxeViolations(pb, 'the feed of stories from partner forums');
        await pb.evaluate(() => window.scrollTo(0, 0));
        await pb.screenshot({ path: `${SCREENSHOTS}partner-stories-desktop.png`, fullPage: true });
        await onAPhone(pb, 'the feed of stories from partner forums', 'partner-stories-phone.png');

        // Not among Brampton's own stories.
        await choice.getByRole('link', { name: 'This forum', exact: true }).click();
        await main(pb).getByText('There are no stories to read yet.', { exact: true }).waitFor();
        expect(new URL(pb.url()).search).toBe('');
        await choice.getByRole('link', { name: 'From partner forums', exact: true }).click();

        // Its page says where it came from, and where a reply goes.
        await card.getByRole('link', { name: TITLE, exact: true }).click();
        await waitForHeading(pb, TITLE);
        expect(squashed(await main(pb).locator('.story-origin').textContent())).toBe(
          `From ${ASHFORD_NAME}, a partner forum. See it on their site: “${TITLE}”`,
        );
        await main(pb)
          .getByText(`Your reply goes to ${ASHFORD_NAME} and their moderators check it before it appears there.`, { exact: true })
          .waitFor();
        await expectNoAxeViolations(pb, 'a story from a partner forum');
        await onAPhone(pb, 'a story from a partner forum', 'partner-story-phone.png');

        // Brampton's admin blocks a domain from the form, and unblocks it.
        await openPartnersPage(pb);
        await pb.getByLabel('Domain to block', { exact: true }).fill('https://Nuisance.example/actor');
        await pb.getByRole('button', { name: 'Block', exact: true }).click();
        await pb.getByText('nuisance.example is blocked. Its stories are hidden, and anything it sends is ignored.', { exact: true }).waitFor();
        const blocked = main(pb).locator('.blocked-domain', { hasText: 'nuisance.example' });
        await blocked.waitFor();
        await expectNoAxeViolations(pb, 'the partner forums page with a blocked forum');
        await blocked.getByRole('button', { name: 'Unblock nuisance.example', exact: true }).click();
        await pb.getByText('nuisance.example is no longer blocked. It can ask to follow this forum again.', { exact: true }).waitFor();
        await pb.getByText('No forums are blocked.', { exact: true }).waitFor();
        expect(await pb.evaluate(() => document.activeElement?.id)).toBe('blocked-title');

        // Ashford's admin ends the partnership, after a second step that can be cancelled.
        const end = bramptonOnA.getByRole('button', { name: `End partnership with ${BRAMPTON_NAME}`, exact: true });
        await end.click();
        expect(await end.getAttribute('aria-expanded')).toBe('true');
        const confirm = bramptonOnA.getByRole('group', { name: `End the partnership with ${BRAMPTON_NAME}?`, exact: true });
        await confirm.waitFor();
        expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
        await expectNoAxeViolations(pa, 'the partner forums page, ending a partnership');
        await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
        expect(await end.evaluate((el) => el === document.activeElement)).toBe(true);
        await end.click();
        await confirm.getByRole('button', { name: `Yes, end the partnership with ${BRAMPTON_NAME}`, exact: true }).click();
        await pa
          .getByText(`The partnership with ${BRAMPTON_NAME} has ended. Its stories stay here, but no new ones will come.`, {
            exact: true,
          })
          .waitFor();
        expect(await bramptonOnA.count()).toBe(0);
        expect(await pa.evaluate(() => document.activeElement?.id)).toBe('partners-title');

        // No third-party requests: each admin's browser asked only its own forum
        // (http://localhost:PORT), not even the partner forum whose story it showed.
        for (const [watched, server] of [
          [ashfordAdmin, a],
          [bramptonAdmin, b],
        ] as const) {
          expect(watched.errors).toEqual([]);
          expect(watched.requests.filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
        }
      } finally {
        await ashfordAdmin.close();
        await bramptonAdmin.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});
