import "server-only";
import { watchMatches } from "../../core/identity/watch-matches";
import { guardClient } from "../db/guard-client";
import { dbPool } from "../db/pool";
import { loadAircraftRefs } from "../detection/load-aircraft-refs";
import { loadAlertRules, recordAlert, type RaisedAlert } from "./record-alert";

/** A watchlisted aircraft heard again after this long is "seen" anew. */
const SEEN_AGAIN_AFTER_MS = 30 * 60_000;

export interface FirstFix {
  icao24: string;
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  altitudeFt: number | null;
  callsign: string | null;
}

/**
 * "Seen": a watchlisted aircraft (its type, address or tag, as for TYPE_OF_INTEREST) appears in
 * the feed, with no position of it stored in the 30 min before its first one in this batch. Raised
 * right after the batch commits, before any flight is built: planefence's promptness, darkflight's
 * watchlist. `firstFixes`: each aircraft's earliest position in the batch just committed.
 */
export async function raiseSeenAlerts(firstFixes: readonly FirstFix[], streamClockMs: number): Promise<RaisedAlert[]> {
  if (firstFixes.length === 0) return [];
  const rules = (await loadAlertRules()).filter((r) => r.rule === "seen" || r.rule === "all");
  if (rules.length === 0) return [];
  const pool = dbPool();
  const entries = await pool.query<{ kind: "TYPECODE" | "ICAO24" | "TAG"; value: string }>(`SELECT kind, value FROM watchlist_entries`);
  const of = (kind: string) => entries.rows.filter((e) => e.kind === kind).map((e) => e.value);
  const watchlist = { typecodes: of("TYPECODE"), icao24s: of("ICAO24"), tags: of("TAG") };
  const client = await pool.connect();
  const guard = guardClient(client);
  let refs;
  try {
    refs = await loadAircraftRefs(client, firstFixes.map((f) => f.icao24));
  } finally {
    guard.release();
  }
  const raised: RaisedAlert[] = [];
  for (const fix of firstFixes) {
    const aircraft = refs.get(fix.icao24) ?? null;
    const watchedBy = watchMatches(fix.icao24, aircraft, watchlist);
    if (watchedBy.length === 0) continue;
    const before = await pool.query(`SELECT 1 FROM positions WHERE icao24 = $1 AND time >= $2 AND time < $3 LIMIT 1`, [
      fix.icao24, new Date(fix.timeMs - SEEN_AGAIN_AFTER_MS), new Date(fix.timeMs),
    ]);
    if ((before.rowCount ?? 0) > 0) continue;
    const who = { icao24: fix.icao24, registration: aircraft?.registration ?? null, typecode: aircraft?.typecode ?? null, callsign: fix.callsign };
    const alert = await recordAlert(
      {
        rule: "seen", ...who, episode: String(fix.timeMs), flightId: null, url: null,
        description: { rule: "seen", ...who, latDeg: fix.latDeg, lonDeg: fix.lonDeg, altitudeFt: fix.altitudeFt, atMs: fix.timeMs, watchedBy },
      },
      rules,
      streamClockMs,
    );
    if (alert) raised.push(alert);
  }
  return raised;
}
