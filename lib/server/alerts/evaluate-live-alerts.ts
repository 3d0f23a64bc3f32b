import "server-only";
import { flightKey } from "../../core/flight-record";
import { countryOrCode } from "../../core/format/plain-words";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import { cubaVenezuelaEvidenceSchema } from "../../core/model/evidence/cuba-venezuela-evidence";
import { positionSpoofingEvidenceSchema } from "../../core/model/evidence/position-spoofing-evidence";
import { transponderGapEvidenceSchema } from "../../core/model/evidence/transponder-gap-evidence";
import { zoneAvoidanceEvidenceSchema } from "../../core/model/evidence/zone-avoidance-evidence";
import { dbPool } from "../db/pool";
import { loadAlertRules, recordAlert, type AlertCandidate, type RaisedAlert } from "./record-alert";

interface FlagRow {
  icao24: string;
  flight_id: string;
  callsign: string | null;
  kind: string;
  evidence: unknown;
}

/** Flights whose last position is within this of the stream clock are "live" (the longest open silence graded). */
const LIVE_WINDOW_MS = DEFAULT_DETECTION_CONFIG.gaps.maxOpenS * 1000;

/**
 * Turn what detection found on the live flights into alerts: an aircraft of interest gone dark
 * where it should be heard (an open silence graded suspected), a Cuba–Venezuela flight, a detour
 * around a watched zone, position spoofing by an aircraft of interest. (A watchlisted aircraft
 * "seen" is raised at ingest, raise-seen-alerts.ts.) Kept and delivered by record-alert.ts.
 */
export async function evaluateLiveAlerts(streamClockMs: number, publicUrl: string): Promise<RaisedAlert[]> {
  const pool = dbPool();
  const rules = await loadAlertRules();
  if (rules.length === 0) return [];
  const { rows } = await pool.query<FlagRow>(
    `SELECT f.icao24, f.id::text AS flight_id, f.callsign, g.kind::text, g.evidence
       FROM flights f JOIN flags g ON g.icao24 = f.icao24 AND g.flight_id = f.id
      WHERE f.last_seen >= $1 AND g.kind IN ('TYPE_OF_INTEREST', 'CUBA_VENEZUELA', 'ZONE_AVOIDANCE', 'POSITION_SPOOFING', 'TRANSPONDER_GAP')
      ORDER BY f.icao24, f.id, g.id`,
    [new Date(streamClockMs - LIVE_WINDOW_MS)],
  );
  if (rows.length === 0) return [];
  const identities = await pool.query<{ icao24: string; registration: string | null; typecode: string | null }>(
    `SELECT icao24, registration, typecode FROM aircraft WHERE icao24 = ANY($1::char(6)[])`,
    [[...new Set(rows.map((r) => r.icao24))]],
  );
  const identity = new Map(identities.rows.map((r) => [r.icao24, r]));
  const raised: RaisedAlert[] = [];
  for (const candidate of candidatesOf(rows, identity, streamClockMs, publicUrl)) {
    const alert = await recordAlert(candidate, rules, streamClockMs);
    if (alert) raised.push(alert);
  }
  return raised;
}

function candidatesOf(
  rows: FlagRow[],
  identity: Map<string, { registration: string | null; typecode: string | null }>,
  clockMs: number,
  publicUrl: string,
): AlertCandidate[] {
  const ofInterest = new Set(rows.filter((r) => r.kind === "TYPE_OF_INTEREST").map((r) => `${r.icao24}-${r.flight_id}`));
  const out: AlertCandidate[] = [];
  for (const row of rows) {
    const known = identity.get(row.icao24);
    const who = { icao24: row.icao24.trim(), registration: known?.registration ?? null, typecode: known?.typecode ?? null, callsign: row.callsign };
    const url = `${publicUrl.replace(/\/$/, "")}/flights/${encodeURIComponent(flightKey(who.icao24, row.flight_id))}`;
    const base = { icao24: who.icao24, flightId: row.flight_id, registration: who.registration, callsign: who.callsign, typecode: who.typecode, url };
    const interesting = ofInterest.has(`${row.icao24}-${row.flight_id}`);
    if (row.kind === "CUBA_VENEZUELA") {
      const e = cubaVenezuelaEvidenceSchema.safeParse(row.evidence).data;
      if (!e) continue; // a flag of an older evidence shape: no alert, never a failed round
      // An end not at an airport yet (the flight is still in the air) is named by its inferred country.
      const end = (p: { airportIcao: string | null; country: string | null }) => ({
        icao: p.airportIcao,
        name: p.airportIcao === null && p.country ? `${countryOrCode(p.country)} (inferred from the track)` : null,
      });
      out.push({ ...base, rule: "cuba-venezuela", episode: row.flight_id, description: { rule: "cuba-venezuela", ...who, origin: end(e.origin), destination: end(e.destination), scheduled: null } });
    } else if (row.kind === "ZONE_AVOIDANCE") {
      const e = zoneAvoidanceEvidenceSchema.safeParse(row.evidence).data;
      if (!e) continue; // a flag of an older evidence shape: no alert, never a failed round
      out.push({ ...base, rule: "detour", episode: row.flight_id, description: { rule: "detour", ...who, zoneName: e.zoneName, crossTrackOffsetKm: e.maxOffsetKm } });
    } else if (row.kind === "POSITION_SPOOFING" && interesting) {
      const e = positionSpoofingEvidenceSchema.safeParse(row.evidence).data;
      if (!e) continue; // a flag of an older evidence shape: no alert, never a failed round
      const kind = e.signs.includes("jump") ? "teleported" : e.signs.includes("frozen") ? "frozen" : "stationary";
      out.push({ ...base, rule: "spoofing", episode: `${row.flight_id}:${Date.parse(e.start)}`, description: { rule: "spoofing", ...who, stretchKind: kind, durationS: e.minutes * 60 } });
    } else if (row.kind === "TRANSPONDER_GAP" && interesting) {
      const e = transponderGapEvidenceSchema.safeParse(row.evidence).data;
      if (!e) continue; // a flag of an older evidence shape: no alert, never a failed round
      if (!e.open || !e.suspected) continue;
      const offTimeMs = Date.parse(e.start);
      out.push({
        ...base,
        rule: "dark",
        episode: String(offTimeMs),
        description: {
          rule: "dark", ...who, suspected: true, partial: e.partial, offAltitudeFt: e.offPoint.altitudeFt, offLatDeg: e.offPoint.latDeg,
          offLonDeg: e.offPoint.lonDeg, offTimeMs, nowMs: clockMs, expectedPositions: e.expectedPositions, witnessCount: e.witnesses,
        },
      });
    }
  }
  return out;
}
