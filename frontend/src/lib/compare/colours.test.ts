import { expect, test } from 'vitest';
import {
  bandOf,
  CHOSEN_EDGE,
  contrastRatio,
  HIDDEN_STRIPE,
  hexFill,
  NO_DATA_EDGE,
  NO_DATA_FILL,
  PAGE_BACKGROUND,
  RATE_COLOURS,
  rateBands,
} from './colours';

test('every band stands out from the page and from “no figures” (3:1 at least)', () => {
  for (const colour of RATE_COLOURS) {
    expect(contrastRatio(colour, PAGE_BACKGROUND), colour).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(colour, NO_DATA_FILL), colour).toBeGreaterThanOrEqual(3);
  }
  expect(new Set(RATE_COLOURS).size).toBe(RATE_COLOURS.length);
  for (const edge of [NO_DATA_EDGE, HIDDEN_STRIPE, CHOSEN_EDGE]) expect(contrastRatio(edge, PAGE_BACKGROUND), edge).toBeGreaterThanOrEqual(3);
});

test('neighbouring bands differ in lightness, darker for higher rates', () => {
  const contrasts = RATE_COLOURS.slice(1).map((colour, i) => contrastRatio(colour, PAGE_BACKGROUND) - contrastRatio(RATE_COLOURS[i]!, PAGE_BACKGROUND));
  for (const step of contrasts) expect(step).toBeGreaterThan(1);
});

test('the contrast ratio is WCAG’s', () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
  expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
});

test('five equal bands from 0, as wide as the highest rate needs', () => {
  expect(rateBands([0.3, 0.8]).map((b) => [b.from, b.to, b.label])).toEqual([
    [0, 0.2, 'Under 20%'],
    [0.2, 0.4, '20% to under 40%'],
    [0.4, 0.6, '40% to under 60%'],
    [0.6, 0.8, '60% to under 80%'],
    [0.8, 1, '80% to 100%'],
  ]);
  expect(rateBands([0.5]).at(-1)?.label).toBe('40% to 50%');
  expect(rateBands([0.07, 0.02]).map((b) => b.to)).toEqual([0.02, 0.04, 0.06, 0.08, 0.1]);
  expect(rateBands([0.04]).at(-1)?.to).toBe(0.05);
  expect(rateBands([0]).at(-1)?.to).toBe(0.05);
  expect(rateBands([])).toEqual([]);
  expect(rateBands([0.3]).map((b) => b.colour)).toEqual([...RATE_COLOURS]);
});

test('a rate falls in the band that starts at or below it; the top band includes its end', () => {
  const bands = rateBands([0.3, 0.8]);
  expect(bandOf(0, bands)?.index).toBe(0);
  expect(bandOf(0.2, bands)?.index).toBe(1);
  expect(bandOf(0.29, bands)?.index).toBe(1);
  expect(bandOf(0.6, bands)?.index).toBe(3);
  expect(bandOf(0.8, bands)?.index).toBe(4);
  expect(bandOf(1, bands)?.index).toBe(4);
  expect(bandOf(0.3, [])).toBeNull();
});

test('how each area is drawn', () => {
  const bands = rateBands([0.3, 0.8]);
  expect(hexFill({ status: 'rate', rate: 0.3 }, bands)).toEqual({ kind: 'rate', colour: RATE_COLOURS[1] });
  expect(hexFill({ status: 'suppressed', rate: null }, bands)).toEqual({ kind: 'hidden' });
  expect(hexFill({ status: 'no_data', rate: null }, bands)).toEqual({ kind: 'no-data' });
});
