// Steps of the account journeys as a person takes them: through the forum's own pages, by
// their labels and button names, never by reaching into the app.

import type { Page } from 'playwright-core';
import { waitForHeading } from './forum-page';

/** Fills in step 1 of joining and sends it; does not wait for the answer. */
export async function fillJoinForm(page: Page, handle: string, passphrase: string): Promise<void> {
  await page.getByLabel('Handle', { exact: true }).fill(handle);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** Joins as `handle` and gets as far as the recovery codes. */
export async function joinAs(page: Page, origin: string, handle: string, passphrase: string): Promise<void> {
  await page.goto(`${origin}/join`);
  await waitForHeading(page, 'Join the forum');
  await fillJoinForm(page, handle, passphrase);
  await waitForHeading(page, 'Save your recovery codes');
}

/** From the recovery codes step: ticks the box and continues to the home page. */
export async function confirmCodesSaved(page: Page, forumName: string): Promise<void> {
  await page.getByLabel('I have saved my recovery codes somewhere safe', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await waitForHeading(page, forumName);
}

/** Fills in the sign-in page (already open) and sends it; does not wait for the answer. */
export async function fillSignInForm(page: Page, handle: string, passphrase: string): Promise<void> {
  await page.getByLabel('Handle', { exact: true }).fill(handle);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in from the header's link and waits to be signed in. */
export async function signInAs(page: Page, handle: string, passphrase: string): Promise<void> {
  await header(page).getByRole('link', { name: 'Sign in', exact: true }).click();
  await waitForHeading(page, 'Sign in');
  await fillSignInForm(page, handle, passphrase);
  await header(page).getByRole('link', { name: 'Your account', exact: true }).waitFor();
}

/** Signs out with the header's button and waits until the header says so. */
export async function signOut(page: Page): Promise<void> {
  await header(page).getByRole('button', { name: 'Sign out', exact: true }).click();
  await header(page).getByRole('link', { name: 'Sign in', exact: true }).waitFor();
}

export function header(page: Page) {
  return page.getByRole('banner');
}

/** The header's notifications link: "Notifications (2)" once the unread count has come, "Notifications" before. */
export const NOTIFICATIONS_LINK = /^Notifications( \(\d+\))?$/;

/** The names of the header's account links and buttons, once the app knows who is signed in. */
export async function accountNav(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Your account' });
  await nav.waitFor();
  return (await nav.locator('a, button').allTextContents()).map((t) => t.trim());
}

/** The error summary's messages, once it is there. */
export async function errorSummary(page: Page): Promise<string[]> {
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  return (await summary.locator('li').allTextContents()).map((t) => t.trim());
}

/** True when the error summary has focus, as it must after a failed submit. */
export async function errorSummaryHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false);
}

/** The text of every role="status" region in the main content, trimmed, without the empty ones. */
export async function statuses(page: Page): Promise<string[]> {
  const texts = await page.locator('main [role="status"], main [aria-live="polite"]').allTextContents();
  return texts.map((t) => t.trim()).filter((t) => t !== '');
}

/** The account page's summary, as { Handle: 'rowan', Role: 'Member', … }. */
export async function accountSummary(page: Page): Promise<Record<string, string>> {
  await page.locator('dl.summary').waitFor();
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('dl.summary > div')].map((row) => [
        row.querySelector('dt')?.textContent?.trim() ?? '',
        row.querySelector('dd')?.textContent?.trim() ?? '',
      ]),
    ),
  );
}

/** Joins through the API, outside the browser (for journeys about something else). */
export async function joinThroughApi(origin: string, handle: string, passphrase: string): Promise<void> {
  const response = await fetch(`${origin}/api/v1/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'commonthread' },
    body: JSON.stringify({ handle, passphrase }),
  });
  if (response.status !== 201) throw new Error(`POST /api/v1/accounts answered ${response.status}: ${await response.text()}`);
}
