import "server-only";
import type pg from "pg";
import type { DetectedFlight } from "../../core/model/flight";
import { findingSignature } from "../../core/review/finding-signature";
import { loadDecidedFindings, reopenChangedFindings } from "../review/reopen-changed-findings";

interface ExistingFlight {
  icao24: string;
  id: string;
  first_ms: number;
  last_ms: number;
  kept: boolean;
}

/**
 * Replace the stored flights of the given aircraft with a new detection, inside the caller's
 * transaction. A new flight that overlaps a stored one keeps that flight's id, so analysts'
 * reviews and notes stay attached across re-detections; flags and gap events are rewritten.
 * A stored flight that no longer exists is deleted, unless an analyst reviewed or annotated it.
 * A decided or published finding whose flags changed goes back to review (reopen-changed-findings).
 */
export async function storeDetectedFlights(
  client: pg.PoolClient,
  icao24s: string[],
  flights: DetectedFlight[],
  detectorVersion: string,
): Promise<{ flights: number; flags: number; gaps: number }> {
  const { rows: existing } = await client.query<ExistingFlight>(
    `SELECT f.icao24, f.id::text, (extract(epoch FROM f.first_seen) * 1000)::float8 AS first_ms,
            (extract(epoch FROM f.last_seen) * 1000)::float8 AS last_ms,
            (EXISTS (SELECT 1 FROM reviews r WHERE r.icao24 = f.icao24 AND r.flight_id = f.id)
             OR EXISTS (SELECT 1 FROM notes n WHERE n.icao24 = f.icao24 AND n.flight_id = f.id)) AS kept
       FROM flights f WHERE f.icao24 = ANY($1::text[])`,
    [icao24s],
  );
  const decided = await loadDecidedFindings(client, icao24s);
  const byAircraft = new Map<string, ExistingFlight[]>();
  for (const row of existing) byAircraft.set(row.icao24, [...(byAircraft.get(row.icao24) ?? []), row]);

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

  const stale = existing.filter((old) => !used.has(old.id));
  await client.query(
    `DELETE FROM flights f USING unnest($1::text[], $2::bigint[]) AS d(icao24, id) WHERE f.icao24 = d.icao24 AND f.id = d.id`,
    [stale.filter((f) => !f.kept).map((f) => f.icao24), stale.filter((f) => !f.kept).map((f) => f.id)],
  );
  const matchedIcao = flights.map((f) => f.icao24).filter((_, i) => ids[i] !== null);
  const matchedIds = ids.filter((id): id is string => id !== null);
  for (const table of ["flags", "gap_events"]) {
    await client.query(
      `DELETE FROM ${table} t USING unnest($1::text[], $2::bigint[]) AS d(icao24, id) WHERE t.icao24 = d.icao24 AND t.flight_id = d.id`,
      [matchedIcao, matchedIds],
    );
  }

  const flightRows = flights.map((f, i) => ({
    icao24: f.icao24,
    id: flightIds[i],
    first_seen: new Date(f.firstSeenMs).toISOString(),
    last_seen: new Date(f.lastSeenMs).toISOString(),
    callsign: f.callsign,
    origin_icao: f.origin.airportIcao,
    destination_icao: f.destination.airportIcao,
    origin_country: f.origin.country,
    destination_country: f.destination.country,
    endpoints_inferred: { origin: endpointJson(f.origin), destination: endpointJson(f.destination), scoreExplanation: f.scoreExplanation },
    position_count: f.points.length,
    distance_km: Math.round(f.distanceKm * 10) / 10,
    max_altitude_ft: f.maxAltitudeFt === null ? null : Math.round(f.maxAltitudeFt),
    fir_sequence: f.firSequence,
    score: f.score,
  }));
  await client.query(
    `INSERT INTO flights (icao24, id, first_seen, last_seen, callsign, origin_icao, destination_icao, origin_country,
                          destination_country, endpoints_inferred, position_count, distance_km, max_altitude_ft,
                          fir_sequence, score, detector_version, detected_at)
     SELECT icao24, id, first_seen, last_seen, callsign, origin_icao, destination_icao, origin_country, destination_country,
            endpoints_inferred, position_count, distance_km, max_altitude_ft,
            ARRAY(SELECT jsonb_array_elements_text(fir_sequence)), score, $2, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(icao24 text, id bigint, first_seen timestamptz, last_seen timestamptz,
            callsign text, origin_icao text, destination_icao text, origin_country text, destination_country text,
            endpoints_inferred jsonb, position_count int, distance_km float8, max_altitude_ft int, fir_sequence jsonb, score float8)
     ON CONFLICT (icao24, id) DO UPDATE SET
       first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, callsign = EXCLUDED.callsign,
       origin_icao = EXCLUDED.origin_icao, destination_icao = EXCLUDED.destination_icao,
       origin_country = EXCLUDED.origin_country, destination_country = EXCLUDED.destination_country,
       endpoints_inferred = EXCLUDED.endpoints_inferred, position_count = EXCLUDED.position_count,
       distance_km = EXCLUDED.distance_km, max_altitude_ft = EXCLUDED.max_altitude_ft, fir_sequence = EXCLUDED.fir_sequence,
       score = EXCLUDED.score, detector_version = EXCLUDED.detector_version, detected_at = EXCLUDED.detected_at`,
    [JSON.stringify(flightRows), detectorVersion],
  );

  const flagRows = flights.flatMap((f, i) =>
    f.findings.map((finding) => ({
      icao24: f.icao24,
      flight_id: flightIds[i],
      kind: finding.kind,
      window_start: new Date(finding.windowStartMs).toISOString(),
      window_end: new Date(finding.windowEndMs).toISOString(),
      evidence: finding.evidence,
      rule_version: finding.ruleVersion,
      config: finding.config,
    })),
  );
  await client.query(
    `INSERT INTO flags (icao24, flight_id, kind, window_start, window_end, evidence, rule_version, config)
     SELECT icao24, flight_id, kind::"FlagKind", window_start, window_end, evidence, rule_version, config
       FROM jsonb_to_recordset($1::jsonb) AS r(icao24 text, flight_id bigint, kind text, window_start timestamptz,
            window_end timestamptz, evidence jsonb, rule_version text, config jsonb)`,
    [JSON.stringify(flagRows)],
  );

  const gapRows = flights.flatMap((f, i) =>
    f.gaps.map((g) => ({
      icao24: f.icao24,
      flight_id: flightIds[i],
      off_time: new Date(g.off.timeMs).toISOString(),
      off_lat_deg: g.off.latDeg,
      off_lon_deg: g.off.lonDeg,
      off_altitude_ft: g.off.altitudeFt === null ? null : Math.round(g.off.altitudeFt),
      off_speed_kt: g.off.groundSpeedKt,
      on_time: g.on ? new Date(g.on.timeMs).toISOString() : null,
      on_lat_deg: g.on?.latDeg ?? null,
      on_lon_deg: g.on?.lonDeg ?? null,
      on_altitude_ft: g.on?.altitudeFt == null ? null : Math.round(g.on.altitudeFt),
      on_speed_kt: g.on?.groundSpeedKt ?? null,
      duration_s: Math.round(g.durationS),
      distance_km: g.distanceKm,
      implied_speed_kt: g.impliedSpeedKt,
      open: g.open,
      partial: g.partial,
      suspected: g.suspected,
      confidence: g.confidence,
      witness_count: g.witnessCount,
    })),
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
    [JSON.stringify(gapRows)],
  );
  const signatures = new Map(flights.map((f, i) => [`${f.icao24}-${flightIds[i]}`, findingSignature(f.findings)]));
  await reopenChangedFindings(client, decided, (icao24, id) => signatures.get(`${icao24}-${id}`) ?? null);
  return { flights: flights.length, flags: flagRows.length, gaps: gapRows.length };
}

function endpointJson(endpoint: DetectedFlight["origin"]) {
  return { method: endpoint.method, explanation: endpoint.explanation, airportIcao: endpoint.airportIcao, country: endpoint.country };
}
