// Journey: someone follows a broken link to the forum and lands on "Page not found".

import { expect, inject, test } from 'vitest';
import { expectNoAxeViolations } from '../support/axe';
import { openPage, useChromium } from '../support/browser';
import { CONTENT_SECURITY_POLICY, headings, waitForHeading } from '../support/forum-page';

const forum = inject('forum');

const browser = useChromium();

test('an unknown address gets the app, which says "Page not found", axe clean', async () => {
  const { page, errors, close } = await openPage(browser());
  try {
    const response = await page.goto(`${forum.origin}/no/such/page`);
    // The server's fallback serves index.html; the app decides the page is unknown.
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    await waitForHeading(page, 'Page not found');
    expect(await headings(page)).toEqual(['Page not found']);
    expect(await page.title()).toBe(`Page not found – ${forum.name}`);
    const home = page.getByRole('main').getByRole('link', { name: 'Go to the forum’s home page', exact: true });
    expect(await home.getAttribute('href')).toBe('/');
    // The layout is there too: quick exit, and the forum's name once the API has answered.
    expect(await page.getByRole('button', { name: 'Exit this page', exact: true }).isVisible()).toBe(true);
    await page.getByRole('banner').getByRole('link', { name: forum.name, exact: true }).waitFor();

    await expectNoAxeViolations(page, 'the not-found page');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
