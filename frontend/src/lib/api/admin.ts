// Running the forum: members and their roles (admins), and invites (moderators and admins).

import { request } from './client';
import { parseAccount } from './accounts';
import { asFields, parsed, isCount, isDate, isString, parseId, parseList } from './parse';
import type { Invite, Member, NewInvite, Role } from './types';

export async function listMembers(): Promise<Member[]> {
  return parsed(await request('GET', '/api/v1/admin/members'), (value) => parseList(value, parseMember));
}

export async function changeRole(handle: string, role: Role): Promise<Member> {
  const path = `/api/v1/admin/members/${encodeURIComponent(handle)}/role`;
  return parsed(await request('PUT', path, { body: { role } }), parseMember);
}

export async function listInvites(): Promise<Invite[]> {
  return parsed(await request('GET', '/api/v1/admin/invites'), (value) => parseList(value, parseInvite));
}

export async function createInvite(body: { expires_in_days: number; max_uses: number }): Promise<NewInvite> {
  return parsed(await request('POST', '/api/v1/admin/invites', { body }), parseNewInvite);
}

export async function withdrawInvite(id: string): Promise<void> {
  await request('DELETE', `/api/v1/admin/invites/${encodeURIComponent(id)}`);
}

export function parseMember(value: unknown): Member | null {
  const account = parseAccount(value);
  const joined = asFields(value)?.joined_on;
  return account && isDate(joined) ? { ...account, joined_on: joined } : null;
}

export function parseInvite(value: unknown): Invite | null {
  const v = asFields(value);
  const id = parseId(v?.id);
  if (!v || id === null) return null;
  if (!(v.created_by === null || isString(v.created_by))) return null;
  if (!isDate(v.expires_on) || !isCount(v.max_uses) || !isCount(v.uses)) return null;
  return { id, created_by: v.created_by, expires_on: v.expires_on, max_uses: v.max_uses, uses: v.uses };
}

export function parseNewInvite(value: unknown): NewInvite | null {
  const v = asFields(value);
  const id = parseId(v?.id);
  if (!v || id === null || !isString(v.code) || v.code.length === 0) return null;
  if (!isDate(v.expires_on) || !isCount(v.max_uses) || !isCount(v.uses)) return null;
  return { id, code: v.code, expires_on: v.expires_on, max_uses: v.max_uses, uses: v.uses };
}
