// Screening: the server finds details in a text that could identify a family (names, schools,
// phone numbers…) and replaces the ones the person chooses. Nothing is signed in or stored:
// the text goes to the server, the findings come back, and that is all.

import { request } from './client';
import { asFields, isCount, isString, parsed, parseList } from './parse';
import type { Finding, FindingKind, Redaction } from './types';

export const FINDING_KINDS: readonly FindingKind[] = [
  'name',
  'school',
  'org',
  'place',
  'address',
  'postcode',
  'phone',
  'email',
  'nhs',
  'date',
  'ref',
  'url',
  'handle',
];

/** Every identifying detail the server finds in `text`, in reading order. */
export async function screen(text: string, signal?: AbortSignal): Promise<Finding[]> {
  const options = signal ? { body: { text }, signal } : { body: { text } };
  return parsed(await request('POST', '/api/v1/screening', options), parseFindings);
}

/** `text` with each of `findings` replaced (by its `replacement`, or its kind's own). */
export async function redact(text: string, findings: readonly Redaction[]): Promise<string> {
  const body = { text, findings: findings.map(redactionBody) };
  return parsed(await request('POST', '/api/v1/screening/redact', { body }), (value) => {
    const cleaned = asFields(value)?.text;
    return isString(cleaned) ? cleaned : null;
  });
}

/** Only the fields the server reads: a `Finding` passed in as it came carries more. */
function redactionBody({ kind, start, end, text, replacement }: Redaction): Redaction {
  return replacement === undefined ? { kind, start, end, text } : { kind, start, end, text, replacement };
}

export function isFindingKind(value: unknown): value is FindingKind {
  return FINDING_KINDS.includes(value as FindingKind);
}

export function parseFinding(value: unknown): Finding | null {
  const v = asFields(value);
  if (!v || !isFindingKind(v.kind) || !isCount(v.start) || !isCount(v.end) || v.end <= v.start) return null;
  if (!isString(v.text) || !isString(v.replacement)) return null;
  if (typeof v.confidence !== 'number' || !(v.confidence >= 0 && v.confidence <= 1)) return null;
  return { kind: v.kind, start: v.start, end: v.end, text: v.text, confidence: v.confidence, replacement: v.replacement };
}

export function parseFindings(value: unknown): Finding[] | null {
  return parseList(asFields(value)?.findings, parseFinding);
}
