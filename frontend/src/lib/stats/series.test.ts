import { describe, expect, test } from 'vitest';
import { countText, figureView, hasShownFigure, linePoints, percent, shareText } from './series';
import { figure, STATS } from './test-stats';

describe('the series the filters ask for', () => {
  test('with no filter, the categories, in the order given', () => {
    const view = figureView(STATS, {});
    expect(view.kind).toBe('categories');
    expect(view.subject).toBeNull();
    expect(view.series.map((s) => [s.id, s.label])).toEqual([
      ['meetings', 'Meetings and communication'],
      ['blame', 'Parent blame and safeguarding'],
    ]);
    expect(view.series.map(linePoints)).toEqual([
      [null, null, 8],
      [null, 6, 10],
    ]);
  });

  test('with a category, its tags', () => {
    const view = figureView(STATS, { category: 'meetings' });
    expect(view.kind).toBe('category-tags');
    expect(view.subject).toBe('Meetings and communication');
    expect(view.series.map((s) => s.id)).toEqual(['minutes-withheld', 'outnumbered']);
    expect(view.series.map(linePoints)).toEqual([
      [null, null, 6],
      [null, null, null],
    ]);
  });

  test('with a tag, that tag alone (whatever the category)', () => {
    for (const filters of [{ tag: 'bedroom-inspected' }, { tag: 'bedroom-inspected', category: 'blame' }]) {
      const view = figureView(STATS, filters);
      expect(view.kind).toBe('tag');
      expect(view.subject).toBe('Bedroom inspected');
      expect(view.series.map((s) => s.id)).toEqual(['bedroom-inspected']);
      expect(view.series.map(linePoints)).toEqual([[null, 6, 10]]);
    }
  });

  test('a tag the answer does not have gives no series', () => {
    const view = figureView(STATS, { tag: 'no-such-tag' });
    expect(view.series).toEqual([]);
    expect(view.subject).toBeNull();
  });

  test('one point per quarter, a hidden figure a gap and never 0', () => {
    const view = figureView(STATS, {});
    expect(view.quarters).toEqual([
      { quarter: '2026Q2', name: 'April to June 2026', shortName: 'Apr–Jun 2026' },
      { quarter: '2026Q3', name: 'July to September 2026', shortName: 'Jul–Sep 2026' },
      { quarter: '2026Q4', name: 'October to December 2026', shortName: 'Oct–Dec 2026' },
    ]);
    expect(view.totals.map((t) => t.count)).toEqual([null, 6, 12]);
    for (const series of view.series) expect(linePoints(series)).toHaveLength(3);
    expect(view.series[0]?.figures[0]?.suppressed).toBe(true);
    expect(linePoints(view.series[0]!)[0]).toBeNull();
  });

  test('whether anything would be drawn at all', () => {
    expect(hasShownFigure(figureView(STATS, {}).series)).toBe(true);
    expect(hasShownFigure(figureView(STATS, { tag: 'outnumbered' }).series)).toBe(false);
    expect(hasShownFigure([])).toBe(false);
  });
});

describe('a figure in the table', () => {
  test('its count, share and the share’s interval', () => {
    const shown = { ...figure('2026Q4', 12, 25), rate: 0.48, rate_low: 0.3, rate_high: 0.67 };
    expect(countText(shown)).toBe('12');
    expect(shareText(shown)).toBe('48%, 30–67%');
  });

  test('a total has no share; big counts have commas', () => {
    expect(countText(figure('2026Q4', 12))).toBe('12');
    expect(shareText(figure('2026Q4', 12))).toBe('');
    expect(countText(figure('2026Q4', 12345))).toBe('12,345');
  });

  test('hidden reads "hidden", never a number', () => {
    expect(countText(figure('2026Q4', null))).toBe('hidden');
    expect(shareText(figure('2026Q4', null))).toBe('');
  });

  test('percentages are whole numbers', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.3333)).toBe('33%');
    expect(percent(0.665)).toBe('67%');
  });
});
