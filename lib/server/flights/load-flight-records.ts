import "server-only";
import type { FlagKind } from "../../core/model/finding";
import type { EndpointRecord, FlightRecord, GapRecord } from "../../core/flight-record";
import { flightKey } from "../../core/flight-record";
import { dbPool } from "../db/pool";

export interface FlightRef {
  icao24: string;
  id: string;
}

interface EndpointJson {
  method?: string;
  explanation?: string;
  airportIcao?: string | null;
  country?: string | null;
}

interface Row {
  icao24: string;
  id: string;
  callsign: string | null;
  first_ms: number;
  last_ms: number;
  origin_icao: string | null;
  destination_icao: string | null;
  origin_country: string | null;
  destination_country: string | null;
  endpoints_inferred: { origin?: EndpointJson; destination?: EndpointJson } | null;
  position_count: number;
  distance_km: number;
  max_altitude_ft: number | null;
  fir_sequence: string[];
  score: number;
  detector_version: string;
  origin_name: string | null;
  origin_lat: number | null;
  origin_lon: number | null;
  destination_name: string | null;
  destination_lat: number | null;
  destination_lon: number | null;
  registration: string | null;
  typecode: string | null;
  model: string | null;
  operator: string | null;
  block_country: string | null;
  tags: string[] | null;
  identity_source: string | null;
  has_aircraft: boolean;
  flags: { id: string; kind: FlagKind; start_ms: number; end_ms: number; evidence: Record<string, unknown>; rule_version: string; config: Record<string, unknown> }[];
  gaps: {
    off_ms: number; off_lat: number; off_lon: number; off_alt: number | null; off_kt: number | null;
    on_ms: number | null; on_lat: number | null; on_lon: number | null; on_alt: number | null; on_kt: number | null;
    duration_s: number; distance_km: number | null; implied_kt: number | null; open: boolean; partial: boolean;
    suspected: boolean; confidence: number; witness_count: number;
  }[];
}

/**
 * Flights with their aircraft, flags and gap events, in the order of `refs` (missing ones are
 * left out). One query for any number of flights: the public overview loads all its published
 * findings at once. Callers decide who may see what; this only reads. The one place a flights
 * row becomes an object: queries that choose flights (listFlights, the review queue, the public
 * overview) select their keys and read them here.
 */
export async function loadFlightRecords(refs: FlightRef[]): Promise<FlightRecord[]> {
  if (refs.length === 0) return [];
  // Named: planned once per connection (the joins and aggregates cost more to plan than to run).
  const { rows } = await dbPool().query<Row>({
    name: "load-flight-records",
    text: `SELECT f.icao24, f.id::text, f.callsign,
            (extract(epoch FROM f.first_seen) * 1000)::float8 AS first_ms, (extract(epoch FROM f.last_seen) * 1000)::float8 AS last_ms,
            f.origin_icao, f.destination_icao, f.origin_country, f.destination_country, f.endpoints_inferred,
            f.position_count, f.distance_km, f.max_altitude_ft, f.fir_sequence, f.score, f.detector_version,
            ao.name AS origin_name, ao.lat_deg AS origin_lat, ao.lon_deg AS origin_lon,
            ad.name AS destination_name, ad.lat_deg AS destination_lat, ad.lon_deg AS destination_lon,
            a.registration, a.typecode, a.model, a.operator, a.block_country, a.tags, a.identity_source, a.icao24 IS NOT NULL AS has_aircraft,
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', g.id::text, 'kind', g.kind,
                                 'start_ms', (extract(epoch FROM g.window_start) * 1000)::float8,
                                 'end_ms', (extract(epoch FROM g.window_end) * 1000)::float8,
                                 'evidence', g.evidence, 'rule_version', g.rule_version, 'config', g.config) ORDER BY g.kind, g.window_start, g.id)
                        FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id), '[]'::jsonb) AS flags,
            coalesce((SELECT jsonb_agg(jsonb_build_object(
                                 'off_ms', (extract(epoch FROM e.off_time) * 1000)::float8, 'off_lat', e.off_lat_deg, 'off_lon', e.off_lon_deg,
                                 'off_alt', e.off_altitude_ft, 'off_kt', e.off_speed_kt,
                                 'on_ms', (extract(epoch FROM e.on_time) * 1000)::float8, 'on_lat', e.on_lat_deg, 'on_lon', e.on_lon_deg,
                                 'on_alt', e.on_altitude_ft, 'on_kt', e.on_speed_kt, 'duration_s', e.duration_s, 'distance_km', e.distance_km,
                                 'implied_kt', e.implied_speed_kt, 'open', e.open, 'partial', e.partial, 'suspected', e.suspected,
                                 'confidence', e.confidence, 'witness_count', e.witness_count) ORDER BY e.off_time)
                        FROM gap_events e WHERE e.icao24 = f.icao24 AND e.flight_id = f.id), '[]'::jsonb) AS gaps
       FROM unnest($1::char(6)[], $2::bigint[]) WITH ORDINALITY AS k(icao24, id, n)
       JOIN flights f ON f.icao24 = k.icao24 AND f.id = k.id
       LEFT JOIN aircraft a ON a.icao24 = f.icao24
       LEFT JOIN airports ao ON ao.icao = f.origin_icao
       LEFT JOIN airports ad ON ad.icao = f.destination_icao
      ORDER BY k.n`,
    values: [refs.map((r) => r.icao24), refs.map((r) => r.id)],
  });
  return rows.map(toFlightRecord);
}

