// The areas of the comparison as the page lists them: grouped by region for the pickers, and
// the ones with figures for the map's table.

import type { MapArea } from '../api/compare';

export interface AreaGroup {
  label: string;
  choices: { value: string; label: string }[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

/** The areas under their regions, regions and areas A to Z, for a picker's `<optgroup>`s. */
export function areasByRegion(areas: readonly Pick<MapArea, 'area' | 'name' | 'region'>[]): AreaGroup[] {
  const regions = new Map<string, Pick<MapArea, 'area' | 'name' | 'region'>[]>();
  for (const area of areas) regions.set(area.region, [...(regions.get(area.region) ?? []), area]);
  return [...regions.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
    .map(([region, members]) => ({
      label: region,
      choices: [...members].sort(byName).map((area) => ({ value: area.area, label: area.name })),
    }));
}

/** The areas a report covers (rate shown or hidden), A to Z. */
export function reportedAreas(map: readonly MapArea[]): MapArea[] {
  return map.filter((area) => area.status !== 'no_data').sort(byName);
}

/**
 * The area to show first beside the map: `preferred` (this forum's own) when a report covers
 * it, else the first area with figures, else none.
 */
export function firstChosen(map: readonly MapArea[], preferred: string | null): string | null {
  const reported = reportedAreas(map);
  return reported.find((area) => area.area === preferred)?.area ?? reported[0]?.area ?? null;
}
