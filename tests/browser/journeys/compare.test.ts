// Journey: three federated forums (Birmingham, Leeds, Cornwall), as `make demo` sets them up:
// their admins make Birmingham a partner of the other two through the admin API, members share
// stories about two patterns in each area, moderators publish them, and each forum works out
// its figures; the partners send theirs to Birmingham as pattern reports. The figures count
// families (a member is one, counted once however many stories they share), and only quarters
// that have ended are published, 14 days after they end: the stories are dated two quarters
// back, a member each (and one of Birmingham's shares a second). On Birmingham's
// "Compare areas" page, anyone then sees the three areas: in the table (every figure the API's),
// on the hex map (read from the canvas's pixels: exactly three areas coloured, each with its
// rate's colour in the key), recoloured when another tag is chosen, sortable, and the evidence
// downloads as CSV with the rows of the JSON export. On a desktop, printed, and on a 360 px
// phone. Runs on forums of its own with k = 5, so a dozen members an area are enough.

import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { header } from '../support/accounts';
import { ApiSession, joinMembers } from '../support/api-session';
import { expectNoAxeViolations } from '../support/axe';
import { DESKTOP, openPage, PHONE, useChromium, type WatchedPage } from '../support/browser';
import { parseCsv } from '../support/csv';
import { waitForHeading } from '../support/forum-page';
import { createAdmin, refreshStats, startForum, type ForumServer } from '../support/forum-server';
import { domainOf, makePartners, pollUntil } from '../support/partners';
import { monthsOf, quarterBefore, quarterName } from '../support/quarters';

const forum = inject('forum');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } };

const PASSPHRASE = 'correct horse battery staple lantern';
const ADMIN = 'compare_admin';
/** The handle of each story's author: a family each. */
const author = (n: number) => `compare_author_${n + 1}`;
const K = 5;
/** Two quarters before the one under way: over, and published, whatever the day. */
const QUARTER = quarterBefore(2);
const QUARTER_NAME = quarterName(QUARTER);
const MONTHS = monthsOf(QUARTER);
const MINUTES = { id: 'minutes-withheld', label: 'Minutes kept from me' };
const BEDROOM = { id: 'bedroom-inspected', label: 'Bedroom inspected' };
/** The no-figures fill of the map (`NO_DATA_FILL`), as red, green, blue. */
const NO_DATA_RGB = [0xf3, 0xf2, 0xf1];
const JOURNEY_TIMEOUT_MS = 120_000;
const REPORTS_DEADLINE_MS = 60_000;

/**
 * Each area's stories, a family each: how many have only the bedroom tag, only the minutes tag,
 * and both. Each tag counts at least k = 5 families in every area, with other rates in each, so
 * that choosing the other tag moves every area into another band of the key.
 */
const AREAS = [
  { code: 'E08000025', name: 'Birmingham', forum: 'Birmingham Parent Carer Forum', bedroomOnly: 7, minutesOnly: 2, both: 3 },
  { code: 'E08000035', name: 'Leeds', forum: 'Leeds Parent Carer Forum', bedroomOnly: 2, minutesOnly: 5, both: 3 },
  { code: 'E06000052', name: 'Cornwall', forum: 'Cornwall Parent Carer Forum', bedroomOnly: 7, minutesOnly: 3, both: 2 },
] as const;

/** The CSV's columns, in the contract's order (docs/compare-contract.md); the server may add more. */
const CSV_COLUMNS = [
  'record',
  'area_code',
  'area_name',
  'period',
  'measure',
  'tag',
  'tag_label',
  'count',
  'suppressed',
  'rate',
  'rate_low',
  'rate_high',
  'families',
  'unit',
  'forum_domain',
  'forum_name',
  'report_id',
  'vocabulary_version',
  'k',
  'epsilon',
  'updated_at',
  'received_at',
  'quote',
] as const;

const browser = useChromium();
let forums: ForumServer[] = [];

// ---- The API's answer, as the test reads it ----

