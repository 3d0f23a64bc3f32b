import type { ZoneRef } from "../model/zone-ref";
import type { LatLon } from "../geo/lat-lon";
import { fitMercator, projectPoint, runsPath, type LonLatBounds } from "./fit-mercator";
import { greatCircleLine } from "./great-circle-line";
import { landPath } from "./land-path";
import type { MapSize, OverviewGapData, OverviewMapData, OverviewTrackData } from "./map-data";
import { projectZones } from "./project-zones";
import { splitAtGapsByPosition } from "./split-at-gaps-by-position";
import { projectReceptionCells, type ReceptionCellInput } from "./reception-layer";

export interface OverviewMapInput {
  /** FIRs and analysts' zones; `watched` ones (TNCF by default) are highlighted and labelled. */
  zones: readonly ZoneRef[];
  airports: readonly { icao: string; name: string; latDeg: number; lonDeg: number }[];
  tracks: readonly OverviewTrackInput[];
  /** The reception map's cells (analysts' view); none for readers. */
  receptionCells?: readonly ReceptionCellInput[];
}

export interface OverviewTrackInput {
  /** The flight's URL key (`${icao24}-${id}`). */
  key: string;
  /** e.g. "CUB1234 · IL76 · RA-78854"; shown as text only. */
  label: string;
  flagLabels: readonly string[];
  /** Ordered, already thinned; keep the gaps' off/on positions when thinning. */
  points: readonly LatLon[];
  gaps: readonly { off: LatLon; on: LatLon | null; suspected: boolean }[];
}

/** Cuba to Venezuela with the ABC islands, Hispaniola, Jamaica and Central America's coast. */
export const CARIBBEAN_BOUNDS: LonLatBounds = { westDeg: -92, southDeg: 6, eastDeg: -56, northDeg: 28 };

export const OVERVIEW_MAP_SIZE: MapSize = { widthPx: 960, heightPx: 600 };

const PADDING_PX = 4;

function projectTrack(track: OverviewTrackInput, fitted: ReturnType<typeof fitMercator>, size: MapSize): OverviewTrackData {
  const runs = splitAtGapsByPosition(track.points, track.gaps);
  const gaps: OverviewGapData[] = track.gaps.map((gap) => ({
    path: gap.on ? fitted.path(greatCircleLine(gap.off, gap.on)) : null,
    suspected: gap.suspected,
    openAt: gap.on ? null : projectPoint(fitted, gap.off, size),
  }));
  const flagLabels = [...track.flagLabels];
  return {
    key: track.key,
    href: `/flights/${encodeURIComponent(track.key)}`,
    label: track.label,
    flagLabels,
    description: flagLabels.length > 0 ? `${track.label} — ${flagLabels.join(", ")}` : track.label,
    path: runsPath(fitted, runs, size),
    gaps,
  };
}

/**
 * The overview map, projected on the server: Mercator fitted to the Caribbean, country outlines,
 * zones, airports and published flagged tracks as SVG paths in a `widthPx` × `heightPx` viewBox,
 * everything clipped to the frame. The result is plain data for `OverviewMap`.
 * @example projectOverviewMap({ zones: CARIBBEAN_FIRS, airports: [], tracks: [] }).landPath.length // < 400 kB
 */
export function projectOverviewMap(input: OverviewMapInput, size: MapSize = OVERVIEW_MAP_SIZE): OverviewMapData {
  const fitted = fitMercator(CARIBBEAN_BOUNDS, size, PADDING_PX);
  const airports = input.airports.flatMap((a) => {
    const xy = projectPoint(fitted, a, size);
    return xy ? [{ icao: a.icao, name: a.name, ...xy }] : [];
  });
  return {
    widthPx: size.widthPx,
    heightPx: size.heightPx,
    landPath: landPath(fitted),
    zones: projectZones(input.zones, fitted),
    airports,
    tracks: input.tracks.map((t) => projectTrack(t, fitted, size)),
    receptionCells: projectReceptionCells(input.receptionCells ?? [], fitted),
  };
}
