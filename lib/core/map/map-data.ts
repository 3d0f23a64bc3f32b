import type { ReceptionCellData } from "./reception-layer";

/*
 * The plain, serialisable shapes the map projections hand to the client components: screen
 * coordinates (px in the SVG viewBox) and SVG path strings, nothing that needs d3 in the browser.
 */

/** The deepest zoom the map frame allows; the server simplifies paths to stay exact at it. */
export const MAP_MAX_ZOOM = 16;

export interface MapSize {
  widthPx: number;
  heightPx: number;
}

/** A zone (FIR or analyst-drawn) projected and clipped to the map. */
export interface ProjectedZone {
  code: string;
  name: string;
  watched: boolean;
  path: string;
  /** Where to write the code: the centroid of the visible part. */
  labelXPx: number;
  labelYPx: number;
}

/** A point on the map with the text its tooltip and accessible name give. */
export interface ProjectedMarker {
  xPx: number;
  yPx: number;
  label: string;
}

export interface OverviewMapData extends MapSize {
  /** Country outlines, clipped to the frame, one path. */
  landPath: string;
  zones: ProjectedZone[];
  airports: { icao: string; name: string; xPx: number; yPx: number }[];
  tracks: OverviewTrackData[];
  /** The reception map's cells, for analysts (empty for readers). */
  receptionCells: ReceptionCellData[];
}

export interface OverviewTrackData {
  key: string;
  href: string;
  label: string;
  flagLabels: string[];
  /** Tooltip and accessible name: label, then the flags. */
  description: string;
  /** Observed runs only; empty when the track lies outside the frame. */
  path: string;
  gaps: OverviewGapData[];
}

export interface OverviewGapData {
  /** Dashed great circle from off to on; null for an open gap or one outside the frame. */
  path: string | null;
  suspected: boolean;
  /** Where an open gap's last position is (marked on the map); null for a closed gap. */
  openAt: { xPx: number; yPx: number } | null;
}

export interface TrackMapData extends MapSize {
  landPath: string;
  zones: ProjectedZone[];
  /** Great circle from origin to destination; null without both endpoints. */
  routePath: string | null;
  endpoints: (ProjectedMarker & { role: "origin" | "destination"; icao: string | null })[];
  segments: { bandId: string; colour: string; path: string }[];
  gaps: TrackGapData[];
  /** The reception map's cells along the silences, coloured by the reception measured there. */
  receptionCells: ReceptionCellData[];
  /** The altitude bands for the legend, in order, with units. */
  legendBands: { id: string; label: string; colour: string }[];
}

export interface TrackGapData {
  /** Dashed great circle from off to on; null for an open gap. */
  path: string | null;
  suspected: boolean;
  open: boolean;
  durationMin: number;
  off: ProjectedMarker;
  on: ProjectedMarker | null;
}
