import { expect, test } from 'vitest';
import { aspectRatio, HEX_WIDTH, hexBounds, hexCentre, hexCorners } from './hex';

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

test('odd rows are shifted right by half a hexagon; r grows northwards', () => {
  expect(hexCentre(0, 0)).toEqual({ x: 0, y: 0 });
  expect(hexCentre(0, 1)).toEqual({ x: HEX_WIDTH / 2, y: 1.5 });
  expect(hexCentre(2, 2)).toEqual({ x: 2 * HEX_WIDTH, y: 3 });
  expect(hexCentre(0, -1).x).toBe(HEX_WIDTH / 2);
  // Birmingham (6, 13) is south of Leeds (7, 18): a smaller y.
  expect(hexCentre(6, 13).y).toBeLessThan(hexCentre(7, 18).y);
});

test('every one of a hexagon’s six neighbours is one hexagon’s width away', () => {
  for (const r of [12, 13]) {
    const centre = hexCentre(5, r);
    const shift = r % 2 === 1 ? 0 : -1;
    const neighbours = [
      [4, r],
      [6, r],
      [5 + shift, r + 1],
      [6 + shift, r + 1],
      [5 + shift, r - 1],
      [6 + shift, r - 1],
    ] as const;
    for (const [q, nr] of neighbours) {
      const other = hexCentre(q, nr);
      expect(close(Math.hypot(other.x - centre.x, other.y - centre.y), HEX_WIDTH), `${q},${nr}`).toBe(true);
    }
  }
});

test('the bounds hold every hexagon whole, and the margin', () => {
  const bounds = hexBounds([
    { q: 0, r: 6 },
    { q: 14, r: 24 },
    { q: 3, r: 11 },
  ]);
  expect(bounds.minX).toBeCloseTo(-HEX_WIDTH / 2);
  expect(bounds.maxX).toBeCloseTo(14 * HEX_WIDTH + HEX_WIDTH / 2);
  expect(bounds.minY).toBeCloseTo(8);
  expect(bounds.maxY).toBeCloseTo(37);
  expect(hexBounds([{ q: 0, r: 0 }], 1)).toEqual({ minX: -HEX_WIDTH / 2 - 1, maxX: HEX_WIDTH / 2 + 1, minY: -2, maxY: 2 });
  expect(aspectRatio(hexBounds([{ q: 0, r: 0 }]))).toBeCloseTo(HEX_WIDTH / 2);
  expect(hexBounds([])).toEqual({ minX: 0, maxX: 0, minY: 0, maxY: 0 });
});

test('a pointy-topped hexagon’s corners, from the top, clockwise on a screen', () => {
  const corners = hexCorners({ x: 10, y: 10 }, 2);
  expect(corners).toHaveLength(6);
  expect(corners[0]?.x).toBeCloseTo(10);
  expect(corners[0]?.y).toBeCloseTo(8);
  expect(corners[1]?.x).toBeCloseTo(10 + Math.sqrt(3));
  expect(corners[1]?.y).toBeCloseTo(9);
  expect(corners[3]?.y).toBeCloseTo(12);
  for (const corner of corners) expect(Math.hypot(corner.x - 10, corner.y - 10)).toBeCloseTo(2);
});
