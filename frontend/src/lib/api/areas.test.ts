import { afterEach, expect, test, vi } from 'vitest';
import { listAreas, parseArea } from './areas';

const KENT = { code: 'E10000016', name: 'Kent', region: 'South East', hex: { q: 13, r: 8 } };

afterEach(() => {
  vi.unstubAllGlobals();
});

test('an area as the server sends it', () => {
  expect(parseArea(KENT)).toEqual(KENT);
  expect(parseArea({ ...KENT, code: 'Kent' })).toBeNull();
  expect(parseArea({ ...KENT, hex: { q: 1.5, r: 0 } })).toBeNull();
  expect(parseArea({ ...KENT, hex: null })).toBeNull();
});

test('the list of areas', async () => {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => Response.json([KENT]));
  vi.stubGlobal('fetch', fetch);
  await expect(listAreas()).resolves.toEqual([KENT]);
  expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/areas');
});
