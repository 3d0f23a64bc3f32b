import "server-only";
import { dedupeKeyOf, DEFAULT_ALERT_COOLDOWN_MS, isInCooldown } from "../../core/alerts/alert-event";
import { ruleMatches, type AlertRuleChoice, type AlertRuleKind } from "../../core/alerts/alert-rule";
import { describeAlert, type AlertDescriptionInput, type WatchMatch } from "../../core/alerts/describe-alert";
import { flightKey } from "../../core/flight-record";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import { cubaVenezuelaEvidenceSchema } from "../../core/model/evidence/cuba-venezuela-evidence";
import { positionSpoofingEvidenceSchema } from "../../core/model/evidence/position-spoofing-evidence";
import { transponderGapEvidenceSchema } from "../../core/model/evidence/transponder-gap-evidence";
import { typeOfInterestEvidenceSchema } from "../../core/model/evidence/type-of-interest-evidence";
import { zoneAvoidanceEvidenceSchema } from "../../core/model/evidence/zone-avoidance-evidence";
import { dbPool } from "../db/pool";

export interface RaisedAlert {
  id: string;
  rule: AlertRuleKind;
  icao24: string;
  summary: string;
  url: string | null;
}

interface FlagRow {
  icao24: string;
  flight_id: string;
  callsign: string | null;
  kind: string;
  evidence: unknown;
  config: unknown;
  registration: string | null;
  typecode: string | null;
  last_lat: number | null;
  last_lon: number | null;
  last_alt: number | null;
  last_ms: number | null;
}

interface Candidate {
  rule: AlertRuleKind;
  icao24: string;
  flightId: string;
  episode: string;
  registration: string | null;
  callsign: string | null;
  typecode: string | null;
  description: AlertDescriptionInput;
}

/** Flights whose last position is within this of the stream clock are "live" (the longest open silence graded). */
const LIVE_WINDOW_MS = DEFAULT_DETECTION_CONFIG.gaps.maxOpenS * 1000;

/**
 * Turn what detection found on the live flights into alerts: a watchlisted aircraft seen, an
 * aircraft of interest gone dark where it should be heard (an open silence graded suspected), a
 * Cuba–Venezuela flight, a detour around a watched zone, position spoofing by an aircraft of
 * interest. One alert per rule, aircraft and episode (its dedupe key), and none within the
 * cooldown of the last one of the same aircraft and rule. An alert is kept when a rule wants
 * it; each matching webhook rule gets a delivery in the log (deliver-alerts.ts posts them).
 */
