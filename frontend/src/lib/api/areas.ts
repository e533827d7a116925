// `GET /api/v1/areas`: England's upper-tier local authorities, for choosing where a story
// happened and for narrowing the feed.

import { request } from './client';
import { asFields, isString, parsed, parseList } from './parse';

/** A local authority. */
export interface Area {
  /** ONS GSS code, e.g. `E08000025`. */
  code: string;
  name: string;
  region: string;
  /** Column and row on the hex map (odd-r; r grows northwards). */
  hex: { q: number; r: number };
}

const GSS_CODE = /^[EKNSW]\d{8}$/;

/** Every area, ordered by code. */
export async function listAreas(signal?: AbortSignal): Promise<Area[]> {
  return parsed(await request('GET', '/api/v1/areas', signal ? { signal } : {}), (value) => parseList(value, parseArea));
}

export function parseArea(value: unknown): Area | null {
  const v = asFields(value);
  const hex = asFields(v?.hex);
  if (!v || !hex || !isString(v.code) || !GSS_CODE.test(v.code) || !isString(v.name) || !isString(v.region)) return null;
  if (!Number.isInteger(hex.q) || !Number.isInteger(hex.r)) return null;
  return { code: v.code, name: v.name, region: v.region, hex: { q: hex.q as number, r: hex.r as number } };
}
