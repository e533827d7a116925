// A comparison for the tests beside this code and the API's: July to September 2026, as this
// forum (Birmingham) and one partner (Leeds) reported it, with two tags; Cornwall's figures are
// hidden and Hartlepool has none. Built fresh for each test, so a test may change its copy.

import type { CompareFigure, Comparison, MapArea, TrendPoint } from '../api/compare';

/** A shown figure, with a rate when `of` (the families counted) is given. */
export function shown(tag: string | null, count: number, of?: number): CompareFigure {
  if (of === undefined) return { tag, count, suppressed: false, display: String(count), rate: null, rate_low: null, rate_high: null };
  const rate = count / of;
  return {
    tag,
    count,
    suppressed: false,
    display: String(count),
    rate,
    rate_low: Math.max(0, rate - 0.25),
    rate_high: Math.min(1, rate + 0.15),
  };
}

export function hidden(tag: string | null, k = 10): CompareFigure {
  return { tag, count: null, suppressed: true, display: `fewer than ${k}`, rate: null, rate_low: null, rate_high: null };
}

const NOWHERE = { status: 'no_data', rate: null, rate_low: null, rate_high: null, count: null, families: null, forum: null, report_id: null, unit: null } as const;

function mapArea(area: string, name: string, region: string, hex_q: number, hex_r: number, figures: Partial<MapArea> = {}): MapArea {
  return { area, name, region, hex_q, hex_r, ...NOWHERE, ...figures };
}

function point(period: string, figures: Partial<TrendPoint> = {}): TrendPoint {
  return { period, k: null, ...NOWHERE, ...figures };
}

const BIRMINGHAM_REPORT = 'http://localhost:8081/ap/reports/E08000025/2026Q3';
const LEEDS_REPORT = 'http://localhost:8082/ap/reports/E08000035/2026Q3';

export function comparison(): Comparison {
  return {
    period: '2026Q3',
    from: '2026Q2',
    to: '2026Q3',
    periods: ['2026Q3', '2026Q2'],
    tag: null,
    category: null,
    shown_tag: { id: 'minutes-withheld', label: 'Minutes kept from me', category: 'meetings' },
    sort: 'area',
    order: 'asc',
    k_values: [10],
    columns: [
      { id: 'minutes-withheld', label: 'Minutes kept from me', category: 'meetings' },
      { id: 'bedroom-inspected', label: 'Bedroom inspected', category: 'blame' },
    ],
    categories: [
      { id: 'meetings', label: 'Meetings and communication' },
      { id: 'blame', label: 'Parent blame and safeguarding' },
    ],
    forums: [
      { domain: 'localhost:8081', name: 'Birmingham Parent Carer Forum', url: 'http://localhost:8081', local: true },
      { domain: 'localhost:8082', name: 'Leeds Parent Carer Forum', url: 'http://localhost:8082', local: false },
    ],
    rows: [
      {
        area: 'E08000025',
        area_name: 'Birmingham',
        region: 'West Midlands',
        period: '2026Q3',
        complete: true,
        forum: 'localhost:8081',
        report_id: BIRMINGHAM_REPORT,
        k: 10,
        vocabulary_version: 1,
        epsilon: null,
        updated_at: '2026-11-23T10:00:00Z',
        received_at: '2026-11-23T10:00:00Z',
        unit: 'family',
        families: shown(null, 40),
        figures: [shown('minutes-withheld', 12, 40), shown('bedroom-inspected', 30, 40)],
      },
      {
        area: 'E08000035',
        area_name: 'Leeds',
        region: 'Yorkshire and The Humber',
        period: '2026Q3',
        complete: null,
        forum: 'localhost:8082',
        report_id: LEEDS_REPORT,
        k: 10,
        vocabulary_version: 1,
        epsilon: null,
        updated_at: '2026-11-22T09:00:00Z',
        received_at: '2026-11-22T09:00:05Z',
        unit: 'family',
        families: shown(null, 25),
        figures: [shown('minutes-withheld', 20, 25), hidden('bedroom-inspected')],
      },
    ],
    map: [
      mapArea('E06000001', 'Hartlepool', 'North East', 8, 23),
      mapArea('E06000052', 'Cornwall', 'South West', 0, 6, { status: 'suppressed', families: 14, forum: 'localhost:8082', report_id: 'http://localhost:8082/ap/reports/E06000052/2026Q3', unit: 'family' }),
      mapArea('E08000025', 'Birmingham', 'West Midlands', 6, 13, {
        status: 'rate',
        rate: 0.3,
        rate_low: 0.05,
        rate_high: 0.45,
        count: 12,
        families: 40,
        forum: 'localhost:8081',
        report_id: BIRMINGHAM_REPORT, unit: 'family',
      }),
      mapArea('E08000035', 'Leeds', 'Yorkshire and The Humber', 7, 18, {
        status: 'rate',
        rate: 0.8,
        rate_low: 0.55,
        rate_high: 0.95,
        count: 20,
        families: 25,
        forum: 'localhost:8082',
        report_id: LEEDS_REPORT, unit: 'family',
      }),
    ],
    trends: [
      {
        area: 'E08000025',
        area_name: 'Birmingham',
        points: [
          point('2026Q2'),
          point('2026Q3', { status: 'rate', rate: 0.3, rate_low: 0.05, rate_high: 0.45, count: 12, families: 40, forum: 'localhost:8081', report_id: BIRMINGHAM_REPORT, unit: 'family', k: 10 }),
        ],
      },
      {
        area: 'E08000035',
        area_name: 'Leeds',
        points: [
          point('2026Q2', { status: 'suppressed', families: 14, forum: 'localhost:8082', report_id: 'http://localhost:8082/ap/reports/E08000035/2026Q2', unit: 'family', k: 10 }),
          point('2026Q3', { status: 'rate', rate: 0.8, rate_low: 0.55, rate_high: 0.95, count: 20, families: 25, forum: 'localhost:8082', report_id: LEEDS_REPORT, unit: 'family', k: 10 }),
        ],
      },
    ],
    suppression: 'A figure below k is hidden, and so is any figure that would let one be worked out.',
    method: 'A rate is the share of the families counted in an area and quarter whose stories carry the tag, with its 95% Wilson interval.',
  };
}