interface Figure {
  tag: string | null;
  count: number | null;
  suppressed: boolean;
  display: string;
  rate: number | null;
  rate_low: number | null;
  rate_high: number | null;
}

interface CompareAnswer {
  period: string;
  tag: string | null;
  shown_tag: { id: string; label: string } | null;
  sort: string;
  order: string;
  k_values: number[];
  columns: { id: string; label: string }[];
  forums: { domain: string; name: string }[];
  rows: { area: string; area_name: string; forum: string; period: string; unit: string; families: Figure; figures: Figure[] }[];
  map: { area: string; name: string; status: string; rate: number | null }[];
  trends: { area: string; points: { period: string; rate: number | null; forum: string | null }[] }[];
}

function birmingham(): ForumServer {
  const own = forums[0];
  if (!own) throw new Error('the forums for the compare journey did not start');
  return own;
}

/** Orders trend cells by quarter, then area. */
function byKey(a: { period: string; area: string }, b: { period: string; area: string }): number {
  return `${a.period} ${a.area}`.localeCompare(`${b.period} ${b.area}`);
}

async function compareFromApi(query: string): Promise<CompareAnswer> {
  const response = await fetch(`${birmingham().origin}/api/v1/compare${query ? `?${query}` : ''}`);
  if (response.status !== 200) throw new Error(`GET /api/v1/compare?${query} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CompareAnswer;
}

/** The compare request the page made last, as its query string: the test asks the API the same. */
function lastCompareQuery(watched: WatchedPage): string {
  const last = watched.requests.map((url) => new URL(url)).filter((url) => url.pathname === '/api/v1/compare').at(-1);
  if (!last) throw new Error('the page never asked for the comparison');
  return last.searchParams.toString();
}

// ---- Making the forums and their stories ----

/** A story's text: what happened, with no name, place or date in it, so that it may be quoted. */
function storyBody(tags: readonly string[]): string {
  const parts = [];
  if (tags.includes(BEDROOM.id)) parts.push('A social worker asked to look round the bedrooms before anyone explained why they had come.');
  if (tags.includes(MINUTES.id)) parts.push('The notes of the review went to everyone else, and we only saw them after asking three times.');
  return parts.join(' ');
}

/**
 * Writes, submits and has the admin approve one story per entry of `tagSets` in `server`'s area,
 * each by a member of its own (a family each), then `again` more by the first of them, with the
 * tags of their first: the figures count each family once.
 */
async function publishStories(server: ForumServer, area: string, tagSets: readonly (readonly string[])[], again = 0): Promise<void> {
  const authors = await joinMembers(server.origin, tagSets.map((_, n) => author(n)), PASSPHRASE);
  const admin = await ApiSession.signIn(server.origin, ADMIN, PASSPHRASE);
  const stories = [...tagSets.map((tags, n) => ({ n, tags })), ...Array.from({ length: again }, () => ({ n: 0, tags: tagSets[0] ?? [] }))];
  for (const [i, { n, tags }] of stories.entries()) {
    const body = {
      title: `What happened to us, part ${i + 1}`,
      body: storyBody(tags),
      area,
      period: MONTHS[i % MONTHS.length],
      visibility: 'federated',
      consent_count: true,
      consent_quote: i % 4 === 0,
      tags,
    };
    const writer = authors[n];
    if (!writer) throw new Error(`no author ${n}`);
    const { id } = (await writer.call('POST', '/api/v1/stories', body, 201)) as { id: string };
    await writer.call('POST', `/api/v1/stories/${id}/submit`, undefined, 200);
    await admin.call('POST', `/api/v1/moderation/stories/${id}`, { action: 'approve' }, 200);
  }
}

function tagSetsOf(area: (typeof AREAS)[number]): string[][] {
  return [
    ...Array.from({ length: area.bedroomOnly }, () => [BEDROOM.id]),
    ...Array.from({ length: area.minutesOnly }, () => [MINUTES.id]),
    ...Array.from({ length: area.both }, () => [MINUTES.id, BEDROOM.id]),
  ];
}

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  forums = await Promise.all(
    AREAS.map((area) =>
      startForum({
        name: area.forum,
        description: forum.description,
        area: area.code,
        quickExitUrl: forum.exitUrl,
        federationLocal: true,
        statsK: K,
      }),
    ),
  );
  await Promise.all(forums.map((server) => createAdmin(server, ADMIN, PASSPHRASE)));
  const admins = await Promise.all(forums.map((server) => ApiSession.signIn(server.origin, ADMIN, PASSPHRASE)));
  const [a, b, c] = admins;
  if (!a || !b || !c) throw new Error('three admins');
  // Birmingham follows Leeds and Cornwall (and each follows back), while every forum's stories are written.
  await Promise.all([
    makePartners(a, b).then(() => makePartners(a, c)),
    // Birmingham's first family shares a second story about the same: still one family.
    ...forums.map((server, i) => publishStories(server, AREAS[i]!.code, tagSetsOf(AREAS[i]!), i === 0 ? 1 : 0)),
  ]);
  for (const server of forums) await refreshStats(server);
  // The partners' reports reach Birmingham in their own time.
  await pollUntil(`reports from all three areas on Birmingham`, REPORTS_DEADLINE_MS, async () => {
    const answer = await compareFromApi(`period=${QUARTER}`);
    const areas = new Set(answer.rows.map((row) => row.area));
    return AREAS.every((area) => areas.has(area.code)) ? answer : null;
  });
}, 150_000);

afterAll(async () => {
  await Promise.all(forums.map((server) => server.stop()));
});

// ---- What the page shows ----

const squashed = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The text a cell of the table should have for `figure`, as the page words it. */
function expectedCellText(figure: Figure): string {
  if (figure.suppressed || figure.count === null) return `${figure.display}*`;
  const families = figure.count === 1 ? '1 family' : `${figure.count} families`;
  if (figure.rate === null || figure.rate_low === null || figure.rate_high === null) return `${families} no rate: the number of families is hidden`;
  return `${percent(figure.rate)} (${Math.round(figure.rate_low * 100)}–${percent(figure.rate_high)}) ${families}`;
}

/** The page's table, read from the page. */
async function tableOnPage(page: Page) {
  const table = page.locator('table.compare-table');
  await table.waitFor();
  return table.evaluate((el) => ({
    columns: [...el.querySelectorAll('thead th[data-tag]')].map((th) => th.getAttribute('data-tag') ?? ''),
    rows: [...el.querySelectorAll('tbody tr')].map((tr) => ({
      area: tr.getAttribute('data-area') ?? '',
      forum: tr.getAttribute('data-forum') ?? '',
      unit: tr.getAttribute('data-unit') ?? '',
      heading: (tr.querySelector('th[scope="row"]')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      provenance: (tr.querySelector('td.provenance')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      families: (tr.querySelector('td[data-measure="families"]')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      cells: [...tr.querySelectorAll('td[data-tag]')].map((td) => ({
        tag: td.getAttribute('data-tag') ?? '',
        text: (td.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    })),
  }));
}

/**
 * Every row and figure of the page's table equals the API's for the page's own query: the rows
 * in the API's order, each area with its reporting forum and quarter. The columns are the API's,
 * less those in which no area has a figure to show (the page says how many it left out).
 */
async function expectTableToMatchApi(page: Page, watched: WatchedPage): Promise<CompareAnswer> {
  const answer = await compareFromApi(lastCompareQuery(watched));
  const shownColumns = answer.columns.flatMap((column, index) =>
    answer.tag || column.id === answer.shown_tag?.id || answer.rows.some((row) => !row.figures[index]?.suppressed) ? [{ column, index }] : [],
  );
  const table = await tableOnPage(page);
  expect(table.columns).toEqual(shownColumns.map(({ column }) => column.id));
  const leftOut = answer.columns.length - shownColumns.length;
  expect(await page.locator('[data-left-out]').count()).toBe(leftOut > 0 ? 1 : 0);
  if (leftOut > 0) expect(await page.locator('[data-left-out]').getAttribute('data-left-out')).toBe(String(leftOut));
  expect(table.rows.map((row) => [row.area, row.forum])).toEqual(answer.rows.map((row) => [row.area, row.forum]));
  for (const [i, row] of answer.rows.entries()) {
    const shown = table.rows[i]!;
    const forumName = answer.forums.find((f) => f.domain === row.forum)?.name;
    expect(shown.heading.startsWith(row.area_name)).toBe(true);
    // Every report here counts families: none is marked as counting stories.
    expect(row.unit).toBe('family');
    expect(shown.unit).toBe('family');
    expect(shown.provenance).toBe(`${forumName}, ${QUARTER_NAME}`);
    expect(shown.families).toBe(row.families.suppressed ? `${row.families.display}*` : String(row.families.count));
    expect(shown.cells, `the figures of ${row.area_name}`).toEqual(
      shownColumns.map(({ column, index }) => ({ tag: column.id, text: expectedCellText(row.figures[index]!) })),
    );
  }
  return answer;
}

/** The map's key: each band's range and colour, as the page shows them. */
async function keyOnPage(page: Page): Promise<{ from: number; to: number; colour: string }[]> {
  return page.locator('li[data-band]').evaluateAll((items) =>
    items.map((li) => ({
      from: Number(li.getAttribute('data-from')),
      to: Number(li.getAttribute('data-to')),
      colour: li.getAttribute('data-colour') ?? '',
    })),
  );
}

function rgbOf(hex: string): number[] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
}

const sameColour = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - (b[i] ?? -99)) <= 2);

/**
 * The colour of every hexagon on the map, read from the canvas's pixels at the centre the map
 * says it drew each one at (in CSS pixels; the canvas has more pixels on a phone). Waits until
 * the map has been drawn for `tag`.
 */
async function mapPixels(page: Page, tag: string): Promise<Map<string, number[]>> {
  const canvas = page.locator('canvas[data-hex-centres]');
  await canvas.waitFor();
  await page.waitForFunction(
    (drawnFor) => document.querySelector('canvas[data-hex-centres]')?.getAttribute('data-drawn-for')?.startsWith(drawnFor) ?? false,
    `${QUARTER} ${tag} `,
  );
  const pixels = await canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const scale = c.width / c.getBoundingClientRect().width;
    const centres = JSON.parse(c.getAttribute('data-hex-centres') ?? '{}') as Record<string, [number, number]>;
    const ctx = c.getContext('2d');
    return Object.entries(centres).map(([code, [x, y]]) => [code, [...(ctx?.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data ?? [])]] as const);
  });
  return new Map(pixels.map(([code, rgba]) => [code, rgba.slice(0, 3)]));
}

/**
 * Exactly the three areas are coloured on the map, each in its rate's colour in the key; all the
 * others have the pale no-figures fill. Returns the three colours.
 */
async function expectMapToShowRates(page: Page, tag: string): Promise<Map<string, number[]>> {
  const answer = await compareFromApi(`period=${QUARTER}&tag=${tag}`);
  const pixels = await mapPixels(page, tag);
  expect(pixels.size).toBe(answer.map.length);
  const coloured = [...pixels].filter(([, rgb]) => !sameColour(rgb, NO_DATA_RGB));
  expect(coloured.map(([code]) => code).sort()).toEqual(AREAS.map((a) => a.code).sort());
  const key = await keyOnPage(page);
  expect(key).toHaveLength(5);
  const colours = new Map<string, number[]>();
  for (const area of AREAS) {
    const rate = answer.map.find((m) => m.area === area.code)?.rate;
    if (typeof rate !== 'number') throw new Error(`no rate for ${area.name} on the map`);
    const band = key.find((b, i) => rate >= b.from && (rate < b.to || i === key.length - 1));
    const rgb = pixels.get(area.code) ?? [];
    expect(rgb, `${area.name}'s colour for a rate of ${rate}`).toSatisfy((seen: number[]) => sameColour(seen, rgbOf(band?.colour ?? '#000000')));
    colours.set(area.code, rgb);
  }
  return colours;
}

