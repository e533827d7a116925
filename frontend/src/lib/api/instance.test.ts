import { afterEach, expect, test, vi } from 'vitest';
import { ApiError } from './client';
import { getInstance, parseInstance } from './instance';

const testshire = {
  name: 'Testshire Parent Carer Forum',
  description: 'Parents helping parents.',
  area: 'E08000025',
  area_name: 'Birmingham',
  membership: 'open',
  version: '0.1.0',
  source_url: 'https://github.com/commonthread/commonthread',
  quick_exit_url: 'https://www.bbc.co.uk/weather',
  running_since: '2026-11-22',
  reply_moderation: 'pre',
  samples: false,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

test('parses what the server sends', () => {
  expect(parseInstance(testshire)).toEqual(testshire);
  expect(parseInstance({ ...testshire, area_name: null })?.area_name).toBeNull();
  // A forum whose admin has not set the area yet.
  expect(parseInstance({ ...testshire, area: null, area_name: null })).toEqual({
    ...testshire,
    area: null,
    area_name: null,
  });
});

test('whether replies are checked first, and whether there are sample stories', () => {
  expect(parseInstance({ ...testshire, reply_moderation: 'post', samples: true })).toEqual({
    ...testshire,
    reply_moderation: 'post',
    samples: true,
  });
  // A server from before stories does not say: replies are taken to be checked first.
  const { reply_moderation: _moderation, samples: _samples, ...older } = testshire;
  expect(parseInstance(older)).toEqual(testshire);
  expect(parseInstance({ ...testshire, reply_moderation: 'later' })).toBeNull();
  expect(parseInstance({ ...testshire, samples: 'yes' })).toBeNull();
});

test('ignores fields it does not know', () => {
  expect(parseInstance({ ...testshire, extra: 1 })).toEqual(testshire);
});

test('refuses an answer that breaks the contract', () => {
  expect(parseInstance(null)).toBeNull();
  expect(parseInstance({ ...testshire, membership: 'members-only' })).toBeNull();
  const { quick_exit_url: _dropped, ...withoutExit } = testshire;
  expect(parseInstance(withoutExit)).toBeNull();
  expect(parseInstance({ ...testshire, area_name: undefined })).toBeNull();
  expect(parseInstance({ ...testshire, area: 25 })).toBeNull();
});

test('getInstance asks the right path and turns a broken answer into an error', async () => {
  const fetch = vi.fn(async () => Response.json({ name: 'half an answer' }));
  vi.stubGlobal('fetch', fetch);
  const error = await getInstance().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe('unexpected');
  expect(fetch).toHaveBeenCalledWith('/api/v1/instance', expect.objectContaining({ method: 'GET' }));
});
