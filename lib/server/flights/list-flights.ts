import "server-only";
import { dbPool } from "../db/pool";

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

export async function listFlights(filter: FlightFilter = {}): Promise<FlightSummary[]> {
  const { rows } = await dbPool().query<{
    id: string;
    icao24: string;
    registration: string | null;
    typecode: string | null;
    operator: string | null;
    callsign: string | null;
    origin_icao: string | null;
    destination_icao: string | null;
    origin_country: string | null;
    destination_country: string | null;
    first_seen: Date;
    last_seen: Date;
    score: number;
    flags: { kind: string; rule_version: string; evidence: Record<string, unknown> }[];
  }>(
    `SELECT f.id::text, f.icao24, a.registration, a.typecode, a.operator, f.callsign, f.origin_icao, f.destination_icao,
            f.origin_country, f.destination_country, f.first_seen, f.last_seen, f.score,
            coalesce((SELECT jsonb_agg(jsonb_build_object('kind', g.kind, 'rule_version', g.rule_version, 'evidence', g.evidence)
                                       ORDER BY g.kind, g.window_start)
                        FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id), '[]'::jsonb) AS flags
       FROM flights f LEFT JOIN aircraft a ON a.icao24 = f.icao24
      WHERE ($1::timestamptz IS NULL OR f.last_seen >= $1)
        AND ($2::timestamptz IS NULL OR f.first_seen <= $2)
        AND (NOT $3 OR EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id))
      ORDER BY f.score DESC, f.first_seen, f.icao24`,
    [filter.since ?? null, filter.until ?? null, filter.flagged ?? false],
  );
  return rows.map((r) => ({
    id: r.id,
    icao24: r.icao24.trim(),
    registration: r.registration,
    typecode: r.typecode,
    operator: r.operator,
    callsign: r.callsign,
    origin: r.origin_icao,
    destination: r.destination_icao,
    originCountry: r.origin_country,
    destinationCountry: r.destination_country,
    firstSeen: r.first_seen.toISOString(),
    lastSeen: r.last_seen.toISOString(),
    score: Math.round(r.score * 1000) / 1000,
    flags: r.flags.map((g) => ({ kind: g.kind, ruleVersion: g.rule_version, ...g.evidence })),
  }));
}
