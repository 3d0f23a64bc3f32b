import "server-only";
import { dedupeKeyOf, DEFAULT_ALERT_COOLDOWN_MS, isInCooldown } from "../../core/alerts/alert-event";
import { ruleMatches, type AlertRuleChoice, type AlertRuleKind } from "../../core/alerts/alert-rule";
import { describeAlert, type AlertDescriptionInput } from "../../core/alerts/describe-alert";
import { guardClient } from "../db/guard-client";
import { dbPool } from "../db/pool";

export interface AlertCandidate {
  rule: AlertRuleKind;
  icao24: string;
  /** What makes a repeat a new event: the flight id, the gap's off time, the first position's time. */
  episode: string;
  flightId: string | null;
  registration: string | null;
  callsign: string | null;
  typecode: string | null;
  /** The flight page, when there is a flight. */
  url: string | null;
  description: AlertDescriptionInput;
}

export interface RaisedAlert {
  id: string;
  rule: AlertRuleKind;
  icao24: string;
  summary: string;
  url: string | null;
}

export interface StoredRule {
  id: number;
  rule: AlertRuleChoice;
  channel: string;
  webhook_url: string | null;
  webhook_format: string | null;
}

export async function loadAlertRules(): Promise<StoredRule[]> {
  const { rows } = await dbPool().query<StoredRule>(`SELECT id, rule, channel, webhook_url, webhook_format FROM alert_rules ORDER BY id`);
  return rows;
}

/**
 * Keep an alert if a rule wants it, once per rule, aircraft and episode (the dedupe key), and
 * not within the cooldown of another alert of the same aircraft and rule (stream time, before or after). Each
 * matching webhook rule gets a row in the delivery log, which deliver-alerts.ts works off.
 * @returns the alert, or null when it was not kept
 */
export async function recordAlert(c: AlertCandidate, rules: readonly StoredRule[], streamClockMs: number): Promise<RaisedAlert | null> {
  const wanted = rules.filter((r) => ruleMatches(r.rule, c.rule));
  if (wanted.length === 0) return null;
  const pool = dbPool();
  const dedupeKey = dedupeKeyOf(c.rule, c.icao24, c.episode);
  // The same episode first; else the alert nearest the clock, on either side: a stream clock
  // that went back (a replay, a feed restarted) must not slip past the cooldown.
  const previous = await pool.query<{ at_ms: number; same: boolean }>(
    `SELECT (extract(epoch FROM at) * 1000)::float8 AS at_ms, dedupe_key = $3 AS same FROM alerts
      WHERE (icao24 = $1 AND rule = $2) OR dedupe_key = $3
      ORDER BY dedupe_key = $3 DESC, abs(extract(epoch FROM at - $4::timestamptz)) LIMIT 1`,
    [c.icao24, c.rule, dedupeKey, new Date(streamClockMs)],
  );
  const last = previous.rows[0];
  if (last && (last.same || isInCooldown(last.at_ms, streamClockMs, DEFAULT_ALERT_COOLDOWN_MS))) return null;
  const summary = describeAlert(c.description);
  const hooks = wanted.filter((r) => r.channel === "webhook" && r.webhook_url);
  // The alert and its deliveries together: a crash between them must not leave an alert whose
  // webhooks are never queued (its dedupe key would stop it being raised again).
  const client = await pool.connect();
  const guard = guardClient(client);
  let id: string | undefined;
  try {
    await client.query("BEGIN");
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO alerts (rule, icao24, dedupe_key, flight_id, registration, callsign, typecode, summary, at, url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text`,
      [c.rule, c.icao24, dedupeKey, c.flightId, c.registration, c.callsign?.trim() || null, c.typecode, summary, new Date(streamClockMs), c.url],
    );
    id = inserted.rows[0]?.id;
    if (id !== undefined && hooks.length > 0) {
      await client.query(
        `INSERT INTO alert_deliveries (alert_id, rule_id, webhook_url, format, next_attempt_at)
         SELECT $1, r.id, r.url, r.format, $5 FROM unnest($2::int[], $3::text[], $4::text[]) AS r(id, url, format)`,
        [id, hooks.map((h) => h.id), hooks.map((h) => h.webhook_url), hooks.map((h) => h.webhook_format ?? "json"), new Date()],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => guard.markBroken());
    throw error;
  } finally {
    guard.release();
  }
  if (id === undefined) return null;
  return { id, rule: c.rule, icao24: c.icao24, summary, url: c.url };
}
