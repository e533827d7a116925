import { describe, expect, test } from 'vitest';
import type { TagSuggestion } from '../api';
import { countSuggested, matchStrength, quoteEvidence, suggestedGroups } from './suggestions';
import { VOCABULARY } from './test-vocabulary';

const TEXT =
  'After I complained, a social worker came round and wanted to see her bedroom. They also told me I was too emotional.';

/** A suggestion whose offsets are where `evidence` is in TEXT, counted in code points. */
function at(tag: string, score: number, evidence: string, text = TEXT): TagSuggestion {
  const index = text.indexOf(evidence);
  const start = Array.from(text.slice(0, index)).length;
  return { tag, score, evidence, start, end: start + Array.from(evidence).length };
}

const BEDROOM = at('bedroom-inspected', 0.87, 'wanted to see her bedroom');
const EMOTIONAL = at('parent-too-emotional', 0.6, 'told me I was too emotional');

describe('match strength in words, never a number', () => {
  test('0.75 and above is strong', () => {
    expect(matchStrength(1)).toBe('strong match');
    expect(matchStrength(0.75)).toBe('strong match');
    expect(matchStrength(0.7499)).toBe('possible match');
    expect(matchStrength(0)).toBe('possible match');
  });
});

describe('quoting the evidence', () => {
  test('in curly quotes, with an ellipsis where the text goes on', () => {
    expect(quoteEvidence(TEXT, BEDROOM)).toBe('“…wanted to see her bedroom…”');
    const start = at('x', 0.8, 'After I complained');
    expect(quoteEvidence(TEXT, start)).toBe('“After I complained…”');
    const end = at('x', 0.8, 'too emotional.');
    expect(quoteEvidence(TEXT, end)).toBe('“…too emotional.”');
    expect(quoteEvidence('too emotional', at('x', 0.8, 'too emotional', 'too emotional'))).toBe('“too emotional”');
  });

  test('offsets count code points, so an emoji before the evidence does not shift it', () => {
    const text = '😊👍 They wanted to see her bedroom';
    const suggestion = at('bedroom-inspected', 0.9, 'wanted to see her bedroom', text);
    expect(suggestion.start).toBe(8);
    expect(quoteEvidence(text, suggestion)).toBe('“…wanted to see her bedroom”');
  });

  test('when the text has changed since, the evidence is still quoted, as an extract', () => {
    expect(quoteEvidence('Something else entirely', BEDROOM)).toBe('“…wanted to see her bedroom…”');
    expect(quoteEvidence('short', BEDROOM)).toBe('“…wanted to see her bedroom…”');
  });
});

describe('suggestions grouped by category', () => {
  test('under their categories, in the vocabulary’s order, with quote and strength', () => {
    const groups = suggestedGroups(VOCABULARY, TEXT, [BEDROOM, EMOTIONAL, at('no-minutes', 0.5, 'After I complained')]);
    expect(groups.map((g) => [g.category.label, g.items.map((s) => [s.tag.label, s.evidence.quote, s.evidence.strength])])).toEqual([
      ['Meetings and communication', [['No minutes', '“After I complained…”', 'possible match']]],
      [
        'Blame and suspicion',
        [
          ['Bedroom inspected', '“…wanted to see her bedroom…”', 'strong match'],
          ['Parent called too emotional', '“…told me I was too emotional…”', 'possible match'],
        ],
      ],
    ]);
    expect(countSuggested(groups)).toBe(3);
  });

  test('best first within a category, whatever order they came in', () => {
    const groups = suggestedGroups(VOCABULARY, TEXT, [EMOTIONAL, BEDROOM]);
    expect(groups[0]?.items.map((s) => s.tag.id)).toEqual(['bedroom-inspected', 'parent-too-emotional']);
  });

  test('a tag suggested twice is shown once, for its best evidence', () => {
    const again = at('bedroom-inspected', 0.95, 'social worker came round');
    const groups = suggestedGroups(VOCABULARY, TEXT, [BEDROOM, again]);
    expect(groups[0]?.items.map((s) => s.evidence.quote)).toEqual(['“…social worker came round…”']);
  });

  test('tags the vocabulary doesn’t have, or has retired, are left out', () => {
    const groups = suggestedGroups(VOCABULARY, TEXT, [at('no-such-tag', 0.9, 'bedroom'), at('local:old-forms', 0.9, 'bedroom')]);
    expect(groups).toEqual([]);
    expect(countSuggested(groups)).toBe(0);
  });
});
