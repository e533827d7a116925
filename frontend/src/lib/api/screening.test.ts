import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from './client';
import { messageFor } from './problems';
import { FINDING_KINDS, parseFinding, parseFindings, redact, screen } from './screening';

const PHONE = { kind: 'phone', start: 54, end: 66, text: '07700 900461', confidence: 0.95, replacement: '[phone number]' };

function answer(response: Response) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parsing answers', () => {
  test('a finding', () => {
    expect(parseFinding(PHONE)).toEqual(PHONE);
    expect(parseFindings({ findings: [PHONE] })).toEqual([PHONE]);
    expect(parseFindings({ findings: [] })).toEqual([]);
  });

  test('every kind the server sends, a town among them', () => {
    // An unknown kind spoils the whole answer, so a kind missing here would hide every finding.
    const ludlow = { kind: 'place', start: 27, end: 33, text: 'Ludlow', confidence: 0.8, replacement: '[place]' };
    expect(parseFinding(ludlow)).toEqual(ludlow);
    expect(FINDING_KINDS).toEqual([
      'name', 'school', 'org', 'place', 'address', 'postcode', 'phone', 'email', 'nhs', 'date', 'ref', 'url', 'handle',
    ]);
  });

  test('a finding that breaks the contract spoils the answer', () => {
    expect(parseFinding({ ...PHONE, kind: 'shoe_size' })).toBeNull();
    expect(parseFinding({ ...PHONE, start: -1 })).toBeNull();
    expect(parseFinding({ ...PHONE, end: 54 })).toBeNull();
    expect(parseFinding({ ...PHONE, start: 1.5 })).toBeNull();
    expect(parseFinding({ ...PHONE, confidence: 1.2 })).toBeNull();
    expect(parseFinding({ ...PHONE, confidence: '0.9' })).toBeNull();
    expect(parseFinding({ ...PHONE, replacement: undefined })).toBeNull();
    expect(parseFindings({ findings: [PHONE, { ...PHONE, text: null }] })).toBeNull();
    expect(parseFindings([PHONE])).toBeNull();
  });
});

describe('requests', () => {
  test('screening posts the text and returns the findings', async () => {
    const fetch = answer(Response.json({ findings: [PHONE] }));
    await expect(screen('Ring me on 07700 900461')).resolves.toEqual([PHONE]);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/screening');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"text":"Ring me on 07700 900461"}');
  });

  test('redacting sends only what the server reads of each finding', async () => {
    const fetch = answer(Response.json({ text: 'Ring me on [phone number]' }));
    await expect(redact('Ring me on 07700 900461', [{ ...PHONE, kind: 'phone', start: 11, end: 23 }])).resolves.toBe(
      'Ring me on [phone number]',
    );
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/screening/redact');
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual({
      text: 'Ring me on 07700 900461',
      findings: [{ kind: 'phone', start: 11, end: 23, text: '07700 900461', replacement: '[phone number]' }],
    });
  });

  test('a replacement left out is left out of the request too', async () => {
    const fetch = answer(Response.json({ text: '[name] rang' }));
    await redact('Ann rang', [{ kind: 'name', start: 0, end: 3, text: 'Ann' }]);
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual({
      text: 'Ann rang',
      findings: [{ kind: 'name', start: 0, end: 3, text: 'Ann' }],
    });
  });

  test('a text that is too long is explained', async () => {
    const body = { type: 'about:blank', title: 'Too long', status: 422, code: 'text_too_long' };
    answer(new Response(JSON.stringify(body), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    const error = await screen('x'.repeat(50_001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('text_too_long');
    expect((error as ApiError).message).toBe(messageFor('text_too_long'));
  });

  test('an answer without its text is "unexpected"', async () => {
    answer(Response.json({ cleaned: 'x' }));
    const error = await redact('Ann', []).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unexpected');
  });
});
