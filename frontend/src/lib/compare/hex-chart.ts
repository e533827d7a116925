// The hex map's settings for Chart.js: a scatter chart with a point at each area's hexagon
// centre (hidden axes whose ranges hold England, and the chart's shape England's, so that a
// unit is as many pixels across as up), and a plugin that draws each point as a hexagon
// sized from the scales: a rate band's colour, dark stripes for hidden figures, pale grey
// for none. The chosen area gets a thick dark edge. After each drawing the plugin reports
// where it drew the hexagons, so the page can say so (and a test can look there).
// Like the patterns chart, it is a picture: it takes no mouse or touch; the picker beside
// it and the table of figures say everything it shows.

import type { ChartConfiguration, Plugin } from 'chart.js';
import type { MapArea } from '../api/compare';
import { CHOSEN_EDGE, HIDDEN_FILL, HIDDEN_STRIPE, hexFill, NO_DATA_EDGE, NO_DATA_FILL, type HexFill, type RateBand } from './colours';
import { aspectRatio, hexBounds, hexCentre, hexCorners, type Point } from './hex';

/** What may change without drawing the map afresh: the area chosen in the picker. */
export interface HexMapState {
  chosen: string | null;
}

/** Where the plugin drew each area's hexagon: centres in CSS pixels from the canvas's top left. */
export interface DrawnHexes {
  radius: number;
  centres: Map<string, Point>;
}

/** How much of the grid's spacing a hexagon fills: the rest is a thin white gap between areas. */
const FILL_SHARE = 0.9;
/** Room round England, in hexagon units, so that the chosen area's thick edge is whole. */
const MARGIN = 0.3;
/** Hidden figures' stripes: this many pixels apart, and this wide. */
const STRIPE_GAP = 4;
const STRIPE_WIDTH = 1.5;

/** The calls to a canvas that drawing a hexagon makes. */
export type HexCanvas = Pick<
  CanvasRenderingContext2D,
  'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'fill' | 'stroke' | 'save' | 'restore' | 'clip' | 'fillStyle' | 'strokeStyle' | 'lineWidth'
>;

function tracePath(ctx: HexCanvas, centre: Point, radius: number): void {
  const [first, ...rest] = hexCorners(centre, radius);
  ctx.beginPath();
  if (first) ctx.moveTo(first.x, first.y);
  for (const corner of rest) ctx.lineTo(corner.x, corner.y);
  ctx.closePath();
}

/** Draws one area's hexagon around `centre`. */
export function drawHex(ctx: HexCanvas, centre: Point, radius: number, fill: HexFill): void {
  ctx.save();
  tracePath(ctx, centre, radius);
  if (fill.kind === 'rate') {
    ctx.fillStyle = fill.colour;
    ctx.fill();
  } else if (fill.kind === 'no-data') {
    ctx.fillStyle = NO_DATA_FILL;
    ctx.fill();
    ctx.strokeStyle = NO_DATA_EDGE;
    ctx.lineWidth = 1;
    ctx.stroke();
  } else {
    ctx.fillStyle = HIDDEN_FILL;
    ctx.fill();
    ctx.strokeStyle = HIDDEN_STRIPE;
    ctx.lineWidth = 1;
    ctx.stroke();
    // Stripes from bottom left to top right, kept inside the hexagon.
    ctx.clip();
    ctx.lineWidth = STRIPE_WIDTH;
    ctx.beginPath();
    for (let offset = -2 * radius; offset <= 2 * radius; offset += STRIPE_GAP) {
      ctx.moveTo(centre.x + offset - radius, centre.y + radius);
      ctx.lineTo(centre.x + offset + radius, centre.y - radius);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** The chosen area's edge: thick and dark whatever its fill, so it is seen without colour. */
export function drawChosen(ctx: HexCanvas, centre: Point, radius: number): void {
  ctx.save();
  tracePath(ctx, centre, radius);
  ctx.strokeStyle = CHOSEN_EDGE;
  ctx.lineWidth = 3;
  ctx.stroke();
  ctx.restore();
}

/** The plugin that draws the hexagons over the (invisible) points, and reports where. */
export function hexagonsPlugin(fills: readonly HexFill[], codes: readonly string[], state: HexMapState, ondrawn: (drawn: DrawnHexes) => void): Plugin<'scatter'> {
  return {
    id: 'commonthread-hexagons',
    afterDatasetsDraw(chart) {
      const { x, y } = chart.scales;
      if (!x || !y) return;
      const unit = Math.min(Math.abs(x.getPixelForValue(1) - x.getPixelForValue(0)), Math.abs(y.getPixelForValue(1) - y.getPixelForValue(0)));
      const radius = unit * FILL_SHARE;
      const centres = new Map<string, Point>();
      chart.getDatasetMeta(0).data.forEach((element, i) => {
        const code = codes[i];
        const fill = fills[i];
        if (code === undefined || fill === undefined) return;
        const centre = { x: element.x, y: element.y };
        centres.set(code, centre);
        drawHex(chart.ctx, centre, radius, fill);
      });
      const chosen = state.chosen === null ? undefined : centres.get(state.chosen);
      if (chosen) drawChosen(chart.ctx, chosen, unit);
      ondrawn({ radius, centres });
    },
  };
}

export type HexMapConfig = ChartConfiguration<'scatter', Point[]>;

/** A fresh configuration for the map of `areas` coloured by `bands` (Chart.js writes into what it is given). */
export function hexMapConfig(areas: readonly MapArea[], bands: readonly RateBand[], state: HexMapState, ondrawn: (drawn: DrawnHexes) => void): HexMapConfig {
  const bounds = hexBounds(
    areas.map((area) => ({ q: area.hex_q, r: area.hex_r })),
    MARGIN,
  );
  const fills = areas.map((area) => hexFill(area, bands));
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          data: areas.map((area) => hexCentre(area.hex_q, area.hex_r)),
          // The plugin draws the hexagons; Chart.js only places them.
          pointRadius: 0,
          pointHoverRadius: 0,
          pointHitRadius: 0,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: aspectRatio(bounds),
      events: [],
      layout: { padding: 0 },
      scales: {
        // North up: a chart's y axis already grows upwards, as r does.
        x: { type: 'linear', display: false, min: bounds.minX, max: bounds.maxX },
        y: { type: 'linear', display: false, min: bounds.minY, max: bounds.maxY },
      },
      plugins: { legend: { display: false } },
    },
    plugins: [
      hexagonsPlugin(
        fills,
        areas.map((area) => area.area),
        state,
        ondrawn,
      ),
    ],
  };
}
