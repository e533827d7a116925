// Journey: before sharing anything, a parent carer checks their story for details that could
// identify their family, replaces them, and sees the cleaned story checked again; on a desktop
// and on a 360 px phone. A town is explained as well as labelled (people rarely think it gives
// them away). A story that is too long is explained.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { errorSummary, errorSummaryHasFocus, statuses } from '../support/accounts';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, PHONE, useChromium } from '../support/browser';
import { waitForHeading } from '../support/forum-page';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const STORY = 'My daughter Maisie has been out of school since May. Please ring me on 07700 900461.';
const NOTHING_FOUND = 'We found nothing that looks identifying. Read it through once more yourself: we can miss things.';
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } };
const PLACE_STORY = 'We moved to a village near Ludlow last year and the clinic in Kidderminster is an hour away.';
const PLACE_EXPLANATION = 'A town, village or estate can show where you live.';

const browser = useChromium();

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** Opens "Check my story" from the home page's link, as a person would find it. */
async function openCheckPage(page: Page): Promise<void> {
  await page.goto(`${forum.origin}/`);
  await waitForHeading(page, forum.name);
  await page.getByRole('main').getByRole('link', { name: 'Check my story', exact: true }).click();
  await waitForHeading(page, 'Check my story');
}

/** Pastes `story` into the box, asks for a check and waits for its results. */
async function checkStory(page: Page, story: string): Promise<void> {
  await page.getByLabel('Your story', { exact: true }).fill(story);
  await page.getByRole('button', { name: 'Check my story', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'What we found', exact: true }).waitFor();
}

/** Each highlight's text as shown, e.g. "Maisie (Name)"; the kind in brackets is read out. */
async function highlights(page: Page): Promise<string[]> {
  return (await page.locator('main mark').allTextContents()).map((t) => t.trim());
}