function endpoint(icao: string | null, country: string | null, name: string | null, lat: number | null, lon: number | null, json: EndpointJson | undefined): EndpointRecord {
  return {
    airportIcao: icao,
    airportName: name,
    country,
    latDeg: lat,
    lonDeg: lon,
    inferred: json?.method !== undefined && json.method !== "airport",
    explanation: json?.explanation ?? null,
  };
}

function toFlightRecord(r: Row): FlightRecord {
  const icao24 = r.icao24.trim();
  const gaps: GapRecord[] = r.gaps.map((g) => ({
    offTimeMs: g.off_ms,
    offLatDeg: g.off_lat,
    offLonDeg: g.off_lon,
    offAltitudeFt: g.off_alt,
    offSpeedKt: g.off_kt,
    onTimeMs: g.on_ms,
    onLatDeg: g.on_lat,
    onLonDeg: g.on_lon,
    onAltitudeFt: g.on_alt,
    onSpeedKt: g.on_kt,
    durationS: g.duration_s,
    distanceKm: g.distance_km,
    impliedSpeedKt: g.implied_kt,
    open: g.open,
    partial: g.partial,
    suspected: g.suspected,
    confidence: g.confidence,
    witnessCount: g.witness_count,
  }));
  return {
    key: flightKey(icao24, r.id),
    icao24,
    id: r.id,
    callsign: r.callsign,
    firstSeenMs: r.first_ms,
    lastSeenMs: r.last_ms,
    origin: endpoint(r.origin_icao, r.origin_country, r.origin_name, r.origin_lat, r.origin_lon, r.endpoints_inferred?.origin),
    destination: endpoint(r.destination_icao, r.destination_country, r.destination_name, r.destination_lat, r.destination_lon, r.endpoints_inferred?.destination),
    distanceKm: r.distance_km,
    maxAltitudeFt: r.max_altitude_ft,
    positionCount: r.position_count,
    firSequence: r.fir_sequence ?? [],
    score: r.score,
    detectorVersion: r.detector_version,
    aircraft: r.has_aircraft
      ? {
          registration: r.registration,
          typecode: r.typecode,
          model: r.model,
          operator: r.operator,
          blockCountry: r.block_country,
          tags: r.tags ?? [],
          identitySource: r.identity_source,
        }
      : null,
    flags: r.flags.map((g) => ({
      id: g.id,
      kind: g.kind,
      windowStartMs: g.start_ms,
      windowEndMs: g.end_ms,
      evidence: g.evidence,
      ruleVersion: g.rule_version,
      config: g.config,
    })),
    gaps,
  };
}
