// Journey: members share stories about the same thing (some only to be counted, one not to be
// counted at all, one member two), a moderator publishes them, and the figures are worked out;
// anyone can then see on the patterns page, as a chart and as a table, how many families shared
// a story that showed each category, one category's tags or one tag, quarter by quarter, and
// when the next quarter's figures will appear. Every figure in the table is the API's, hidden
// where the API hides it. The figures count families (a member is one), not stories, and only
// quarters that have ended are published, 14 days after they end: the stories are dated two and
// three quarters back. On a desktop and on a 360 px phone. Runs on a forum of its own with a low
// threshold (k = 5), so a dozen members are enough to show: its stories would change what other
// journeys see.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { header, joinThroughApi } from '../support/accounts';
import { ApiSession, joinMembers, makeModerator } from '../support/api-session';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, PHONE, useChromium, type WatchedPage } from '../support/browser';
import { waitForHeading } from '../support/forum-page';
import { createAdmin, refreshStats, startForum, type ForumServer } from '../support/forum-server';
import {
  addQuarters,
  dateName,
  monthsOf,
  PUBLISH_AFTER_DAYS,
  publicationDay,
  publishedThrough,
  quarterBefore,
  quarterName,
  quarterOf,
} from '../support/quarters';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } };

const PASSPHRASE = 'correct horse battery staple lantern';
const ADMIN = 'patterns_admin';
const MODERATOR = 'patterns_moderator';
/** A family each: the figures count members who shared a story, not stories. */
const AUTHORS = [
  'patterns_ash',
  'patterns_birch',
  'patterns_cedar',
  'patterns_alder',
  'patterns_beech',
  'patterns_elm',
  'patterns_hazel',
  'patterns_holly',
  'patterns_larch',
  'patterns_maple',
  'patterns_oak',
  'patterns_willow',
] as const;
const K = 5;
/** Two quarters before the one under way: over, and published, whatever the day. */
const COUNTED_QUARTER = quarterBefore(2);
/** The quarter before that. */
const EARLIER_QUARTER = quarterBefore(3);
/** The families counted in each. */
const COUNTED_FAMILIES = 11;
const EARLIER_FAMILIES = 5;
const COMMON_TAG = { id: 'bedroom-inspected', label: 'Bedroom inspected' };
const CATEGORY = { id: 'blame', label: 'Parent blame and safeguarding' };
const JOURNEY_TIMEOUT_MS = 180_000;

const browser = useChromium();
let own: ForumServer | null = null;

// ---- The API's answer, as the test reads it ----

interface Figure {
  count: number | null;
  suppressed: boolean;
  rate: number | null;
  rate_low: number | null;
  rate_high: number | null;
}

interface StatsAnswer {
  area: { code: string; name: string };
  unit: string;
  from: string;
  to: string;
  k: number;
  epsilon: number | null;
  refreshed_on: string | null;
  published_through: string | null;
  next_quarter: string;
  next_publication: string;
  publish_after_days: number;
  quarters: {
    quarter: string;
    total: Figure;
    categories: (Figure & { category: string; label: string })[];
    tags: (Figure & { tag: string; label: string; category: string })[];
  }[];
}

/** A cell of the page's table, or what the API says it should be. */
interface Cell {
  series: string;
  count: number | null;
  hidden: boolean;
  text: string;
}

function origin(): string {
  if (!own) throw new Error('the forum for the patterns journey did not start');
  return own.origin;
}

