import "server-only";
import { describeDarkAlert } from "../../core/alerts/describe-alert";
import { flightKey } from "../../core/flight-record";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import { transponderGapEvidenceSchema } from "../../core/model/evidence/transponder-gap-evidence";
import { dbPool } from "../db/pool";

export interface DarkNowEntry {
  flightKey: string;
  icao24: string;
  registration: string | null;
  typecode: string | null;
  callsign: string | null;
  offTime: string;
  offAltitudeFt: number | null;
  silentMinutes: number;
  expectedPositions: number;
  witnesses: number;
  suspected: boolean;
  summary: string;
}

/**
 * "Dark now": the open silences of aircraft of interest (a TYPE_OF_INTEREST flag) on flights
 * heard within the longest open silence graded (`maxOpenS`) of the stream clock (the newest
 * position stored), with the grading's expected-vs-received evidence in words. Suspected first.
 */
export async function listDarkNow(): Promise<{ streamTime: string | null; entries: DarkNowEntry[] }> {
  const pool = dbPool();
  const clock = await pool.query<{ ms: number | null }>(`SELECT (extract(epoch FROM max(time)) * 1000)::float8 AS ms FROM positions`);
  const clockMs = clock.rows[0]?.ms ?? null;
  if (clockMs === null) return { streamTime: null, entries: [] };
  // The registry apart: on Citus a correlated subquery may not sit beside a reference table.
  const { rows } = await pool.query<{ icao24: string; flight_id: string; callsign: string | null; evidence: unknown }>(
    `SELECT f.icao24, f.id::text AS flight_id, f.callsign, g.evidence
       FROM flights f
       JOIN flags g ON g.icao24 = f.icao24 AND g.flight_id = f.id AND g.kind = 'TRANSPONDER_GAP'
      WHERE f.last_seen >= $1 AND (g.evidence->>'open')::boolean
        AND EXISTS (SELECT 1 FROM flags t WHERE t.icao24 = f.icao24 AND t.flight_id = f.id AND t.kind = 'TYPE_OF_INTEREST')`,
    [new Date(clockMs - DEFAULT_DETECTION_CONFIG.gaps.maxOpenS * 1000)],
  );
  const known = await pool.query<{ icao24: string; registration: string | null; typecode: string | null }>(
    `SELECT icao24, registration, typecode FROM aircraft WHERE icao24 = ANY($1::char(6)[])`,
    [[...new Set(rows.map((r) => r.icao24))]],
  );
  const identity = new Map(known.rows.map((a) => [a.icao24, a]));
  const entries = rows.flatMap((r) => {
    const e = transponderGapEvidenceSchema.safeParse(r.evidence).data;
    if (!e) return []; // an older evidence shape: left out rather than failing the page
    const icao24 = r.icao24.trim();
    const offTimeMs = Date.parse(e.start);
    const who = { icao24, registration: identity.get(r.icao24)?.registration ?? null, typecode: identity.get(r.icao24)?.typecode ?? null, callsign: r.callsign };
    return [{
      flightKey: flightKey(icao24, r.flight_id),
      ...who,
      offTime: e.start,
      offAltitudeFt: e.offPoint.altitudeFt,
      silentMinutes: Math.round((clockMs - offTimeMs) / 60_000),
      expectedPositions: e.expectedPositions,
      witnesses: e.witnesses,
      suspected: e.suspected,
      summary: describeDarkAlert({
        ...who, suspected: e.suspected, partial: e.partial, offAltitudeFt: e.offPoint.altitudeFt, offLatDeg: e.offPoint.latDeg,
        offLonDeg: e.offPoint.lonDeg, offTimeMs, nowMs: clockMs, expectedPositions: e.expectedPositions, witnessCount: e.witnesses,
      }),
    }];
  });
  entries.sort((a, b) => Number(b.suspected) - Number(a.suspected) || a.offTime.localeCompare(b.offTime));
  return { streamTime: new Date(clockMs).toISOString(), entries };
}
