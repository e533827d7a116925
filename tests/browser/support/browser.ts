// Debian's Chromium driven by playwright-core, and pages that record everything that goes
// wrong in them (console errors, uncaught exceptions, CSP violations, third-party requests).

import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Flags that keep Chromium off the network except for the pages a test opens. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CT_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium, or set CT_CHROMIUM.`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** One Chromium for the test file that calls this, launched before its tests, closed after. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: call useChromium() at the top of the file');
    return browser;
  };
}

export interface WatchedPage {
  page: Page;
  /**
   * Console errors (CSP violations among them) and uncaught exceptions, in order. The API's
   * refusals are not among them: they are in `refusals`.
   */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
  /**
   * The API's 4xx answers, as "401 GET /api/v1/me", in order. The app asks and explains these
   * itself (someone signed out asks `GET /api/v1/me` and gets 401; a wrong passphrase gets 401),
   * but Chromium still reports each as a console error, "Failed to load resource".
   */
  refusals: string[];
  close(): Promise<void>;
}

const REFUSED = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

/** True for Chromium's console report of a 4xx answer to one of our API requests. */
function isApiRefusal(text: string, url: string): boolean {
  if (!REFUSED.test(text)) return false;
  try {
    return new URL(url).pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

/** A page in a fresh context (no cookies, no history) that records what went wrong. */
export async function openPage(browser: Browser, options: BrowserContextOptions = DESKTOP): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' || isApiRefusal(message.text(), message.location().url)) return;
    errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && response.status() < 500 && url.pathname.startsWith('/api/')) {
      refusals.push(`${response.status()} ${response.request().method()} ${url.pathname}`);
    }
  });
  return { page, errors, requests, refusals, close: () => context.close() };
}
