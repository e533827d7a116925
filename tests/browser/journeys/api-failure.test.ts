// Journey: the forum's API cannot be reached. The page says so kindly, quick exit and the
// source link still work from their defaults, and "Try again" recovers.

import { expect, inject, test } from 'vitest';
import { expectNoAxeViolations } from '../support/axe';
import { openPage, useChromium } from '../support/browser';
import { headings, waitForHeading } from '../support/forum-page';

const forum = inject('forum');

const browser = useChromium();

test('when the API is unreachable the page says so, and Try again recovers', async () => {
  const { page, errors, close } = await openPage(browser());
  try {
    await page.route('**/api/v1/instance', (route) => route.abort('connectionrefused'));
    await page.goto(`${forum.origin}/`);

    await waitForHeading(page, 'We couldn’t load the forum just now');
    expect(await headings(page)).toEqual(['We couldn’t load the forum just now']);
    expect(await page.locator('main [role="status"]').textContent()).toBe(
      'We couldn’t reach the forum. Please check your internet connection and try again.',
    );
    const source = page.getByRole('contentinfo').getByRole('link', { name: 'Source code', exact: true });
    expect(await source.getAttribute('href')).toBe('https://github.com/commonthread/commonthread');
    expect(await page.getByRole('button', { name: 'Exit this page', exact: true }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'the home page when the API is unreachable');

    await page.unroute('**/api/v1/instance');
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    await waitForHeading(page, forum.name);
    expect(await page.locator('main [role="status"]').textContent()).toBe('');

    // The only console errors are the browser's own reports of the refused request.
    expect(errors.filter((e) => !e.includes('net::ERR_CONNECTION_REFUSED'))).toEqual([]);
  } finally {
    await close();
  }
});
