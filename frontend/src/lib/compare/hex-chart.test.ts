import { expect, test, vi } from 'vitest';
import { CHOSEN_EDGE, HIDDEN_STRIPE, NO_DATA_FILL, RATE_COLOURS, rateBands } from './colours';
import { drawChosen, drawHex, hexagonsPlugin, hexMapConfig, type DrawnHexes, type HexCanvas } from './hex-chart';
import { hexCentre } from './hex';
import { comparison } from './test-comparison';

/** A canvas that records what is drawn: each fill and stroke with its colour, and the path before it. */
function recordingCanvas() {
  const drawn: { op: string; style: unknown; width: number; points: number }[] = [];
  let points = 0;
  const ctx = {
    fillStyle: '' as HexCanvas['fillStyle'],
    strokeStyle: '' as HexCanvas['strokeStyle'],
    lineWidth: 1,
    beginPath: () => {
      points = 0;
    },
    moveTo: () => {
      points += 1;
    },
    lineTo: () => {
      points += 1;
    },
    closePath: () => {},
    save: () => {},
    restore: () => {},
    clip: vi.fn(),
    fill: () => drawn.push({ op: 'fill', style: ctx.fillStyle, width: ctx.lineWidth, points }),
    stroke: () => drawn.push({ op: 'stroke', style: ctx.strokeStyle, width: ctx.lineWidth, points }),
  };
  return { ctx, drawn };
}

test('a rate’s hexagon is filled with its band’s colour, six corners', () => {
  const { ctx, drawn } = recordingCanvas();
  drawHex(ctx as unknown as HexCanvas, { x: 10, y: 10 }, 8, { kind: 'rate', colour: RATE_COLOURS[2] });
  expect(drawn).toEqual([{ op: 'fill', style: RATE_COLOURS[2], width: 1, points: 6 }]);
});

test('no figures: pale, edged; hidden: white, striped inside its own edge', () => {
  const pale = recordingCanvas();
  drawHex(pale.ctx as unknown as HexCanvas, { x: 10, y: 10 }, 8, { kind: 'no-data' });
  expect(pale.drawn.map((d) => [d.op, d.style])).toEqual([
    ['fill', NO_DATA_FILL],
    ['stroke', '#6f777b'],
  ]);
  const striped = recordingCanvas();
  drawHex(striped.ctx as unknown as HexCanvas, { x: 10, y: 10 }, 8, { kind: 'hidden' });
  expect(striped.ctx.clip).toHaveBeenCalledTimes(1);
  expect(striped.drawn.map((d) => [d.op, d.style])).toEqual([
    ['fill', '#ffffff'],
    ['stroke', HIDDEN_STRIPE],
    ['stroke', HIDDEN_STRIPE],
  ]);
  // Many stripes, each a line of two points.
  expect(striped.drawn[2]!.points).toBeGreaterThanOrEqual(8);
});

test('the chosen area: a thick dark edge', () => {
  const { ctx, drawn } = recordingCanvas();
  drawChosen(ctx as unknown as HexCanvas, { x: 10, y: 10 }, 8);
  expect(drawn).toEqual([{ op: 'stroke', style: CHOSEN_EDGE, width: 3, points: 6 }]);
});

test('a point at each area’s hexagon centre, in England’s shape, nothing for Chart.js itself to draw', () => {
  const answer = comparison();
  const bands = rateBands([0.3, 0.8]);
  const config = hexMapConfig(answer.map, bands, { chosen: null }, () => {});
  expect(config.type).toBe('scatter');
  const dataset = config.data.datasets[0]!;
  expect(dataset.data).toEqual(answer.map.map((a) => hexCentre(a.hex_q, a.hex_r)));
  expect(dataset.pointRadius).toBe(0);
  const { x, y } = config.options!.scales as { x: { min: number; max: number }; y: { min: number; max: number } };
  expect(config.options?.aspectRatio).toBeCloseTo((x.max - x.min) / (y.max - y.min));
  expect(config.options?.events).toEqual([]);
  expect(config.options?.animation).toBe(false);
  expect(config.plugins).toHaveLength(1);
});

test('the plugin draws a hexagon at each point, sized from the scales, and says where', () => {
  const answer = comparison();
  const { ctx, drawn } = recordingCanvas();
  let reported: DrawnHexes | null = null;
  const plugin = hexagonsPlugin(
    answer.map.map(() => ({ kind: 'rate', colour: RATE_COLOURS[0] })),
    answer.map.map((a) => a.area),
    { chosen: 'E08000035' },
    (drawnHexes) => {
      reported = drawnHexes;
    },
  );
  // 20 pixels to a unit across, 25 up: hexagons are sized by the smaller.
  const chart = {
    ctx,
    scales: { x: { getPixelForValue: (v: number) => 20 * v }, y: { getPixelForValue: (v: number) => 300 - 25 * v } },
    getDatasetMeta: () => ({ data: answer.map.map((_, i) => ({ x: 10 + i * 40, y: 50 })) }),
  };
  (plugin.afterDatasetsDraw as unknown as (c: typeof chart) => void)(chart);
  expect(drawn.filter((d) => d.op === 'fill')).toHaveLength(4);
  expect(drawn.at(-1)).toEqual({ op: 'stroke', style: CHOSEN_EDGE, width: 3, points: 6 });
  expect(reported).not.toBeNull();
  expect(reported!.radius).toBeCloseTo(18);
  expect([...reported!.centres.entries()]).toEqual(answer.map.map((a, i) => [a.area, { x: 10 + i * 40, y: 50 }]));
});
