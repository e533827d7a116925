import { expect, test } from 'vitest';
import { areasByRegion, firstChosen, reportedAreas } from './areas';
import { comparison } from './test-comparison';

test('areas under their regions, both A to Z', () => {
  const map = [
    ...comparison().map,
    { ...comparison().map[2]!, area: 'E08000026', name: 'Coventry' },
    { ...comparison().map[2]!, area: 'E06000019', name: 'Herefordshire, County of' },
  ];
  expect(areasByRegion(map)).toEqual([
    { label: 'North East', choices: [{ value: 'E06000001', label: 'Hartlepool' }] },
    { label: 'South West', choices: [{ value: 'E06000052', label: 'Cornwall' }] },
    {
      label: 'West Midlands',
      choices: [
        { value: 'E08000025', label: 'Birmingham' },
        { value: 'E08000026', label: 'Coventry' },
        { value: 'E06000019', label: 'Herefordshire, County of' },
      ],
    },
    { label: 'Yorkshire and The Humber', choices: [{ value: 'E08000035', label: 'Leeds' }] },
  ]);
});

test('the areas with figures, shown or hidden', () => {
  expect(reportedAreas(comparison().map).map((a) => a.name)).toEqual(['Birmingham', 'Cornwall', 'Leeds']);
});

test('the area shown first beside the map: this forum’s, if it has figures', () => {
  const { map } = comparison();
  expect(firstChosen(map, 'E08000035')).toBe('E08000035');
  expect(firstChosen(map, 'E06000001')).toBe('E08000025');
  expect(firstChosen(map, null)).toBe('E08000025');
  expect(firstChosen(map.filter((a) => a.status === 'no_data'), null)).toBeNull();
});
