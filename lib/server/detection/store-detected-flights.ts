import "server-only";
import type pg from "pg";
import { findingSignature } from "../../core/review/finding-signature";
import { loadDecidedFindings, reopenChangedFindings } from "../review/reopen-changed-findings";
import { isCitus } from "../db/is-citus";
import { flagRows, flightRow, gapRows, type StorableFlight } from "./detected-flight-rows";
import { insertDetectedValues } from "./insert-detected-values";

/** A time range of one aircraft that was detected afresh; null ends are open (the whole history). */
export interface DetectedRange {
  icao24: string;
  fromMs: number | null;
  toMs: number | null;
}

interface ExistingFlight {
  icao24: string;
  id: string;
  first_ms: number;
  last_ms: number;
  kept: boolean;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Replace the stored flights inside the detected ranges with a new detection, inside the caller's
 * transaction; flights outside them (earlier or later history of the same aircraft) stay as they
 * are. A new flight that overlaps a stored one keeps that flight's id, so analysts' reviews and
 * notes stay attached across re-detections; flags and gap events are rewritten. A stored flight
 * that no longer exists is deleted, unless an analyst reviewed or annotated it. A decided or
 * published finding whose flags changed goes back to review (reopen-changed-findings).
 */
export async function storeDetectedFlights(
  client: pg.PoolClient,
  ranges: readonly DetectedRange[],
  flights: readonly StorableFlight[],
  detectorVersion: string,
): Promise<{ flights: number; flags: number; gaps: number }> {
  if (ranges.length === 0) return { flights: 0, flags: 0, gaps: 0 };
  const { rows: existing } = await client.query<ExistingFlight>(
    `SELECT DISTINCT f.icao24, f.id::text, (extract(epoch FROM f.first_seen) * 1000)::float8 AS first_ms,
            (extract(epoch FROM f.last_seen) * 1000)::float8 AS last_ms,
            (EXISTS (SELECT 1 FROM reviews r WHERE r.icao24 = f.icao24 AND r.flight_id = f.id)
             OR EXISTS (SELECT 1 FROM notes n WHERE n.icao24 = f.icao24 AND n.flight_id = f.id)) AS kept
       FROM unnest($1::char(6)[], $2::timestamptz[], $3::timestamptz[]) AS d(icao24, t0, t1)
       JOIN flights f ON f.icao24 = d.icao24 AND (d.t1 IS NULL OR f.first_seen <= d.t1) AND (d.t0 IS NULL OR f.last_seen >= d.t0)`,
    [ranges.map((r) => r.icao24), ranges.map((r) => isoOrNull(r.fromMs)), ranges.map((r) => isoOrNull(r.toMs))],
  );
  const inRange = new Set(existing.map((f) => `${f.icao24.trim()}-${f.id}`));
  const icao24s = [...new Set(ranges.map((r) => r.icao24))];
  // Only the decisions on flights this detection replaces: the rest of the history is untouched.
  const decided = (await loadDecidedFindings(client, icao24s)).filter((d) => inRange.has(`${d.icao24}-${d.id}`));
  const byAircraft = new Map<string, ExistingFlight[]>();
  for (const row of existing) {
    const icao24 = row.icao24.trim();
    byAircraft.set(icao24, [...(byAircraft.get(icao24) ?? []), row]);
  }

  // Match each new flight to the stored flight of the same aircraft it overlaps most.
  const used = new Set<string>();
  const ids: (string | null)[] = flights.map((flight) => {
    let best: ExistingFlight | null = null;
    let bestOverlap = 0;
    for (const old of byAircraft.get(flight.icao24) ?? []) {
      if (used.has(old.id)) continue;
      const overlap = Math.min(old.last_ms, flight.lastSeenMs) - Math.max(old.first_ms, flight.firstSeenMs);
      if (overlap >= 0 && (best === null || overlap > bestOverlap)) {
        best = old;
        bestOverlap = overlap;
      }
    }
    if (best) used.add(best.id);
    return best?.id ?? null;
  });
  const needed = ids.filter((id) => id === null).length;
  const fresh = needed
    ? (await client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('flights', 'id'))::text AS id FROM generate_series(1, $1)`, [needed])).rows.map((r) => r.id)
    : [];
  const flightIds = ids.map((id) => id ?? fresh.shift()!);

  const stale = existing.filter((old) => !used.has(old.id) && !old.kept);
  await client.query(
    `DELETE FROM flights f USING unnest($1::char(6)[], $2::bigint[]) AS d(icao24, id) WHERE f.icao24 = d.icao24 AND f.id = d.id`,
    [stale.map((f) => f.icao24), stale.map((f) => f.id)],
  );
  const matchedIcao = flights.map((f) => f.icao24).filter((_, i) => ids[i] !== null);
  const matchedIds = ids.filter((id): id is string => id !== null);
  for (const table of ["flags", "gap_events"]) {
    await client.query(
      `DELETE FROM ${table} t USING unnest($1::char(6)[], $2::bigint[]) AS d(icao24, id) WHERE t.icao24 = d.icao24 AND t.flight_id = d.id`,
      [matchedIcao, matchedIds],
    );
  }
  const flags = flights.flatMap((f, i) => flagRows(f, flightIds[i]!));
  const gaps = flights.flatMap((f, i) => gapRows(f, flightIds[i]!));
  await insertRows(client, flights.map((f, i) => flightRow(f, flightIds[i]!)), flights.map((f) => f.mapTrack), flags, gaps, detectorVersion);
  const signatures = new Map(flights.map((f, i) => [`${f.icao24}-${flightIds[i]}`, findingSignature(f.findings)]));
  await reopenChangedFindings(client, decided, (icao24, id) => signatures.get(`${icao24}-${id}`) ?? null);
  return { flights: flights.length, flags: flags.length, gaps: gaps.length };
}

/** A re-detected flight keeps its id (and so its review and notes): its row is updated in place. */
const FLIGHT_UPSERT = `ON CONFLICT (icao24, id) DO UPDATE SET
  first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, callsign = EXCLUDED.callsign,
  origin_icao = EXCLUDED.origin_icao, destination_icao = EXCLUDED.destination_icao,
  origin_country = EXCLUDED.origin_country, destination_country = EXCLUDED.destination_country,
  endpoints_inferred = EXCLUDED.endpoints_inferred, position_count = EXCLUDED.position_count,
  distance_km = EXCLUDED.distance_km, max_altitude_ft = EXCLUDED.max_altitude_ft, fir_sequence = EXCLUDED.fir_sequence,
  score = EXCLUDED.score, map_track = EXCLUDED.map_track, detector_version = EXCLUDED.detector_version,
  detected_at = EXCLUDED.detected_at`;

async function insertRows(
  client: pg.PoolClient,
  flights: ReturnType<typeof flightRow>[],
  mapTracks: readonly Uint8Array[],
  flags: ReturnType<typeof flagRows>,
  gaps: ReturnType<typeof gapRows>,
  detectorVersion: string,
): Promise<void> {
  if (await isCitus(client)) return insertDetectedValues(client, flights, mapTracks, flags, gaps, detectorVersion, FLIGHT_UPSERT);
  // The map tracks travel as one binary parameter, each row naming its slice: no text to format,
  // escape or parse for their bytes.
  let offset = 0;
  const rows = flights.map((row, i) => {
    const at = offset;
    offset += mapTracks[i]!.length;
    return { ...row, map_track_at: at, map_track_bytes: mapTracks[i]!.length };
  });
  await client.query(
    `INSERT INTO flights (icao24, id, first_seen, last_seen, callsign, origin_icao, destination_icao, origin_country,
                          destination_country, endpoints_inferred, position_count, distance_km, max_altitude_ft,
                          fir_sequence, score, map_track, detector_version, detected_at)
     SELECT icao24, id, first_seen, last_seen, callsign, origin_icao, destination_icao, origin_country, destination_country,
            endpoints_inferred, position_count, distance_km, max_altitude_ft,
            ARRAY(SELECT jsonb_array_elements_text(fir_sequence)), score,
            substring($3::bytea FROM map_track_at + 1 FOR map_track_bytes), $2, now()
       FROM json_to_recordset($1::json) AS r(icao24 text, id bigint, first_seen timestamptz, last_seen timestamptz,
            callsign text, origin_icao text, destination_icao text, origin_country text, destination_country text,
            endpoints_inferred jsonb, position_count int, distance_km float8, max_altitude_ft int, fir_sequence jsonb, score float8,
            map_track_at int, map_track_bytes int)
     ${FLIGHT_UPSERT}`,
    [JSON.stringify(rows), detectorVersion, Buffer.concat(mapTracks)],
  );
  await client.query(
    `INSERT INTO flags (icao24, flight_id, kind, window_start, window_end, evidence, rule_version, config)
     SELECT icao24, flight_id, kind::"FlagKind", window_start, window_end, evidence, rule_version, config
       FROM jsonb_to_recordset($1::jsonb) AS r(icao24 text, flight_id bigint, kind text, window_start timestamptz,
            window_end timestamptz, evidence jsonb, rule_version text, config jsonb)`,
    [JSON.stringify(flags)],
  );
  await client.query(
    `INSERT INTO gap_events (icao24, flight_id, off_time, off_lat_deg, off_lon_deg, off_altitude_ft, off_speed_kt, on_time,
                             on_lat_deg, on_lon_deg, on_altitude_ft, on_speed_kt, duration_s, distance_km, implied_speed_kt,
                             open, partial, suspected, confidence, witness_count)
     SELECT icao24, flight_id, off_time, off_lat_deg, off_lon_deg, off_altitude_ft, off_speed_kt, on_time, on_lat_deg,
            on_lon_deg, on_altitude_ft, on_speed_kt, duration_s, distance_km, implied_speed_kt, open, partial, suspected,
            confidence, witness_count
       FROM jsonb_to_recordset($1::jsonb) AS r(icao24 text, flight_id bigint, off_time timestamptz, off_lat_deg float8,
            off_lon_deg float8, off_altitude_ft int, off_speed_kt real, on_time timestamptz, on_lat_deg float8, on_lon_deg float8,
            on_altitude_ft int, on_speed_kt real, duration_s int, distance_km float8, implied_speed_kt real, open boolean,
            partial boolean, suspected boolean, confidence real, witness_count int)`,
    [JSON.stringify(gaps)],
  );
}
