// Journey: a parent is reading the forum when someone comes into the room; they press
// "Exit this page". The forum disappears at once and Back does not bring it back.

import { expect, inject, test } from 'vitest';
import { openPage, useChromium } from '../support/browser';
import { headings, historyLength, waitForHeading } from '../support/forum-page';
import { NEUTRAL_TITLE } from '../support/neutral-site';

const forum = inject('forum');

interface BlankedPage {
  bodyHidden: boolean;
  bodyVisible: boolean;
  title: string;
}

const browser = useChromium();

test('"Exit this page" blanks the forum, goes to the neutral site, and Back skips the forum', async () => {
  const { page, errors, close } = await openPage(browser());
  try {
    // Where the person was before the forum (a search engine, say).
    await page.goto(forum.startUrl);
    const before = await historyLength(page);
    await page.goto(`${forum.origin}/no/such/page`);
    await waitForHeading(page, 'Page not found');
    await page.getByRole('banner').getByRole('link', { name: forum.name, exact: true }).waitFor();
    const entries = await historyLength(page);
    expect(entries).toBe(before + 1);

    // In-app navigation to a second page replaces the history entry instead of adding one.
    await page.getByRole('link', { name: 'Go to the forum’s home page', exact: true }).click();
    await waitForHeading(page, forum.name);
    expect(page.url()).toBe(`${forum.origin}/`);
    expect(await historyLength(page)).toBe(entries);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await headings(page)).toEqual([forum.name]);

    // The neutral site takes a second to answer: the forum must be gone before it does.
    // An observer in the page reports what the page looked like the moment the body changed.
    const seen: BlankedPage[] = [];
    await page.exposeFunction('reportBlanked', (state: BlankedPage) => seen.push(state));
    await page.evaluate(() => {
      const report = (window as unknown as { reportBlanked: (s: unknown) => void }).reportBlanked;
      new MutationObserver(() =>
        report({ bodyHidden: document.body.hidden, bodyVisible: document.body.checkVisibility(), title: document.title }),
      ).observe(document.body, { attributes: true, attributeFilter: ['hidden'] });
    });
    await page.getByRole('button', { name: 'Exit this page', exact: true }).click();
    await page.waitForURL(forum.exitUrl);
    expect(page.url()).toBe(forum.exitUrl);
    expect(await page.title()).toBe(NEUTRAL_TITLE);
    expect(seen).toEqual([{ bodyHidden: true, bodyVisible: false, title: 'Loading' }]);

    // Back goes to where the person was before the forum, not to the forum.
    await page.goBack();
    expect(page.url()).toBe(forum.startUrl);
    expect(new URL(page.url()).origin).not.toBe(forum.origin);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
