// What the journeys need to know about the forum's pages, in one place.

import type { Page } from 'playwright-core';

/** The policy the server must send with every page (DESIGN.md, frontend: strict CSP). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const LICENCE_TEXT = 'Common Thread is free software under the GNU Affero General Public Licence v3 or later.';

/** `GET /api/v1/instance` as the server answers it, read outside the browser. */
export interface InstanceAnswer {
  name: string;
  description: string;
  area: string;
  area_name: string | null;
  membership: string;
  version: string;
  source_url: string;
  quick_exit_url: string;
}

export async function fetchInstance(origin: string): Promise<InstanceAnswer> {
  const response = await fetch(`${origin}/api/v1/instance`);
  if (response.status !== 200) throw new Error(`GET /api/v1/instance answered ${response.status}`);
  return (await response.json()) as InstanceAnswer;
}

/** Waits (with Playwright's deadline) until the page's h1 reads exactly `text`. */
export async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/** The text of every h1 on the page, trimmed. */
export async function headings(page: Page): Promise<string[]> {
  return (await page.locator('h1').allTextContents()).map((t) => t.trim());
}

export async function historyLength(page: Page): Promise<number> {
  return page.evaluate(() => history.length);
}