export async function evaluateLiveAlerts(streamClockMs: number, publicUrl: string): Promise<RaisedAlert[]> {
  const pool = dbPool();
  const rules = await pool.query<{ id: number; rule: AlertRuleChoice; channel: string; webhook_url: string | null; webhook_format: string | null }>(
    `SELECT id, rule, channel, webhook_url, webhook_format FROM alert_rules ORDER BY id`,
  );
  if (rules.rows.length === 0) return [];
  const { rows } = await pool.query<FlagRow>(
    `SELECT f.icao24, f.id::text AS flight_id, f.callsign, g.kind::text, g.evidence, g.config
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
  const candidates = await candidatesOf(rows, identity, streamClockMs);

  const raised: RaisedAlert[] = [];
  for (const c of candidates) {
    const wanted = rules.rows.filter((r) => ruleMatches(r.rule, c.rule));
    if (wanted.length === 0) continue;
    const dedupeKey = dedupeKeyOf(c.rule, c.icao24, c.episode);
    const previous = await pool.query<{ at_ms: number; same: boolean }>(
      `SELECT (extract(epoch FROM at) * 1000)::float8 AS at_ms, dedupe_key = $3 AS same FROM alerts
        WHERE (icao24 = $1 AND rule = $2) OR dedupe_key = $3 ORDER BY at DESC LIMIT 1`,
      [c.icao24, c.rule, dedupeKey],
    );
    const last = previous.rows[0];
    if (last && (last.same || isInCooldown(last.at_ms, streamClockMs, DEFAULT_ALERT_COOLDOWN_MS))) continue;
    const summary = describeAlert(c.description);
    const url = `${publicUrl.replace(/\/$/, "")}/flights/${encodeURIComponent(flightKey(c.icao24, c.flightId))}`;
    const inserted = await pool.query<{ id: string }>(
      `INSERT INTO alerts (rule, icao24, dedupe_key, flight_id, registration, callsign, typecode, summary, at, url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text`,
      [c.rule, c.icao24, dedupeKey, c.flightId, c.registration, c.callsign, c.typecode, summary, new Date(streamClockMs), url],
    );
    const id = inserted.rows[0]?.id;
    if (id === undefined) continue;
    const hooks = wanted.filter((r) => r.channel === "webhook" && r.webhook_url);
    if (hooks.length > 0) {
      await pool.query(
        `INSERT INTO alert_deliveries (alert_id, rule_id, webhook_url, format, next_attempt_at)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[]), (SELECT $5::timestamptz)`,
        [id, hooks.map((h) => h.id), hooks.map((h) => h.webhook_url), hooks.map((h) => h.webhook_format ?? "json"), new Date()],
      );
    }
    raised.push({ id, rule: c.rule, icao24: c.icao24, summary, url });
  }
  return raised;
}

async function candidatesOf(
  rows: FlagRow[],
  identity: Map<string, { registration: string | null; typecode: string | null }>,
  clockMs: number,
): Promise<Candidate[]> {
  const ofInterest = new Set(rows.filter((r) => r.kind === "TYPE_OF_INTEREST").map((r) => `${r.icao24}-${r.flight_id}`));
  const out: Candidate[] = [];
  for (const row of rows) {
    const known = identity.get(row.icao24);
    const who = { icao24: row.icao24.trim(), registration: known?.registration ?? null, typecode: known?.typecode ?? null, callsign: row.callsign };
    const base = { icao24: who.icao24, flightId: row.flight_id, registration: who.registration, callsign: who.callsign, typecode: who.typecode };
    const interesting = ofInterest.has(`${row.icao24}-${row.flight_id}`);
    if (row.kind === "TYPE_OF_INTEREST") {
      const evidence = typeOfInterestEvidenceSchema.parse(row.evidence);
      const seenAt = await lastPosition(row.icao24, row.flight_id);
      if (!seenAt) continue;
      out.push({ ...base, rule: "seen", episode: row.flight_id, description: { rule: "seen", ...who, ...seenAt, watchedBy: watchedBy(evidence, row.config) } });
    } else if (row.kind === "CUBA_VENEZUELA") {
      const e = cubaVenezuelaEvidenceSchema.parse(row.evidence);
      const end = (p: { airportIcao: string | null }) => ({ icao: p.airportIcao, name: null });
      out.push({ ...base, rule: "cuba-venezuela", episode: row.flight_id, description: { rule: "cuba-venezuela", ...who, origin: end(e.origin), destination: end(e.destination), scheduled: null } });
    } else if (row.kind === "ZONE_AVOIDANCE") {
      const e = zoneAvoidanceEvidenceSchema.parse(row.evidence);
      out.push({ ...base, rule: "detour", episode: row.flight_id, description: { rule: "detour", ...who, zoneName: e.zoneName, crossTrackOffsetKm: e.maxOffsetKm } });
    } else if (row.kind === "POSITION_SPOOFING" && interesting) {
      const e = positionSpoofingEvidenceSchema.parse(row.evidence);
      const kind = e.signs.includes("jump") ? "teleported" : e.signs.includes("frozen") ? "frozen" : "stationary";
      out.push({ ...base, rule: "spoofing", episode: `${row.flight_id}:${Date.parse(e.start)}`, description: { rule: "spoofing", ...who, stretchKind: kind, durationS: e.minutes * 60 } });
    } else if (row.kind === "TRANSPONDER_GAP" && interesting) {
      const e = transponderGapEvidenceSchema.parse(row.evidence);
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

/** Why an aircraft is of interest, from the watchlist the flag was made with (its stored config). */
function watchedBy(evidence: { typecode: string | null; icao24: string; tags: string[] }, config: unknown): WatchMatch[] {
  const lists = (config ?? {}) as { typecodes?: string[]; icao24s?: string[]; tags?: string[] };
  const out: WatchMatch[] = [];
  const type = evidence.typecode?.toUpperCase();
  if (type && lists.typecodes?.some((t) => t.toUpperCase() === type)) out.push({ kind: "TYPECODE", value: type });
  if (lists.icao24s?.some((x) => x.toLowerCase() === evidence.icao24)) out.push({ kind: "ICAO24", value: evidence.icao24 });
  const tags = new Set((lists.tags ?? []).map((t) => t.toLowerCase()));
  for (const tag of evidence.tags) if (tags.has(tag.toLowerCase())) out.push({ kind: "TAG", value: tag });
  return out;
}

async function lastPosition(icao24: string, flightId: string): Promise<{ latDeg: number; lonDeg: number; altitudeFt: number | null; atMs: number } | null> {
  const { rows } = await dbPool().query<{ lat_deg: number; lon_deg: number; altitude_baro_ft: number | null; at_ms: number }>(
    `SELECT p.lat_deg, p.lon_deg, p.altitude_baro_ft, (extract(epoch FROM p.time) * 1000)::float8 AS at_ms
       FROM flights f JOIN positions p ON p.icao24 = f.icao24 AND p.time BETWEEN f.first_seen AND f.last_seen
      WHERE f.icao24 = $1 AND f.id = $2 ORDER BY p.time DESC LIMIT 1`,
    [icao24, flightId],
  );
  const r = rows[0];
  return r ? { latDeg: r.lat_deg, lonDeg: r.lon_deg, altitudeFt: r.altitude_baro_ft, atMs: r.at_ms } : null;
}
