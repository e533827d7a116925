// `GET /api/v1/instance`: the forum's name, area and the links every page needs.

import { ApiError, request } from './client';
import type { Instance, Membership, ReplyModeration } from './types';

const MEMBERSHIPS: readonly Membership[] = ['open', 'invite', 'closed'];
const REPLY_MODERATIONS: readonly ReplyModeration[] = ['pre', 'post'];

export async function getInstance(signal?: AbortSignal): Promise<Instance> {
  const body = await request('GET', '/api/v1/instance', signal ? { signal } : {});
  const instance = parseInstance(body);
  if (!instance) throw new ApiError('unexpected', 200, null);
  return instance;
}

/** Checks the server's answer at the edge; `null` when it is not an `Instance`. */
export function parseInstance(value: unknown): Instance | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const strings = ['name', 'description', 'version', 'source_url', 'quick_exit_url', 'running_since'] as const;
  if (!strings.every((key) => typeof v[key] === 'string')) return null;
  const nullableStrings = ['area', 'area_name'] as const;
  if (!nullableStrings.every((key) => v[key] === null || typeof v[key] === 'string')) return null;
  if (!MEMBERSHIPS.includes(v.membership as Membership)) return null;
  // Servers from before stories did not say; "checked first" is the promise that is never wrong.
  const replyModeration = v.reply_moderation ?? 'pre';
  const samples = v.samples ?? false;
  if (!REPLY_MODERATIONS.includes(replyModeration as ReplyModeration) || typeof samples !== 'boolean') return null;
  return {
    name: v.name as string,
    description: v.description as string,
    area: v.area as string | null,
    area_name: v.area_name as string | null,
    membership: v.membership as Membership,
    version: v.version as string,
    source_url: v.source_url as string,
    quick_exit_url: v.quick_exit_url as string,
    running_since: v.running_since as string,
    reply_moderation: replyModeration as ReplyModeration,
    samples,
  };
}
