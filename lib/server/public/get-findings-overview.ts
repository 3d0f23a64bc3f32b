import "server-only";
import type { FlightRecord } from "../../core/flight-record";
import { thinTrackForMap } from "../../core/flights/thin-track-for-map";
import type { TrackPositionRecord } from "../../core/flight-record";
import { dbPool } from "../db/pool";
import { loadFlightRecords } from "../flights/load-flight-records";
import { loadMapTracks } from "../flights/load-map-tracks";

export interface FindingsPeriod {
  /** Inclusive UTC days "YYYY-MM-DD"; null = open. */
  from: string | null;
  to: string | null;
}

export interface FindingTrack {
  flight: FlightRecord;
  publishedAtMs: number | null;
  /** The track thinned for a small map (the points around every gap kept). */
  points: Pick<TrackPositionRecord, "timeMs" | "latDeg" | "lonDeg" | "altitudeFt">[];
}

export interface FindingsOverview {
  scope: "published" | "all-flagged";
  /** The span of the findings in scope (all periods), to offer as the period's bounds. */
  spanFrom: string | null;
  spanTo: string | null;
  findings: FindingTrack[];
}

/**
 * The findings in scope, as SQL over `flights f LEFT JOIN reviews r`: published and confirmed
 * ($1 true) or flagged, first seen in the period's UTC days ($2, $3; null = open).
 */
export const FINDINGS_IN_SCOPE_SQL = `(CASE WHEN $1 THEN r.published AND r.status = 'CONFIRMED'
                    ELSE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) END)
          AND ($2::date IS NULL OR f.first_seen >= ($2::date)::timestamp AT TIME ZONE 'UTC')
          AND ($3::date IS NULL OR f.first_seen < ($3::date + 1)::timestamp AT TIME ZONE 'UTC')`;

/** The most findings drawn on one map and listed; beyond it the page says so (the figures count them all). */
export const FINDINGS_LIMIT = 500;

/** Points per track on the overview map: a few hundred keep each shape at its size there. */
const OVERVIEW_TRACK_POINTS = 250;

/**
 * The public overview's findings: flights an analyst confirmed and published (readers), or
 * every flagged flight (`all-flagged`, for analysts only: the page checks the role), whose
 * first position falls in the period, newest first. Indexed lookups: the reviews' status index
 * for published findings, the flights' first_seen index for the period.
 */
export async function getFindingsOverview(period: FindingsPeriod, scope: "published" | "all-flagged"): Promise<FindingsOverview> {
  const pool = dbPool();
  const published = scope === "published";
  const [keys, span] = await Promise.all([
    pool.query<{ icao24: string; id: string; published_ms: number | null }>(
      `SELECT f.icao24, f.id::text, (extract(epoch FROM r.published_at) * 1000)::float8 AS published_ms
         FROM flights f LEFT JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
        WHERE ${FINDINGS_IN_SCOPE_SQL}
        ORDER BY f.first_seen DESC, f.icao24, f.id
        LIMIT $4`,
      [published, period.from, period.to, FINDINGS_LIMIT],
    ),
    pool.query<{ first_day: string | null; last_day: string | null }>(
      `SELECT to_char(min(f.first_seen) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS first_day,
              to_char(max(f.first_seen) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last_day
         FROM flights f LEFT JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
        WHERE CASE WHEN $1 THEN r.published AND r.status = 'CONFIRMED'
                   ELSE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) END`,
      [published],
    ),
  ]);
  const refs = keys.rows.map((r) => ({ icao24: r.icao24.trim(), id: r.id }));
  const flights = await loadFlightRecords(refs);
  const publishedAt = new Map(keys.rows.map((r) => [`${r.icao24.trim()}-${r.id}`, r.published_ms]));
  // Tracks for the map: the thinned track stored at detection (flights.map_track), thinned again
  // to a few hundred points; a flight detected before that column existed reads its positions.
  const tracks = await loadMapTracks(flights);
  const findings: FindingTrack[] = flights.map((flight, i) => ({
    flight,
    publishedAtMs: publishedAt.get(flight.key) ?? null,
    points: thinTrackForMap(tracks[i]!, flight.gaps, OVERVIEW_TRACK_POINTS),
  }));
  return { scope, spanFrom: span.rows[0]?.first_day ?? null, spanTo: span.rows[0]?.last_day ?? null, findings };
}
