import "server-only";
import type { FlightRecord } from "../../core/flight-record";
import { dbPool } from "../db/pool";
import { loadFlightRecords, type FlightRef } from "./load-flight-records";

/**
 * The public flight contract (CLI `flights --json`, later the API): airports are ICAO codes or
 * null; each flag carries its kind and its evidence fields.
 */
export interface FlightSummary {
  id: string;
  icao24: string;
  registration: string | null;
  typecode: string | null;
  operator: string | null;
  callsign: string | null;
  origin: string | null;
  destination: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  firstSeen: string;
  lastSeen: string;
  score: number;
  flags: ({ kind: string; ruleVersion: string } & Record<string, unknown>)[];
}

export interface FlightFilter {
  flagged?: boolean;
  since?: Date;
  until?: Date;
}

/**
 * The flights matching `filter`, highest score first. This query only chooses and orders the
 * flights; {@link loadFlightRecords} reads them (the one mapping of a flights row).
 */
export async function listFlights(filter: FlightFilter = {}): Promise<FlightSummary[]> {
  const { rows } = await dbPool().query<FlightRef>(
    `SELECT f.icao24, f.id::text
       FROM flights f
      WHERE ($1::timestamptz IS NULL OR f.last_seen >= $1)
        AND ($2::timestamptz IS NULL OR f.first_seen <= $2)
        AND (NOT $3 OR EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id))
      ORDER BY f.score DESC, f.first_seen, f.icao24`,
    [filter.since ?? null, filter.until ?? null, filter.flagged ?? false],
  );
  return (await loadFlightRecords(rows.map((r) => ({ icao24: r.icao24.trim(), id: r.id })))).map(toFlightSummary);
}

function toFlightSummary(f: FlightRecord): FlightSummary {
  return {
    id: f.id,
    icao24: f.icao24,
    registration: f.aircraft?.registration ?? null,
    typecode: f.aircraft?.typecode ?? null,
    operator: f.aircraft?.operator ?? null,
    callsign: f.callsign,
    origin: f.origin.airportIcao,
    destination: f.destination.airportIcao,
    originCountry: f.origin.country,
    destinationCountry: f.destination.country,
    firstSeen: new Date(f.firstSeenMs).toISOString(),
    lastSeen: new Date(f.lastSeenMs).toISOString(),
    score: Math.round(f.score * 1000) / 1000,
    flags: f.flags.map((g) => ({ kind: g.kind, ruleVersion: g.ruleVersion, ...g.evidence })),
  };
}
