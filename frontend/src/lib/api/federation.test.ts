import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from './client';
import { answer, problem, sent } from './fake-fetch';
import {
  approvePartner,
  blockDomain,
  declinePartner,
  endPartnership,
  followForum,
  getFederation,
  parseFederationOverview,
  parsePartner,
  setFederationMode,
  unblockDomain,
} from './federation';

const PARTNER = {
  id: 3,
  domain: '127.0.0.1:8082',
  address: 'forum@127.0.0.1:8082',
  name: 'Sheffield Parent Carer Forum',
  actor: 'http://127.0.0.1:8082/actor',
  state: 'requested',
  unreachable_since: null,
  pending_deliveries: 0,
  since: '2026-11-23T09:00:00Z',
};

const OVERVIEW = {
  mode: 'allowlist',
  address: 'forum@127.0.0.1:8081',
  actor: 'http://127.0.0.1:8081/actor',
  partners: [PARTNER],
  blocked: ['bad.example'],
  queue: { pending: 12 },
  refused: { blocked: 2 },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing answers', () => {
  test('a partner, whose id is only ever put back in a path', () => {
    expect(parsePartner(PARTNER)).toEqual({ ...PARTNER, id: '3' });
    expect(parsePartner({ ...PARTNER, name: null })?.name).toBeNull();
    expect(parsePartner({ ...PARTNER, name: '' })?.name).toBeNull();
    const unreachable = { ...PARTNER, state: 'partner', unreachable_since: '2026-11-23T10:00:00Z', pending_deliveries: 4 };
    expect(parsePartner(unreachable)).toEqual({ ...unreachable, id: '3' });
    expect(parsePartner({ ...PARTNER, since: '2026-11-23T09:00:00.123+01:00' })?.since).toBe('2026-11-23T09:00:00.123+01:00');
  });

  test('anything off the contract spoils a partner', () => {
    for (const broken of [
      { id: -1 },
      { id: '' },
      { domain: '' },
      { address: null },
      { actor: 3 },
      { name: 7 },
      { state: 'following' },
      { unreachable_since: 'yesterday' },
      { unreachable_since: '2026-11-23' },
      { since: null },
      { since: '2026-13-45T99:00:00Z' },
      { pending_deliveries: -1 },
      { pending_deliveries: 1.5 },
    ]) {
      expect(parsePartner({ ...PARTNER, ...broken }), JSON.stringify(broken)).toBeNull();
    }
  });

  test('the overview', () => {
    // The counts of refused activities are not shown, so they are not kept.
    expect(parseFederationOverview(OVERVIEW)).toEqual({
      mode: 'allowlist',
      address: OVERVIEW.address,
      actor: OVERVIEW.actor,
      partners: [{ ...PARTNER, id: '3' }],
      blocked: ['bad.example'],
      queue: { pending: 12 },
    });
    expect(parseFederationOverview({ ...OVERVIEW, mode: 'open', partners: [], blocked: [] })?.mode).toBe('open');
    for (const broken of [
      { mode: 'closed' },
      { address: '' },
      { partners: [{ ...PARTNER, state: 'x' }] },
      { blocked: [''] },
      { blocked: 'bad.example' },
      { queue: 12 },
      { queue: { pending: -1 } },
    ]) {
      expect(parseFederationOverview({ ...OVERVIEW, ...broken }), JSON.stringify(broken)).toBeNull();
    }
  });
});

describe('requests', () => {
  test('the overview, and changing who may follow', async () => {
    let fetch = answer(Response.json(OVERVIEW));
    expect((await getFederation()).queue.pending).toBe(12);
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/partners', method: 'GET', body: undefined });

    fetch = answer(Response.json({ ...OVERVIEW, mode: 'open' }));
    expect((await setFederationMode('open')).mode).toBe('open');
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/federation', method: 'PUT', body: { mode: 'open' } });
  });

  test('following a forum by its address', async () => {
    const fetch = answer(Response.json({ ...PARTNER, state: 'pending' }, { status: 201 }));
    expect((await followForum('forum@127.0.0.1:8082')).state).toBe('pending');
    expect(sent(fetch)).toEqual({
      path: '/api/v1/admin/partners',
      method: 'POST',
      body: { address: 'forum@127.0.0.1:8082' },
    });
  });

  test.each([
    [422, 'partner_not_found', 'We couldn’t find a forum at that address. Check it with the other forum’s admin, then try again.'],
    [409, 'blocked', 'That forum is blocked. Unblock it first if you want to follow it.'],
    [409, 'already_partner', 'That forum is already in your list of partner forums, or waiting in it.'],
  ])('a refusal (%i %s) is said in plain English', async (status, code, message) => {
    answer(problem(status, code));
    const error = await followForum('forum@elsewhere.example').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).message).toBe(message);
  });

  test('approving, declining and ending put the domain in the path, escaped', async () => {
    let fetch = answer(Response.json({ ...PARTNER, state: 'partner' }));
    expect((await approvePartner('127.0.0.1:8082')).state).toBe('partner');
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/partners/127.0.0.1%3A8082/approve', method: 'POST', body: undefined });

    fetch = answer(new Response(null, { status: 204 }));
    await declinePartner('sheffield.example');
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/partners/sheffield.example/decline', method: 'POST', body: undefined });

    fetch = answer(new Response(null, { status: 204 }));
    await endPartnership('a/b');
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/partners/a%2Fb', method: 'DELETE', body: undefined });
  });

  test('blocking (201, with or without a body) and unblocking, the domain escaped in the path', async () => {
    let fetch = answer(new Response(null, { status: 201 }));
    await expect(blockDomain('bad.example')).resolves.toBeUndefined();
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/partners/bad.example/block', method: 'POST', body: undefined });

    answer(Response.json({ domain: 'bad.example' }, { status: 201 }));
    await expect(blockDomain('bad.example')).resolves.toBeUndefined();

    fetch = answer(new Response(null, { status: 204 }));
    await unblockDomain('127.0.0.1:8082');
    expect(sent(fetch)).toEqual({ path: '/api/v1/admin/partners/127.0.0.1%3A8082/block', method: 'DELETE', body: undefined });
  });
});
