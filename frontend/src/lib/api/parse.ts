// Small checks for the server's answers, used by the `parse*` functions: at the edge, an answer
// that breaks the contract becomes `null` (and then an "unexpected" error), never a half-object.

import { ApiError } from './client';
import type { Role } from './types';

export const ROLES: readonly Role[] = ['member', 'moderator', 'admin'];

export type Fields = Record<string, unknown>;

export function asFields(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as the API sends it, YYYY-MM-DD. */
export function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value);
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A moment as the API sends it for admins (RFC 3339, e.g. 2026-11-23T10:00:00Z). */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** Ids may be numbers or strings on the wire; we only ever put them back in a path. */
export function parseId(value: unknown): string | null {
  if (isString(value) && value.length > 0) return value;
  if (isCount(value)) return String(value);
  return null;
}

/** Every item parsed, or `null` if the answer is not a list or any item breaks the contract. */
export function parseList<T>(value: unknown, parseItem: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(value)) return null;
  const items: T[] = [];
  for (const item of value) {
    const parsed = parseItem(item);
    if (parsed === null) return null;
    items.push(parsed);
  }
  return items;
}

/** The answer as `parse` reads it; an answer that breaks the contract is an "unexpected" error. */
export function parsed<T>(value: unknown, parse: (value: unknown) => T | null): T {
  const result = parse(value);
  if (result === null) throw new ApiError('unexpected', 200, null);
  return result;
}
