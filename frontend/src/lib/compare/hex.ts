// The hex map's geometry. The areas file places each local authority on a grid of
// pointy-topped hexagons in the HexJSON `odd-r` layout: rows with an odd r are shifted right
// by half a hexagon, and r grows northwards (server/data/english-local-authorities.SOURCES.md).
// Positions here are in hexagon units (the distance from a hexagon's centre to a corner is 1),
// with y growing northwards too, as on a chart's y axis (which a canvas then turns the right way up).

/** A hexagon's width across its flat sides, in units of its radius. */
export const HEX_WIDTH = Math.sqrt(3);
/** How far apart two rows' centres are. */
export const ROW_HEIGHT = 1.5;

export interface Point {
  x: number;
  y: number;
}

export interface HexBounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The centre of the hexagon at column `q`, row `r`: odd rows (by absolute value) half a hexagon to the right. */
export function hexCentre(q: number, r: number): Point {
  return { x: HEX_WIDTH * (q + (Math.abs(r) % 2 === 1 ? 0.5 : 0)), y: ROW_HEIGHT * r };
}

/** The box that holds every hexagon whole (not only their centres), with `margin` more all round. */
export function hexBounds(hexes: readonly { q: number; r: number }[], margin = 0): HexBounds {
  const centres = hexes.map(({ q, r }) => hexCentre(q, r));
  const xs = centres.map((c) => c.x);
  const ys = centres.map((c) => c.y);
  if (centres.length === 0) return { minX: 0, maxX: 0, minY: 0, maxY: 0 };
  return {
    minX: Math.min(...xs) - HEX_WIDTH / 2 - margin,
    maxX: Math.max(...xs) + HEX_WIDTH / 2 + margin,
    minY: Math.min(...ys) - 1 - margin,
    maxY: Math.max(...ys) + 1 + margin,
  };
}

/** Width over height of `bounds`: the shape the map must be drawn in for its hexagons to be regular. */
export function aspectRatio(bounds: HexBounds): number {
  const height = bounds.maxY - bounds.minY;
  return height > 0 ? (bounds.maxX - bounds.minX) / height : 1;
}

/** The six corners of a pointy-topped hexagon of `radius` around `centre` on a screen (y downwards), from the top, clockwise. */
export function hexCorners(centre: Point, radius: number): Point[] {
  return Array.from({ length: 6 }, (_, i) => {
    const angle = (Math.PI / 3) * i - Math.PI / 2;
    return { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
  });
}
