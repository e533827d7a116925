// Journey: a parent leaves the forum by pressing Shift three times (GOV.UK "Exit this page").

import { expect, inject, test } from 'vitest';
import { openPage, useChromium } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { NEUTRAL_TITLE } from '../support/neutral-site';

const forum = inject('forum');

const browser = useChromium();

test('Shift pressed three times leaves for the neutral site; twice only says how many are left', async () => {
  const { page, errors, close } = await openPage(browser());
  try {
    await page.goto(forum.startUrl);
    await page.goto(`${forum.origin}/`);
    // The forum's own exit address is known once its details have loaded.
    await waitForHeading(page, forum.name);

    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    const progress = page.locator('[aria-live="polite"]', { hasText: 'Shift, press' });
    expect(await progress.textContent()).toBe('Shift, press 1 more time to exit.');
    expect(page.url()).toBe(`${forum.origin}/`);

    await page.keyboard.press('Shift');
    await page.waitForURL(forum.exitUrl);
    expect(page.url()).toBe(forum.exitUrl);
    expect(await page.title()).toBe(NEUTRAL_TITLE);

    await page.goBack();
    expect(page.url()).toBe(forum.startUrl);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
