import type { GapRecord } from "../flight-record";
import { thinTrackForMap } from "./thin-track-for-map";

/** One point of a map track: what a map draws and its tooltips show. */
export interface MapTrackPoint {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  altitudeFt: number | null;
}

/**
 * The stored form of a flight's map track (`flights.map_track`): columns rather than objects,
 * times as seconds after the first, coordinates to 5 decimals (≈ 1 m): a 2,000-point track is
 * ~40 kB of JSON instead of ~150 kB.
 */
export interface StoredMapTrack {
  t0Ms: number;
  dtS: number[];
  lat: number[];
  lon: number[];
  alt: (number | null)[];
}

/** Points a flight page's map needs at most; the overview asks for fewer (thinned again). */
export const MAP_TRACK_MAX_POINTS = 2000;

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

/** Thin a flight's points for maps (gaps' off and on points kept) and encode them for storage. */
export function encodeMapTrack(points: readonly MapTrackPoint[], gaps: readonly Pick<GapRecord, "offTimeMs">[]): StoredMapTrack {
  const kept = thinTrackForMap(points, gaps, MAP_TRACK_MAX_POINTS);
  const t0Ms = kept[0]?.timeMs ?? 0;
  return {
    t0Ms,
    dtS: kept.map((p) => Math.round((p.timeMs - t0Ms) / 1000)),
    lat: kept.map((p) => round5(p.latDeg)),
    lon: kept.map((p) => round5(p.lonDeg)),
    alt: kept.map((p) => (p.altitudeFt === null ? null : Math.round(p.altitudeFt))),
  };
}

/** The points of a stored map track, in time order. */
export function decodeMapTrack(stored: StoredMapTrack): MapTrackPoint[] {
  return stored.dtS.map((dtS, i) => ({
    timeMs: stored.t0Ms + dtS * 1000,
    latDeg: stored.lat[i]!,
    lonDeg: stored.lon[i]!,
    altitudeFt: stored.alt[i] ?? null,
  }));
}
