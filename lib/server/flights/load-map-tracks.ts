import "server-only";
import type { FlightRecord } from "../../core/flight-record";
import { decodeMapTrack, type MapTrackPoint } from "../../core/flights/map-track";
import { thinTrackForMap } from "../../core/flights/thin-track-for-map";
import { MAP_TRACK_MAX_POINTS } from "../../core/flights/map-track";
import { dbPool } from "../db/pool";
import { loadTrackPositions } from "./load-track-positions";

/**
 * The map tracks of these flights, in their order: the thinned track detection stored
 * (`flights.map_track`, ≤ 2,000 points, packed) in one query by primary key. A flight detected
 * before that column held packed bytes (null) falls back to its positions, thinned here, until
 * the worker packs its track from them (fill-missing-map-tracks.ts) or a detection writes it.
 */
export async function loadMapTracks(flights: readonly Pick<FlightRecord, "icao24" | "id" | "firstSeenMs" | "lastSeenMs" | "gaps">[]): Promise<MapTrackPoint[][]> {
  if (flights.length === 0) return [];
  const { rows } = await dbPool().query<{ icao24: string; id: string; map_track: Buffer | null }>(
    `SELECT f.icao24, f.id::text, f.map_track
       FROM unnest($1::char(6)[], $2::bigint[]) AS k(icao24, id) JOIN flights f ON f.icao24 = k.icao24 AND f.id = k.id`,
    [flights.map((f) => f.icao24), flights.map((f) => f.id)],
  );
  const stored = new Map(rows.map((r) => [`${r.icao24.trim()}-${r.id}`, r.map_track]));
  return Promise.all(
    flights.map(async (f) => {
      const track = stored.get(`${f.icao24}-${f.id}`);
      if (track) return decodeMapTrack(track);
      const positions = await loadTrackPositions(f.icao24, f.firstSeenMs, f.lastSeenMs);
      return thinTrackForMap(positions, f.gaps, MAP_TRACK_MAX_POINTS).map((p) => ({ timeMs: p.timeMs, latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: p.altitudeFt }));
    }),
  );
}