/** True when the map's pixel just inside the top corner of `code`'s hexagon is near black: the chosen area's edge. */
async function edgeIsDark(page: Page, code: string): Promise<boolean> {
  return page.locator('canvas[data-hex-centres]').evaluate((el, area) => {
    const c = el as HTMLCanvasElement;
    const scale = c.width / c.getBoundingClientRect().width;
    const [x, y] = (JSON.parse(c.getAttribute('data-hex-centres') ?? '{}') as Record<string, [number, number]>)[area] ?? [0, 0];
    // The hexagons fill 0.9 of the grid's spacing; the chosen edge is drawn at the full spacing.
    const spacing = Number(c.getAttribute('data-hex-radius')) / 0.9;
    const [r = 255, g = 255, b = 255] = c.getContext('2d')?.getImageData(Math.round(x * scale), Math.round((y - spacing + 1) * scale), 1, 1).data ?? [];
    return Math.max(r, g, b) < 70;
  }, code);
}

async function chooseAndShow(page: Page, label: 'Quarter' | 'Category' | 'Tag' | 'Sort the table by', option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
  await page.getByRole('button', { name: 'Show figures', exact: true }).click();
}

describe('compare areas', () => {
  test(
    'the table, the map and the evidence show the three forums’ figures, every one the API’s',
    async () => {
      const origin = birmingham().origin;
      const watched = await openPage(browser(), DESKTOP);
      const { page, errors, requests } = watched;
      try {
        await page.goto(`${origin}/`);
        await waitForHeading(page, AREAS[0].forum);
        await header(page).getByRole('link', { name: 'Compare areas', exact: true }).click();
        await waitForHeading(page, 'Compare areas');
        expect(page.url()).toBe(`${origin}/compare`);
        expect(await header(page).getByRole('link', { name: 'Compare areas', exact: true }).getAttribute('aria-current')).toBe('page');
        await page.getByRole('heading', { level: 2, name: `Figures by area, ${QUARTER_NAME}`, exact: true }).waitFor();

        // The table: a row per area, each with its forum, every figure the API's.
        const first = await expectTableToMatchApi(page, watched);
        expect(first.period).toBe(QUARTER);
        expect(first.k_values).toEqual([K]);
        expect(first.shown_tag?.id).toBe(MINUTES.id);
        expect(first.rows.map((row) => row.area_name)).toEqual(['Birmingham', 'Cornwall', 'Leeds']);
        expect(first.rows.map((row) => row.forum)).toEqual([forums[0], forums[2], forums[1]].map((s) => domainOf(s!)));
        // Families, not stories: Birmingham's family with two stories is counted once.
        for (const area of AREAS) {
          const row = first.rows.find((r) => r.area === area.code);
          expect(row?.families.count).toBe(area.bedroomOnly + area.minutesOnly + area.both);
          expect(row?.figures.find((f) => f.tag === BEDROOM.id)?.count).toBe(area.bedroomOnly + area.both);
        }
        const text = squashed(await page.getByRole('main').textContent());
        expect(text).toContain('How often each pattern comes up among the families who shared a story in different areas of England');
        expect(text).toContain('Figures are shown only for quarters that have ended.');
        expect(text).not.toContain('so far');

        // The map: exactly the three areas coloured, each its rate's colour in the key.
        const minutesColours = await expectMapToShowRates(page, MINUTES.id);
        expect(await page.getByRole('img', { name: /^Hex map of England’s 153 local authorities/ }).getAttribute('aria-label')).toContain(
          '3 areas with a rate, 0 areas with hidden figures, 150 areas with no figures',
        );
        const key = squashed(await page.locator('.legend').textContent());
        expect(key).toContain('Striped: figures hidden, to protect families');
        expect(key).toContain('Pale grey: no figures from this forum or its partners');

        // The picker outlines an area and shows its figures beside the map; by keyboard alone:
        // focus it and type the area's name.
        await page.getByLabel('Area', { exact: true }).focus();
        await page.keyboard.type('Leeds');
        const figures = page.locator('.area-figures[data-area="E08000035"]');
        await figures.waitFor();
        expect(squashed(await figures.textContent())).toContain(
          '80% of the families who shared a story in Leeds shared one with the tag “Minutes kept from me”',
        );
        expect(squashed(await figures.textContent())).toContain(`Reported by ${AREAS[1].forum}`);
        await page.waitForFunction(() => document.querySelector('canvas[data-hex-centres]')?.getAttribute('data-drawn-for')?.endsWith('E08000035'));
        await expectMapToShowRates(page, MINUTES.id);
        // Leeds has the chosen area's thick dark edge; Birmingham does not any more.
        expect(await edgeIsDark(page, 'E08000035')).toBe(true);
        expect(await edgeIsDark(page, 'E08000025')).toBe(false);

        // The trends: a line and a column for each of the three areas; one can be taken out.
        expect(await page.locator('canvas[data-lines]').getAttribute('data-lines')).toBe('3');
        expect(await page.locator('table.trend-table thead th').allTextContents()).toEqual(['Quarter', 'Birmingham', 'Cornwall', 'Leeds']);
        // Each trend cell is the API's rate, with the forum that reported it.
        const trendAnswer = await compareFromApi(lastCompareQuery(watched));
        const trendCells = await page.locator('table.trend-table tbody td').evaluateAll((cells) =>
          cells.map((cell) => ({
            period: cell.closest('tr')?.getAttribute('data-period') ?? '',
            area: cell.getAttribute('data-area') ?? '',
            rate: cell.getAttribute('data-rate'),
            forum: cell.getAttribute('data-forum'),
            text: cell.textContent ?? '',
          })),
        );
        const expectedCells = trendAnswer.trends.flatMap((series) =>
          series.points.map((point) => ({ period: point.period, area: series.area, rate: point.rate === null ? null : String(point.rate), forum: point.forum })),
        );
        expect(trendCells.map(({ text: _text, ...cell }) => cell).sort(byKey)).toEqual(expectedCells.sort(byKey));
        for (const cell of trendCells.filter((c) => c.forum)) {
          const name = trendAnswer.forums.find((forum) => forum.domain === cell.forum)?.name ?? '';
          expect(cell.text).toContain(name);
        }
        expect(trendCells.filter((c) => c.rate !== null).length).toBeGreaterThanOrEqual(3);

        await expectNoAxeViolations(page, 'the compare page');
        await page.screenshot({ path: `${SCREENSHOTS}compare-desktop.png`, fullPage: true });

        await page.getByRole('button', { name: 'Take out Cornwall', exact: true }).click();
        await page.waitForURL(`${origin}/compare?areas=E08000025%2CE08000035`);
        await page.locator('table.trend-table thead th', { hasText: 'Cornwall' }).waitFor({ state: 'detached' });
        expect(await page.locator('table.trend-table thead th').allTextContents()).toEqual(['Quarter', 'Birmingham', 'Leeds']);
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Areas in the trends');
        await page.getByLabel('Add an area', { exact: true }).selectOption({ label: 'Cornwall' });
        await page.getByRole('button', { name: 'Add to the trends', exact: true }).click();
        await page.waitForURL(`${origin}/compare?areas=E08000025%2CE08000035%2CE06000052`);
        await page.locator('table.trend-table thead th', { hasText: 'Cornwall' }).waitFor();

        // Another tag: the map is coloured afresh, every area in the new rate's band.
        await chooseAndShow(page, 'Tag', BEDROOM.label);
        await page.waitForURL(`${origin}/compare?tag=${BEDROOM.id}&areas=E08000025%2CE08000035%2CE06000052`);
        await page.getByRole('heading', { level: 2, name: `Map of “${BEDROOM.label}”, ${QUARTER_NAME}`, exact: true }).waitFor();
        const bedroomColours = await expectMapToShowRates(page, BEDROOM.id);
        for (const area of AREAS) {
          expect(sameColour(bedroomColours.get(area.code) ?? [], minutesColours.get(area.code) ?? []), `${area.name} recoloured`).toBe(false);
        }
        const byTag = await expectTableToMatchApi(page, watched);
        expect(byTag.columns.map((c) => c.id)).toEqual([BEDROOM.id]);

        // Sorting by a column's button: the API's order, said by the header.
        await page.getByRole('button', { name: 'Families who shared a story', exact: true }).click();
        await page.waitForURL(`${origin}/compare?tag=${BEDROOM.id}&areas=E08000025%2CE08000035%2CE06000052&sort=families`);
        await page.locator('th[aria-sort="descending"]', { hasText: 'Families who shared a story' }).waitFor();
        await page.getByRole('status').filter({ hasText: 'sorted by families who shared a story, most first' }).waitFor();
        const sorted = await expectTableToMatchApi(page, watched);
        expect(sorted.sort).toBe('families');
        expect(sorted.rows.map((row) => row.area_name).at(-1)).toBe('Leeds');
        // The button keeps focus: sorting is no page change.
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Families who shared a story');
        const byRate = page.getByRole('button', { name: BEDROOM.label, exact: true });
        await byRate.click();
        await page.waitForURL(`${origin}/compare?tag=${BEDROOM.id}&areas=E08000025%2CE08000035%2CE06000052&sort=rate`);
        await page.getByRole('status').filter({ hasText: `sorted by the share with “${BEDROOM.label}”, highest first` }).waitFor();
        expect((await expectTableToMatchApi(page, watched)).rows.map((row) => row.area_name)).toEqual(['Birmingham', 'Cornwall', 'Leeds']);
        await byRate.click();
        await page.waitForURL(`${origin}/compare?tag=${BEDROOM.id}&areas=E08000025%2CE08000035%2CE06000052&sort=rate&order=asc`);
        await page.locator('th[aria-sort="ascending"]', { hasText: BEDROOM.label }).waitFor();
        await page.getByRole('status').filter({ hasText: 'lowest first' }).waitFor();
        expect((await expectTableToMatchApi(page, watched)).rows.map((row) => row.area_name)).toEqual(['Leeds', 'Cornwall', 'Birmingham']);
        await expectNoAxeViolations(page, 'the compare page, one tag, sorted by rate');

        // The evidence, as CSV: the JSON export's rows, every one with its provenance.
        const link = page.getByRole('link', { name: 'Download the evidence as a spreadsheet (CSV)', exact: true });
        const query = new URL(await link.getAttribute('href') ?? '', origin).search;
        expect(query).toBe(`?${lastCompareQuery(watched)}`);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toMatch(/^evidence-localhost_?\d*.*\.csv$/);
        const csv = parseCsv(await readFile(await download.path(), 'utf8'));
        const csvHeader = csv[0] ?? [];
        expect(new Set(csvHeader).size).toBe(csvHeader.length);
        expect(csvHeader.filter((name) => (CSV_COLUMNS as readonly string[]).includes(name))).toEqual([...CSV_COLUMNS]);
        const json = (await (await fetch(`${origin}/api/v1/evidence.json${query}`)).json()) as {
          figures: Record<string, unknown>[];
          quotes: Record<string, unknown>[];
        };
        expectCsvToMatchJson(csv, json);
        expect(json.figures.length).toBeGreaterThan(0);
        expect(json.figures.every((f) => typeof f.report_id === 'string' && typeof f.forum_domain === 'string' && f.k === K)).toBe(true);
        // Every figure counts families: the families' own figures and each tag's.
        expect(json.figures.every((f) => f.unit === 'family' && 'families' in f && !('stories' in f))).toBe(true);
        expect(new Set(json.figures.map((f) => f.measure))).toEqual(new Set(['families', 'tag']));
        expect(csvHeader).not.toContain('stories');

        // Printed: a summary, without anything to press.
        await page.emulateMedia({ media: 'print' });
        for (const hidden of ['.quick-exit', '.site-header', '.compare-filters', '#map-area', '.trend-areas']) {
          expect(await page.locator(hidden).first().isVisible(), `${hidden} on paper`).toBe(false);
        }
        expect(await page.getByRole('link', { name: 'Download the evidence as a spreadsheet (CSV)' }).isVisible()).toBe(false);
        for (const shown of ['table.compare-table', '#compare-footnote', '#method-title']) {
          expect(await page.locator(shown).isVisible(), `${shown} on paper`).toBe(true);
        }
        await page.screenshot({ path: `${SCREENSHOTS}compare-print.png`, fullPage: true });
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        expect(sheets, 'printed sheets').toBeGreaterThanOrEqual(1);
        expect(sheets, 'printed sheets').toBeLessThanOrEqual(2);
        await page.emulateMedia({ media: 'screen' });

        expect(errors).toEqual([]);
        expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
      } finally {
        await watched.close();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  test('on a 360 px phone: the map, the table that scrolls in its box, axe clean', async () => {
    const watched = await openPage(browser(), SMALL_PHONE);
    const { page, errors } = watched;
    try {
      await page.goto(`${birmingham().origin}/compare`);
      await waitForHeading(page, 'Compare areas');
      await expectTableToMatchApi(page, watched);
      await expectMapToShowRates(page, MINUTES.id);
      expect(await page.evaluate(() => ({ viewport: window.innerWidth, content: document.documentElement.scrollWidth }))).toEqual({
        viewport: 360,
        content: 360,
      });
      const region = page.getByRole('region', { name: 'Figures by area', exact: true });
      expect(await region.getAttribute('tabindex')).toBe('0');
      await expectNoAxeViolations(page, 'the compare page (360 px phone)');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}compare-phone.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});

/**
 * The CSV has one row per figure and per quote of the JSON export, in the same order, with the
 * same values (numbers as numbers, null as an empty field).
 */
function expectCsvToMatchJson(csv: string[][], json: { figures: Record<string, unknown>[]; quotes: Record<string, unknown>[] }): void {
  const columns = csv[0] ?? [];
  const rows = csv.slice(1).filter((row) => row.length > 1);
  const figureRows = rows.filter((row) => row[0] === 'figure');
  const quoteRows = rows.filter((row) => row[0] === 'quote');
  expect(figureRows).toHaveLength(json.figures.length);
  expect(quoteRows).toHaveLength(json.quotes.length);
  expect(rows).toHaveLength(json.figures.length + json.quotes.length);
  for (const [i, figure] of json.figures.entries()) {
    const row = figureRows[i]!;
    expect(row).toHaveLength(columns.length);
    for (const [c, name] of columns.entries()) {
      if (!(name in figure)) continue;
      const value = figure[name];
      const cell = row[c] ?? '';
      if (value === null) expect(cell, `${name} of figure ${i}`).toBe('');
      else if (typeof value === 'number') expect(Number(cell), `${name} of figure ${i}`).toBeCloseTo(value, 9);
      else expect(cell, `${name} of figure ${i}`).toBe(String(value));
    }
  }
  for (const [i, quote] of json.quotes.entries()) {
    const row = quoteRows[i]!;
    const cell = (name: string) => row[columns.indexOf(name)];
    expect(cell('quote')).toBe(quote.text);
    expect(cell('area_code')).toBe(quote.area_code);
    expect(cell('period')).toBe(quote.period);
    expect(cell('forum_domain')).toBe(quote.forum_domain);
    expect(cell('report_id')).toBe(quote.report_id);
  }
}
