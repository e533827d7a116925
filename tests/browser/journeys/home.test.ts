// Journey: a parent carer opens the forum's home page, on a desktop and on a phone.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, PHONE, useChromium } from '../support/browser';
import {
  CONTENT_SECURITY_POLICY,
  fetchInstance,
  headings,
  historyLength,
  LICENCE_TEXT,
  waitForHeading,
  type InstanceAnswer,
} from '../support/forum-page';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const browser = useChromium();
let instance: InstanceAnswer;

beforeAll(async () => {
  instance = await fetchInstance(forum.origin);
  await mkdir(SCREENSHOTS, { recursive: true });
});

describe('the home page', () => {
  test('the API says who the forum is, as configured', () => {
    expect(instance.name).toBe(forum.name);
    expect(instance.description).toBe(forum.description);
    expect(instance.area).toBe(forum.area);
    expect(instance.area_name).toBe(forum.areaName);
    expect(instance.quick_exit_url).toBe(forum.exitUrl);
  });

  test('on a desktop: name, description, area, welcome and footer, axe clean, no errors', async () => {
    const { page, errors, requests, refusals, close } = await openPage(browser(), DESKTOP);
    try {
      const response = await page.goto(`${forum.origin}/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

      await waitForHeading(page, forum.name);
      expect(await headings(page)).toEqual([forum.name]);
      expect(await page.title()).toBe(forum.name);
      expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
      expect(await page.getByText(forum.description, { exact: true }).count()).toBe(1);
      expect((await page.locator('main .area').textContent())?.trim()).toBe(`For parent carers in ${forum.areaName}.`);
      expect(await page.getByRole('heading', { level: 2, name: 'Welcome' }).count()).toBe(1);
      // The status region has said its piece and is quiet now.
      expect(await page.locator('main [role="status"]').textContent()).toBe('');

      const header = page.getByRole('banner');
      expect((await header.getByRole('link').first().textContent())?.trim()).toBe(forum.name);
      // Someone signed out: the app asked who is signed in, tried once to refresh, and offers to join.
      await header.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
      expect(await header.getByRole('link', { name: 'Join', exact: true }).getAttribute('href')).toBe('/join');
      expect(refusals).toEqual(['401 GET /api/v1/me', '401 POST /api/v1/session/refresh']);

      const footer = page.getByRole('contentinfo');
      expect(await footer.textContent()).toContain(LICENCE_TEXT);
      const source = footer.getByRole('link', { name: 'Source code', exact: true });
      expect(await source.getAttribute('href')).toBe(instance.source_url);
      expect((await footer.locator('.version').textContent())?.trim()).toBe(`Version ${instance.version}`);

      const exit = page.getByRole('button', { name: 'Exit this page', exact: true });
      expect(await exit.isVisible()).toBe(true);

      await expectNoAxeViolations(page, 'the home page (desktop)');
      await page.screenshot({ path: `${SCREENSHOTS}home-desktop.png`, fullPage: true });

      expect(errors).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(`${forum.origin}/`))).toEqual([]);
    } finally {
      await close();
    }
  });

  test('by keyboard: the skip link comes first and takes focus to the main content, adding no history', async () => {
    const { page, errors, close } = await openPage(browser(), DESKTOP);
    try {
      await page.goto(`${forum.origin}/`);
      await waitForHeading(page, forum.name);
      const before = await historyLength(page);

      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Exit this page');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');

      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
      expect(page.url()).toBe(`${forum.origin}/#main-content`);
      expect(await historyLength(page)).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('on a 390 px phone: everything fits, axe clean, no errors', async () => {
    const { page, errors, close } = await openPage(browser(), PHONE);
    try {
      await page.goto(`${forum.origin}/`);
      await waitForHeading(page, forum.name);

      const widths = await page.evaluate(() => ({
        viewport: window.innerWidth,
        content: document.documentElement.scrollWidth,
      }));
      expect(widths).toEqual({ viewport: 390, content: 390 });
      expect(await page.getByRole('button', { name: 'Exit this page', exact: true }).isVisible()).toBe(true);

      await expectNoAxeViolations(page, 'the home page (390 px phone)');
      await page.screenshot({ path: `${SCREENSHOTS}home-phone.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
