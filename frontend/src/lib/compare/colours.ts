// The map's colours: five bands of rate, from a teal to a deep purple (the darker end of
// viridis, which people with the common colour-vision differences can still tell apart by
// lightness). Every band's colour has at least 3:1 contrast with the white page and with the
// pale grey of "no figures" (WCAG 1.4.11), so a coloured area never fades into either. Hidden
// figures are hatched, not coloured: they differ by pattern as well as by colour (WCAG 1.4.1).
// The bands are equal steps from 0, as wide as needed for the highest rate on the map (10%,
// 20%… a step), so that a rare pattern still shows differences and the legend stays round.

import type { AreaStatus } from '../api/compare';

/** Lowest band first. */
export const RATE_COLOURS = ['#1e9b8a', '#2a788e', '#39568c', '#472d7b', '#440154'] as const;

export const PAGE_BACKGROUND = '#ffffff';
/** No report covers the area: the app's pale panel grey, edged darker so the outline of England stays visible. */
export const NO_DATA_FILL = '#f3f2f1';
export const NO_DATA_EDGE = '#6f777b';
/** A report covers the area, but the rate is hidden: dark stripes on white. */
export const HIDDEN_FILL = '#ffffff';
export const HIDDEN_STRIPE = '#505a5f';
/** The area chosen in the picker: a thick dark edge, seen on every fill. */
export const CHOSEN_EDGE = '#0b0c0c';

/** Band widths in percentage points, smallest first: five bands of one of these cover 0 to the highest rate. */
const STEPS = [1, 2, 5, 10, 20] as const;

export interface RateBand {
  /** 0 for the lowest. */
  index: number;
  /** Shares, 0 to 1: a rate is in the band from `from` up to (not including) `to`; the top band includes `to`. */
  from: number;
  to: number;
  colour: string;
  /** "10% to under 20%"; the top band "80% to 100%". */
  label: string;
}

/** A share in whole hundredths of a percent, so that 0.29 × 100 is 29, not 28.999…. */
function percentOf(share: number): number {
  return Math.round(share * 10_000) / 100;
}

/** The five bands for the rates on the map; none when there are no rates. */
export function rateBands(rates: readonly number[]): RateBand[] {
  if (rates.length === 0) return [];
  const highest = Math.max(...rates.map(percentOf));
  const step = STEPS.find((s) => s * RATE_COLOURS.length >= highest) ?? 20;
  return RATE_COLOURS.map((colour, index) => {
    const from = index * step;
    const to = (index + 1) * step;
    const top = index === RATE_COLOURS.length - 1;
    return {
      index,
      from: from / 100,
      to: to / 100,
      colour,
      label: top ? `${from}% to ${to}%` : index === 0 ? `Under ${to}%` : `${from}% to under ${to}%`,
    };
  });
}

/** The band `rate` falls in. */
export function bandOf(rate: number, bands: readonly RateBand[]): RateBand | null {
  const percent = percentOf(rate);
  return bands.find((band, i) => percent >= band.from * 100 && (percent < band.to * 100 || i === bands.length - 1)) ?? null;
}

/** How an area is drawn: a band's colour, hatched, or pale. */
export type HexFill = { kind: 'rate'; colour: string } | { kind: 'hidden' } | { kind: 'no-data' };

export function hexFill(area: { status: AreaStatus; rate: number | null }, bands: readonly RateBand[]): HexFill {
  if (area.status === 'suppressed') return { kind: 'hidden' };
  const band = area.status === 'rate' && area.rate !== null ? bandOf(area.rate, bands) : null;
  return band ? { kind: 'rate', colour: band.colour } : { kind: 'no-data' };
}

/** WCAG's relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG's contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
