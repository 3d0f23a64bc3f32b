import type { ZoneRef } from "../model/zone-ref";
import type { GapRecord, TrackPositionRecord } from "../flight-record";
import type { LatLon } from "../geo/lat-lon";
import { ALTITUDE_BANDS } from "./altitude-band";
import { boundsAround, fitMercator, projectPoint, runsPath, type FittedMap } from "./fit-mercator";
import { gapDurationMin, gapMarkerLabel } from "./gap-marker-label";
import { greatCircleLine } from "./great-circle-line";
import { landPath } from "./land-path";
import type { MapSize, TrackGapData, TrackMapData } from "./map-data";
import { projectZones } from "./project-zones";
import { splitTrackSegments } from "./split-track-segments";
import { projectReceptionCells, type ReceptionCellInput } from "./reception-layer";

export type TrackMapPoint = Pick<TrackPositionRecord, "timeMs" | "latDeg" | "lonDeg" | "altitudeFt">;

export type TrackMapGap = Pick<
  GapRecord,
  "offTimeMs" | "offLatDeg" | "offLonDeg" | "offAltitudeFt" | "onTimeMs" | "onLatDeg" | "onLonDeg" | "onAltitudeFt" | "durationS" | "open" | "suspected"
>;

export interface TrackMapEndpoint {
  icao: string | null;
  latDeg: number;
  lonDeg: number;
}

export interface TrackMapInput {
  /** Time-sorted, already thinned (≤ 2,000 positions is plenty for a screen). */
  points: readonly TrackMapPoint[];
  gaps: readonly TrackMapGap[];
  /** Zones to draw: the watched ones. */
  zones: readonly ZoneRef[];
  origin: TrackMapEndpoint | null;
  destination: TrackMapEndpoint | null;
  /** The reception map's cells along the silences (reception-layer.ts); none when absent. */
  receptionCells?: readonly ReceptionCellInput[];
}

export const TRACK_MAP_SIZE: MapSize = { widthPx: 960, heightPx: 600 };

const PADDING_PX = 24;
/** A short hop still shows its surroundings: at least ~2° (≈ 220 km) each way. */
const MIN_SPAN_DEG = 2;
const MARGIN_FRACTION = 0.06;
const BAND_COLOUR = new Map<string, string>(ALTITUDE_BANDS.map((b) => [b.id, b.colour]));

function onPoint(gap: TrackMapGap): (LatLon & { timeMs: number }) | null {
  if (gap.onTimeMs === null || gap.onLatDeg === null || gap.onLonDeg === null) return null;
  return { timeMs: gap.onTimeMs, latDeg: gap.onLatDeg, lonDeg: gap.onLonDeg };
}

function marker(fitted: FittedMap, size: MapSize, p: LatLon, label: string) {
  // The frame is fitted around every gap point, so a marker is outside only for bad coordinates.
  const xy = projectPoint(fitted, p, size) ?? { xPx: -10, yPx: -10 };
  return { ...xy, label };
}

function projectGap(gap: TrackMapGap, fitted: FittedMap, size: MapSize): TrackGapData {
  const off = { latDeg: gap.offLatDeg, lonDeg: gap.offLonDeg };
  const on = onPoint(gap);
  const facts = { durationS: gap.durationS, suspected: gap.suspected, open: gap.open || on === null };
  return {
    path: on ? fitted.path(greatCircleLine(off, on)) : null,
    suspected: gap.suspected,
    open: facts.open,
    durationMin: gapDurationMin(gap.durationS),
    off: marker(fitted, size, off, gapMarkerLabel("off", { ...facts, timeMs: gap.offTimeMs, altitudeFt: gap.offAltitudeFt })),
    on: on ? marker(fitted, size, on, gapMarkerLabel("on", { ...facts, timeMs: on.timeMs, altitudeFt: gap.onAltitudeFt })) : null,
  };
}

/**
 * One flight's map, projected on the server: Mercator fitted to the track, its gaps and its
 * endpoints; observed track coloured by altitude band (one path per run of one band, split at
 * gaps); gaps as dashed great circles with "ADS-B lost"/"ADS-B back" markers; the great-circle
 * route between origin and destination; watched zones; the reception map's cells along the
 * silences. Plain data for `TrackMap`.
 */
export function projectTrackMap(input: TrackMapInput, size: MapSize = TRACK_MAP_SIZE): TrackMapData {
  const extentPoints: LatLon[] = [...input.points];
  for (const g of input.gaps) {
    extentPoints.push({ latDeg: g.offLatDeg, lonDeg: g.offLonDeg });
    const on = onPoint(g);
    if (on) extentPoints.push(on);
  }
  if (input.origin) extentPoints.push(input.origin);
  if (input.destination) extentPoints.push(input.destination);
  // No positions at all: show the Caribbean rather than fail.
  const bounds = boundsAround(extentPoints, MARGIN_FRACTION, MIN_SPAN_DEG) ?? { westDeg: -92, southDeg: 6, eastDeg: -56, northDeg: 28 };
  const fitted = fitMercator(bounds, size, PADDING_PX);

  const segments = splitTrackSegments(input.points, input.gaps).flatMap((s) => {
    const path = runsPath(fitted, [s.points], size);
    return path ? [{ bandId: s.bandId, colour: BAND_COLOUR.get(s.bandId) ?? "#9aa0a6", path }] : [];
  });

  const endpoints: TrackMapData["endpoints"] = [];
  for (const [role, e] of [["origin", input.origin], ["destination", input.destination]] as const) {
    if (!e) continue;
    const where = e.icao ?? (role === "origin" ? "where the track starts (no airport)" : "where the track ends (no airport)");
    const text = `${role === "origin" ? "Origin" : "Destination"}: ${where}`;
    endpoints.push({ role, icao: e.icao, ...marker(fitted, size, e, text) });
  }

  return {
    widthPx: size.widthPx,
    heightPx: size.heightPx,
    landPath: landPath(fitted),
    zones: projectZones(input.zones, fitted),
    routePath: input.origin && input.destination ? fitted.path(greatCircleLine(input.origin, input.destination, 64)) : null,
    endpoints,
    segments,
    gaps: input.gaps.map((g) => projectGap(g, fitted, size)),
    receptionCells: projectReceptionCells(input.receptionCells ?? [], fitted),
    legendBands: ALTITUDE_BANDS.map(({ id, label, colour }) => ({ id, label, colour })),
  };
}
