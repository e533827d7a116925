import { describe, expect, test } from 'vitest';
import type { Finding } from '../api';
import { highlightsOf, segmentsOf, type Segment } from './segments';

function finding(start: number, end: number, text: string, kind: Finding['kind'] = 'name'): Finding {
  return { kind, start, end, text, confidence: 0.9, replacement: `[${kind}]` };
}

/** Segments as [kind, text] pairs, easy to read in an assertion. */
function pairs(segments: Segment[]): [string, string][] {
  return segments.map((segment) => [segment.kind, segment.text]);
}

describe('segmentsOf', () => {
  test('plain text around each finding, in order', () => {
    const text = 'My daughter Maisie has been out of school. Ring me on 07700 900461.';
    const segments = segmentsOf(text, [finding(12, 18, 'Maisie'), finding(54, 66, '07700 900461', 'phone')]);
    expect(pairs(segments)).toEqual([
      ['plain', 'My daughter '],
      ['highlight', 'Maisie'],
      ['plain', ' has been out of school. Ring me on '],
      ['highlight', '07700 900461'],
      ['plain', '.'],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  test('counts code points, so an emoji before a finding does not shift it', () => {
    // 👍 is one code point but two UTF-16 units: 'x'.length === 1, '👍'.length === 2.
    const text = '👍👍 Maisie and 🏫 Oakfield';
    expect(pairs(segmentsOf(text, [finding(3, 9, 'Maisie'), finding(16, 24, 'Oakfield', 'school')]))).toEqual([
      ['plain', '👍👍 '],
      ['highlight', 'Maisie'],
      ['plain', ' and 🏫 '],
      ['highlight', 'Oakfield'],
    ]);
  });

  test('a finding may hold an emoji or other characters beyond the first plane', () => {
    expect(pairs(segmentsOf('a 𝒳𝒴 b', [finding(2, 4, '𝒳𝒴', 'handle')]))).toEqual([
      ['plain', 'a '],
      ['highlight', '𝒳𝒴'],
      ['plain', ' b'],
    ]);
  });

  test('findings at the very start and end, and side by side', () => {
    expect(pairs(segmentsOf('AnnBob', [finding(0, 3, 'Ann'), finding(3, 6, 'Bob')]))).toEqual([
      ['highlight', 'Ann'],
      ['highlight', 'Bob'],
    ]);
  });

  test('sorts findings that came out of order', () => {
    const segments = segmentsOf('Ann and Bob', [finding(8, 11, 'Bob'), finding(0, 3, 'Ann')]);
    expect(highlightsOf(segments).map((h) => h.text)).toEqual(['Ann', 'Bob']);
  });

  test('leaves out findings that do not fit the text', () => {
    const text = 'Ann and Bob';
    // Past the end, overlapping the one before, and words that are not at those offsets.
    const segments = segmentsOf(text, [finding(0, 3, 'Ann'), finding(2, 5, 'n a'), finding(8, 11, 'Bea'), finding(9, 14, 'ob!!!')]);
    expect(pairs(segments)).toEqual([
      ['highlight', 'Ann'],
      ['plain', ' and Bob'],
    ]);
  });

  test('no findings, or no text', () => {
    expect(pairs(segmentsOf('Nothing here', []))).toEqual([['plain', 'Nothing here']]);
    expect(segmentsOf('', [])).toEqual([]);
  });
});

test('highlightsOf keeps each finding with its text', () => {
  const phone = finding(4, 16, '07700 900461', 'phone');
  expect(highlightsOf(segmentsOf('Tel 07700 900461', [phone]))).toEqual([{ kind: 'highlight', text: '07700 900461', finding: phone }]);
});
