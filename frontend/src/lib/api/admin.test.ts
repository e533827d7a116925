import { afterEach, describe, expect, test, vi } from 'vitest';
import { changeRole, parseInvite, parseMember, parseNewInvite, withdrawInvite } from './admin';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing answers', () => {
  test('a member', () => {
    expect(parseMember({ handle: 'rowan', role: 'moderator', joined_on: '2026-01-02' })).toEqual({
      handle: 'rowan',
      role: 'moderator',
      joined_on: '2026-01-02',
    });
    expect(parseMember({ handle: 'rowan', role: 'moderator' })).toBeNull();
  });

  test('an invite, whose maker may have left, and whose id may be a number or a string', () => {
    const invite = { id: 'inv_1', created_by: 'rowan', expires_on: '2026-12-01', max_uses: 5, uses: 2 };
    expect(parseInvite(invite)).toEqual(invite);
    expect(parseInvite({ ...invite, created_by: null })?.created_by).toBeNull();
    expect(parseInvite({ ...invite, id: 42 })?.id).toBe('42');
    expect(parseInvite({ ...invite, id: '' })).toBeNull();
    expect(parseInvite({ ...invite, uses: 1.5 })).toBeNull();
  });

  test('a new invite carries its code', () => {
    const invite = { id: 7, code: 'KX4P-9QRT', expires_on: '2026-12-01', max_uses: 1, uses: 0 };
    expect(parseNewInvite(invite)).toEqual({ ...invite, id: '7' });
    expect(parseNewInvite({ ...invite, code: '' })).toBeNull();
  });
});

describe('requests', () => {
  test('changing a role puts the handle in the path, escaped, and the role in the body', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      Response.json({ handle: 'rowan', role: 'admin', joined_on: '2026-01-02' }),
    );
    vi.stubGlobal('fetch', fetch);
    await expect(changeRole('rowan', 'admin')).resolves.toEqual({ handle: 'rowan', role: 'admin', joined_on: '2026-01-02' });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/admin/members/rowan/role');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('PUT');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"role":"admin"}');
  });

  test('withdrawing an invite escapes its id', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    await withdrawInvite('a/b');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/admin/invites/a%2Fb');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('DELETE');
  });
});