async function statsFromApi(query: string): Promise<StatsAnswer> {
  const response = await fetch(`${origin()}/api/v1/stats?${query}`);
  if (response.status !== 200) throw new Error(`GET /api/v1/stats?${query} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as StatsAnswer;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** What a figure reads in the table: "12 (48%, 30–67%)", "12" or "hidden". */
function expectedCell(series: string, figure: Figure): Cell {
  if (figure.suppressed) return { series, count: null, hidden: true, text: 'hidden' };
  const count = figure.count ?? -1;
  const share =
    figure.rate === null || figure.rate_low === null || figure.rate_high === null
      ? ''
      : ` (${percent(figure.rate)}, ${Math.round(figure.rate_low * 100)}–${percent(figure.rate_high)})`;
  return { series, count, hidden: false, text: `${count}${share}` };
}

/** The series the page should show for a filter: categories, a category's tags, or one tag. */
function expectedSeries(answer: StatsAnswer, filter: { category?: string; tag?: string }): { id: string; label: string }[] {
  const first = answer.quarters[0];
  if (!first) return [];
  if (filter.tag) return first.tags.filter((t) => t.tag === filter.tag).map((t) => ({ id: t.tag, label: t.label }));
  if (filter.category) return first.tags.filter((t) => t.category === filter.category).map((t) => ({ id: t.tag, label: t.label }));
  return first.categories.map((c) => ({ id: c.category, label: c.label }));
}

/** The answer's figures for `quarter`; fails if it has none. */
function quarterIn(answer: StatsAnswer, quarter: string): StatsAnswer['quarters'][number] {
  const found = answer.quarters.find((q) => q.quarter === quarter);
  if (!found) throw new Error(`the API has no figures for ${quarter} (from ${answer.from} to ${answer.to})`);
  return found;
}

function figureOf(quarter: StatsAnswer['quarters'][number], series: string): Figure {
  if (series === 'total') return quarter.total;
  const figure = quarter.tags.find((t) => t.tag === series) ?? quarter.categories.find((c) => c.category === series);
  if (!figure) throw new Error(`the API has no figure for ${series} in ${quarter.quarter}`);
  return figure;
}

/** The page's table as it reads: column ids and headers, and each row's quarter and cells. */
async function tableOnPage(page: Page) {
  const table = page.getByRole('main').locator('table');
  return table.evaluate((el) => ({
    columns: [...el.querySelectorAll('thead th[data-series]')].map((th) => ({
      id: th.getAttribute('data-series') ?? '',
      label: th.textContent?.trim() ?? '',
    })),
    rows: [...el.querySelectorAll('tbody tr')].map((tr) => ({
      quarter: tr.getAttribute('data-quarter') ?? '',
      heading: tr.querySelector('th[scope="row"]')?.textContent?.trim() ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => ({
        series: td.getAttribute('data-series') ?? '',
        count: td.hasAttribute('data-count') ? Number(td.getAttribute('data-count')) : null,
        hidden: td.getAttribute('data-hidden') === 'true',
        text: (td.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    })),
  }));
}

/**
 * The stats request the page made last, as its query string: the test asks the API the same.
 * Fails unless it is what `expected` says (the forum's own area, and the filters).
 */
function lastStatsQuery(watched: WatchedPage, expected: Record<string, string>): string {
  const asked = watched.requests.map((url) => new URL(url)).filter((url) => url.pathname === '/api/v1/stats');
  const last = asked.at(-1);
  if (!last) throw new Error('the page never asked for the figures');
  const params = Object.fromEntries(last.searchParams);
  expect(Object.keys(params).filter((key) => key !== 'from').sort()).toEqual(Object.keys(expected).sort());
  expect(params).toMatchObject(expected);
  return last.searchParams.toString();
}

/** Every figure in the page's table equals the API's, for the same query; hidden is hidden. */
async function expectTableToMatchApi(page: Page, query: string, filter: { category?: string; tag?: string }): Promise<StatsAnswer> {
  const answer = await statsFromApi(query);
  const series = expectedSeries(answer, filter);
  expect(series.length).toBeGreaterThan(0);
  const table = await tableOnPage(page);
  expect(table.columns).toEqual([{ id: 'total', label: 'Families who shared a story' }, ...series.map((s) => ({ id: s.id, label: s.label }))]);
  expect(table.rows.map((row) => row.quarter)).toEqual(answer.quarters.map((q) => q.quarter));
  for (const [i, quarter] of answer.quarters.entries()) {
    const row = table.rows[i];
    // Every quarter shown has ended: none is marked as counted so far.
    expect(row?.heading).toBe(quarterName(quarter.quarter));
    const expected = ['total', ...series.map((s) => s.id)].map((id) => expectedCell(id, figureOf(quarter, id)));
    expect(row?.cells, `the figures of ${quarter.quarter}`).toEqual(expected);
  }
  return answer;
}

/** Waits until Chart.js has drawn lines on the canvas: coloured pixels, not only grey axes and text. */
async function waitForChartDrawn(page: Page): Promise<string> {
  const canvas = page.getByRole('main').locator('canvas');
  await canvas.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('main canvas');
    if (!(el instanceof HTMLCanvasElement) || el.width === 0 || el.height === 0) return false;
    const pixels = el.getContext('2d')?.getImageData(0, 0, el.width, el.height).data;
    if (!pixels) return false;
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, pixels[i + 3] ?? 0];
      if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    return coloured > 50;
  });
  return canvas.evaluate((el) => (el as HTMLCanvasElement).toDataURL());
}

async function chooseAndShow(page: Page, label: 'Category' | 'Tag' | 'Period', option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
  await page.getByRole('button', { name: 'Show figures', exact: true }).click();
}

/** The page's width: nothing may stick out sideways. */
async function widths(page: Page): Promise<{ viewport: number; content: number }> {
  return page.evaluate(() => ({ viewport: window.innerWidth, content: document.documentElement.scrollWidth }));
}

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  own = await startForum({
    name: forum.name,
    description: forum.description,
    area: forum.area,
    quickExitUrl: forum.exitUrl,
    statsK: K,
  });
  await createAdmin(own, ADMIN, PASSPHRASE);
  await joinThroughApi(own.origin, MODERATOR, PASSPHRASE);
  await makeModerator(own.origin, ADMIN, PASSPHRASE, MODERATOR);

  const moderator = await ApiSession.signIn(own.origin, MODERATOR, PASSPHRASE);
  const authors = await joinMembers(origin(), AUTHORS, PASSPHRASE);
  const [counted] = monthsOf(COUNTED_QUARTER);
  const [earlier] = monthsOf(EARLIER_QUARTER);
  let written = 0;
  /** Written by the `n`th author (a family each), submitted and approved, as the moderation queue would. */
  const publish = async (n: number, story: Record<string, unknown>) => {
    const author = authors[n];
    if (!author) throw new Error(`no author ${n}`);
    written += 1;
    const body = {
      title: `What happened, part ${written}`,
      body: 'A social worker came to the house and asked to see the bedroom, although nobody had said why.',
      area: forum.area,
      period: counted,
      visibility: 'members',
      consent_count: true,
      tags: [COMMON_TAG.id],
      ...story,
    };
    const { id } = (await author.call('POST', '/api/v1/stories', body, 201)) as { id: string };
    await author.call('POST', `/api/v1/stories/${id}/submit`, undefined, 200);
    await moderator.call('POST', `/api/v1/moderation/stories/${id}`, { action: 'approve' }, 200);
  };
  // Two quarters back: eleven families share a counted story with the common tag, six of them
  // about minutes too and two about being outnumbered; three of the stories are only to be
  // counted, never shown. The first family shares a second one about the same thing, in
  // another month: still one family. A twelfth shares one not to be counted at all.
  for (let n = 0; n < COUNTED_FAMILIES; n++) {
    const tags = [COMMON_TAG.id, ...(n < 6 ? ['minutes-withheld'] : []), ...(n < 2 ? ['outnumbered'] : [])];
    await publish(n, { tags, ...(n % 4 === 0 ? { visibility: 'counted-only' } : {}) });
  }
  await publish(0, { period: monthsOf(COUNTED_QUARTER)[2] });
  await publish(COUNTED_FAMILIES, { consent_count: false });
  // The quarter before: five families, so that the common tag draws a line from there.
  for (let n = 0; n < EARLIER_FAMILIES; n++) await publish(n, { period: earlier });

  await refreshStats(own);
}, 180_000);

afterAll(async () => {
  await own?.stop();
});

describe('patterns', () => {
  test(
    'anyone sees the figures as a chart and a table, every one the API’s, by category, by tag and over four years',
    async () => {
      const watched = await openPage(browser(), DESKTOP);
      const { page, errors, requests } = watched;
      try {
        await page.goto(`${origin()}/`);
        await waitForHeading(page, forum.name);
        await header(page).getByRole('link', { name: 'Patterns', exact: true }).click();
        await waitForHeading(page, 'Patterns');
        expect(page.url()).toBe(`${origin()}/patterns`);
        expect(await header(page).getByRole('link', { name: 'Patterns', exact: true }).getAttribute('aria-current')).toBe('page');

        // Every category, over two years: the forum's own area, and what the page says about it.
        await page.getByRole('heading', { level: 2, name: 'Families who shared a story each quarter, by category', exact: true }).waitFor();
        const drawn = await waitForChartDrawn(page);
        const query = lastStatsQuery(watched, { area: forum.area });
        const answer = await expectTableToMatchApi(page, query, {});
        expect(answer.k).toBe(K);
        expect(answer.area).toEqual({ code: forum.area, name: forum.areaName });
        expect(answer.unit).toBe('family');
        expect(answer.quarters).toHaveLength(8);

        // Only quarters that have ended, up to the last one published today (the server's
        // default wait, 14 days): never the quarter under way. The next one's day is given.
        expect(answer.publish_after_days).toBe(PUBLISH_AFTER_DAYS);
        expect(answer.published_through).toBe(publishedThrough());
        expect(answer.to).toBe(answer.published_through);
        expect(answer.quarters.map((q) => q.quarter)).not.toContain(quarterOf(new Date()));
        expect(answer.next_quarter).toBe(addQuarters(answer.to, 1));
        expect(answer.next_publication).toBe(publicationDay(answer.next_quarter));

        // The families counted: counted-only stories are in, the one not to be counted is not,
        // and the family who shared two stories is counted once.
        const counted = quarterIn(answer, COUNTED_QUARTER);
        const earlier = quarterIn(answer, EARLIER_QUARTER);
        expect(counted.total.count).toBe(COUNTED_FAMILIES);
        expect(earlier.total.count).toBe(EARLIER_FAMILIES);
        expect(figureOf(counted, CATEGORY.id).count).toBe(COUNTED_FAMILIES);
        expect(answer.quarters[0]?.total.suppressed).toBe(true);

        const text = (await page.getByRole('main').textContent()) ?? '';
        expect(text).toContain('How many of the families who shared a story here had each kind of problem');
        expect(text).toContain('The figures count families, not stories');
        expect(text).toContain(
          `To protect families, a figure is hidden when it counts fewer than ${K} families, or when it could be used to work out one that does.`,
        );
        expect(text).toContain(`Figures last worked out on ${dateName(answer.refreshed_on ?? '')}.`);
        expect(text).toContain(`Figures are published only for quarters that have ended, ${PUBLISH_AFTER_DAYS} days after each one ends.`);
        expect(text).toContain(`Figures for ${quarterName(answer.next_quarter)} will appear from ${dateName(answer.next_publication)}.`);
        expect(text).not.toContain('so far');
        expect(text).not.toContain('random noise');
        expect(text).toContain(`in ${forum.areaName}`);

        const chart = page.getByRole('img', { name: /^Line chart of families who shared a story each quarter by category, from / });
        expect(await chart.count()).toBe(1);
        expect(await chart.getAttribute('aria-label')).toContain('The table of figures has every number.');
        const region = page.getByRole('region', { name: 'Table of figures', exact: true });
        expect(await region.getAttribute('tabindex')).toBe('0');
        expect(await region.locator('caption').textContent()).toContain('Families who shared a story each quarter, by category');

        // Side by side on a wide screen.
        const chartBox = await chart.boundingBox();
        const tableBox = await region.boundingBox();
        expect(chartBox && tableBox && chartBox.x + chartBox.width <= tableBox.x).toBe(true);
        expect(chartBox && tableBox && Math.abs(chartBox.y - tableBox.y) < chartBox.height).toBe(true);

        await expectNoAxeViolations(page, 'the patterns page');
        await page.screenshot({ path: `${SCREENSHOTS}patterns-desktop.png`, fullPage: true });

        // One category: its tags become the lines and the columns; the address says so.
        await chooseAndShow(page, 'Category', CATEGORY.label);
        await page
          .getByRole('heading', { level: 2, name: `Families who shared a story each quarter, for each tag in “${CATEGORY.label}”`, exact: true })
          .waitFor();
        expect(page.url()).toBe(`${origin()}/patterns?category=${CATEGORY.id}`);
        const byCategory = await waitForChartDrawn(page);
        expect(byCategory).not.toBe(drawn);
        expect(
          await page.getByRole('img', { name: /^Line chart of families who shared a story each quarter for each tag in “Parent blame/ }).count(),
        ).toBe(1);
        const categoryAnswer = await expectTableToMatchApi(page, lastStatsQuery(watched, { area: forum.area, category: CATEGORY.id }), {
          category: CATEGORY.id,
        });
        expect(figureOf(quarterIn(categoryAnswer, COUNTED_QUARTER), COMMON_TAG.id).count).toBe(COUNTED_FAMILIES);
        expect(figureOf(quarterIn(categoryAnswer, EARLIER_QUARTER), COMMON_TAG.id).count).toBe(EARLIER_FAMILIES);
        await expectNoAxeViolations(page, 'the patterns page, one category');

        // One tag: a line of its own. The tags offered are the category's.
        const offered = await page.getByLabel('Tag', { exact: true }).locator('option').allTextContents();
        expect(offered[0]).toBe(`All tags in “${CATEGORY.label}”`);
        expect(offered).toContain(COMMON_TAG.label);
        expect(offered).not.toContain('Minutes kept from me');
        await chooseAndShow(page, 'Tag', COMMON_TAG.label);
        await page
          .getByRole('heading', { level: 2, name: `Families who shared a story each quarter, with the tag “${COMMON_TAG.label}”`, exact: true })
          .waitFor();
        expect(page.url()).toBe(`${origin()}/patterns?category=${CATEGORY.id}&tag=${COMMON_TAG.id}`);
        const byTag = await waitForChartDrawn(page);
        expect(byTag).not.toBe(byCategory);
        expect(await page.locator('main canvas').getAttribute('data-lines')).toBe('1');
        await expectTableToMatchApi(page, lastStatsQuery(watched, { area: forum.area, category: CATEGORY.id, tag: COMMON_TAG.id }), {
          tag: COMMON_TAG.id,
        });

        // Four years: sixteen quarters up to the last one published, from the quarter the page asked for.
        await chooseAndShow(page, 'Period', 'The last 4 years');
        await page.waitForURL(`${origin()}/patterns?category=${CATEGORY.id}&tag=${COMMON_TAG.id}&years=4`);
        await page.locator('main tbody tr').nth(15).waitFor();
        const fourYears = lastStatsQuery(watched, { area: forum.area, category: CATEGORY.id, tag: COMMON_TAG.id });
        expect(new URLSearchParams(fourYears).get('from')).toBe(addQuarters(answer.to, -15));
        const longer = await expectTableToMatchApi(page, fourYears, { tag: COMMON_TAG.id });
        expect(longer.quarters).toHaveLength(16);
        expect(longer.to).toBe(answer.to);
        await waitForChartDrawn(page);

        // Reloading the address shows the same; the form says so.
        await page.reload();
        await waitForHeading(page, 'Patterns');
        await page.locator('main tbody tr').nth(15).waitFor();
        expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe(CATEGORY.id);
        expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe(COMMON_TAG.id);
        expect(await page.getByLabel('Period', { exact: true }).inputValue()).toBe('4');
        await expectNoAxeViolations(page, 'the patterns page, one tag over four years');

        await page.getByRole('link', { name: 'Show every category again', exact: true }).click();
        await page.getByRole('heading', { level: 2, name: 'Families who shared a story each quarter, by category', exact: true }).waitFor();
        expect(page.url()).toBe(`${origin()}/patterns`);

        expect(errors).toEqual([]);
        expect(requests.filter((url) => !url.startsWith(`${origin()}/`))).toEqual([]);
      } finally {
        await watched.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test('on a 360 px phone: chart above the table, which scrolls sideways by keyboard; axe clean', async () => {
    const watched = await openPage(browser(), SMALL_PHONE);
    const { page, errors } = watched;
    try {
      await page.goto(`${origin()}/patterns`);
      await waitForHeading(page, 'Patterns');
      await waitForChartDrawn(page);
      await expectTableToMatchApi(page, lastStatsQuery(watched, { area: forum.area }), {});
      expect(await widths(page)).toEqual({ viewport: 360, content: 360 });

      const chartBox = await page.getByRole('main').locator('canvas').boundingBox();
      const region = page.getByRole('region', { name: 'Table of figures', exact: true });
      const tableBox = await region.boundingBox();
      expect(chartBox && tableBox && tableBox.y >= chartBox.y + chartBox.height).toBe(true);

      await expectNoAxeViolations(page, 'the patterns page (360 px phone)');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}patterns-phone.png`, fullPage: true });

      // The table is wider than the phone: it scrolls in its own box, which a keyboard can reach and move.
      const scroll = () => region.evaluate((el) => ({ left: el.scrollLeft, wider: el.scrollWidth > el.clientWidth }));
      expect(await scroll()).toEqual({ left: 0, wider: true });
      await region.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await scroll()).left).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});