describe('check my story', () => {
  test('highlights a name and a phone number, replaces them, and checks the clean story again', async () => {
    const { page, errors, requests, close } = await openPage(browser(), DESKTOP);
    try {
      await openCheckPage(page);
      expect(page.url()).toBe(`${forum.origin}/check`);
      expect(await page.title()).toBe(`Check my story – ${forum.name}`);
      expect(await page.getByRole('heading', { level: 2, name: 'Why this matters', exact: true }).count()).toBe(1);
      const box = page.getByLabel('Your story', { exact: true });
      expect(await box.evaluate((el) => el.tagName)).toBe('TEXTAREA');
      expect(await box.getAttribute('aria-describedby')).toBe('story-hint');
      expect(await page.locator('#story-hint').textContent()).toBe(
        'Type or paste your story. We check it and keep nothing: your story is not saved, and nobody else sees it.',
      );
      await expectNoAxeViolations(page, 'the check page (desktop)');

      // An empty box is pointed out, without asking the server.
      await page.getByRole('button', { name: 'Check my story', exact: true }).click();
      expect(await errorSummary(page)).toEqual(['Type or paste your story, then check it.']);
      expect(await errorSummaryHasFocus(page)).toBe(true);

      await checkStory(page, STORY);
      // The results' heading takes focus, so a screen reader starts there.
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('What we found');
      expect(await page.locator('.error-summary').count()).toBe(0);
      expect(await highlights(page)).toEqual(['Maisie (Name)', '07700 900461 (Phone number)']);
      // The kind is shown on the page, not only in colour.
      expect(await page.locator('main mark', { hasText: 'Maisie' }).locator('.finding-kind').isVisible()).toBe(true);
      expect(await statuses(page)).toContain('We found 2 things that could help someone recognise you or your child.');

      // One checkbox per finding, in reading order, each ticked to replace.
      const name = page.getByLabel('Replace “Maisie” with [name]', { exact: true });
      const phone = page.getByLabel('Replace “07700 900461” with [phone number]', { exact: true });
      expect(await name.isChecked()).toBe(true);
      expect(await phone.isChecked()).toBe(true);
      const boxes = page.locator('main input[type="checkbox"]');
      expect(await boxes.count()).toBe(2);
      expect(await boxes.first().getAttribute('id')).toBe('story-finding-1');

      await expectNoAxeViolations(page, 'the check page with findings (desktop)');
      await page.screenshot({ path: `${SCREENSHOTS}check-story-desktop.png`, fullPage: true });

      // By keyboard: from the heading, Tab reaches the first finding; Space keeps it.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('story-finding-1');
      await page.keyboard.press('Space');
      expect(await boxes.first().isChecked()).toBe(false);
      await page.getByRole('button', { name: 'Apply 1 change', exact: true }).waitFor();
      await page.keyboard.press('Space');
      expect(await boxes.first().isChecked()).toBe(true);

      await page.getByRole('button', { name: 'Apply 2 changes', exact: true }).click();
      await page.locator('main .nothing-found').waitFor();
      expect(await box.inputValue()).toBe('My daughter [name] has been out of school since May. Please ring me on [phone number].');
      expect((await page.locator('main .nothing-found').textContent())?.trim()).toBe(NOTHING_FOUND);
      expect(await highlights(page)).toEqual([]);
      expect(await statuses(page)).toContain(
        'We made 2 changes to your story. We found nothing that looks identifying.',
      );

      // Changing the text after a check clears what the check said.
      await checkStory(page, STORY);
      expect(await highlights(page)).toEqual(['Maisie (Name)', '07700 900461 (Phone number)']);
      await box.press('End');
      await box.pressSequentially(' Thanks.');
      expect(await page.locator('main mark').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'What we found' }).count()).toBe(0);
      expect(await statuses(page)).toContain(
        'You’ve changed your story since we checked it, so the highlights have gone. Check it again when you’re ready.',
      );

      expect(errors).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(`${forum.origin}/`))).toEqual([]);
    } finally {
      await close();
    }
  });

  test('an emoji before a finding does not shift its highlight', async () => {
    const { page, errors, close } = await openPage(browser(), DESKTOP);
    try {
      await page.goto(`${forum.origin}/check`);
      await waitForHeading(page, 'Check my story');
      await checkStory(page, '😊👍 Please ring me on 07700 900461 after 6.');
      expect(await highlights(page)).toEqual(['07700 900461 (Phone number)']);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test.each([
    { where: 'desktop', options: DESKTOP },
    { where: '360 px phone', options: SMALL_PHONE },
  ])('on a $where: a town is labelled, explained in one sentence and replaced with [place]', async ({ where, options }) => {
    const { page, errors, close } = await openPage(browser(), options);
    try {
      await page.goto(`${forum.origin}/check`);
      await waitForHeading(page, 'Check my story');
      await checkStory(page, PLACE_STORY);
      expect(await highlights(page)).toEqual(['Ludlow (Town or place)', 'Kidderminster (Town or place)']);
      expect(await page.locator('main mark', { hasText: 'Ludlow' }).locator('.finding-kind').isVisible()).toBe(true);

      // In the list: the kind, then one sentence on why it matters, then the checkbox, which
      // screen readers hear it with.
      const ludlow = page.getByLabel('Replace “Ludlow” with [place]', { exact: true });
      expect(await ludlow.isChecked()).toBe(true);
      const item = page.locator('main .finding-item').first();
      const itemTexts = await item.locator('.finding-item-kind, .hint, label').allTextContents();
      expect(itemTexts.map((t) => t.trim())).toEqual(['Town or place', PLACE_EXPLANATION, 'Replace “Ludlow” with [place]']);
      expect(await item.locator('.hint').isVisible()).toBe(true);
      expect(await item.locator('.hint').getAttribute('id')).toBe('story-finding-1-hint');
      expect(await ludlow.getAttribute('id')).toBe('story-finding-1');
      expect(await ludlow.getAttribute('aria-describedby')).toBe('story-finding-1-hint');
      // Once for each finding: Kidderminster has its own.
      const explanations = await page.locator('main .finding-item .hint').allTextContents();
      expect(explanations).toEqual([PLACE_EXPLANATION, PLACE_EXPLANATION]);

      // Nothing wider than the screen, the sentence included.
      const widths = await page.evaluate(() => ({
        viewport: window.innerWidth,
        content: document.documentElement.scrollWidth,
      }));
      expect(widths.content).toBeLessThanOrEqual(widths.viewport);
      await expectNoAxeViolations(page, `the check page with two towns (${where})`);

      await page.getByRole('button', { name: 'Apply 2 changes', exact: true }).click();
      await page.locator('main .nothing-found').waitFor();
      expect(await page.getByLabel('Your story', { exact: true }).inputValue()).toBe(
        'We moved to a village near [place] last year and the clinic in [place] is an hour away.',
      );
      expect(await highlights(page)).toEqual([]);
      expect(await statuses(page)).toContain('We made 2 changes to your story. We found nothing that looks identifying.');
      await expectNoAxeViolations(page, `the check page with its towns replaced (${where})`);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a story over 50,000 characters is explained, and stays in the box', async () => {
    const { page, errors, refusals, close } = await openPage(browser(), DESKTOP);
    try {
      await page.goto(`${forum.origin}/check`);
      await waitForHeading(page, 'Check my story');
      const long = 'word '.repeat(10_001);
      const box = page.getByLabel('Your story', { exact: true });
      await box.fill(long);
      await page.getByRole('button', { name: 'Check my story', exact: true }).click();
      const tooLong =
        'That is more than 50,000 characters, which is too long for us to take in one go. Please shorten it, or split it into parts.';
      expect(await errorSummary(page)).toEqual([tooLong]);
      expect(await errorSummaryHasFocus(page)).toBe(true);
      expect(await page.locator('#story-error').textContent()).toBe(`Error: ${tooLong}`);
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      expect(await box.inputValue()).toBe(long);
      expect(refusals).toContain('422 POST /api/v1/screening');
      await expectNoAxeViolations(page, 'the check page with a story too long');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('on a 360 px phone: the findings fit, axe clean', async () => {
    const { page, errors, close } = await openPage(browser(), SMALL_PHONE);
    try {
      await openCheckPage(page);
      await expectNoAxeViolations(page, 'the check page (360 px phone)');
      await checkStory(page, STORY);
      expect(await highlights(page)).toEqual(['Maisie (Name)', '07700 900461 (Phone number)']);

      const widths = await page.evaluate(() => ({
        viewport: window.innerWidth,
        content: document.documentElement.scrollWidth,
      }));
      expect(widths).toEqual({ viewport: 360, content: 360 });
      await expectNoAxeViolations(page, 'the check page with findings (360 px phone)');
      await page.screenshot({ path: `${SCREENSHOTS}check-story-phone.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
