import "server-only";
import { webhookPayload } from "../../core/alerts/webhook-payload";
import type { AlertEvent } from "../../core/alerts/alert-event";
import type { WebhookFormat } from "../../core/alerts/alert-rule";
import { dbPool } from "../db/pool";
import { postWebhook } from "./post-webhook";
import { LOCAL_TARGET_CODE } from "./webhook-target";

/** A webhook gets this many tries: 2 s after the first failure, doubling (about 1 min in all). */
export const MAX_DELIVERY_ATTEMPTS = 6;
const FIRST_RETRY_MS = 2_000;
const POST_TIMEOUT_MS = 5_000;
/** A claimed delivery is someone else's for this long (two live processes never post it twice at once). */
const LEASE_MS = 30_000;

interface DueDelivery {
  id: string;
  webhook_url: string;
  format: string;
  attempts: number;
  rule: string;
  icao24: string;
  registration: string | null;
  callsign: string | null;
  typecode: string | null;
  summary: string;
  at: Date;
  url: string | null;
  flight_id: string | null;
  dedupe_key: string;
}

export interface DeliveryRound {
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * POST every webhook delivery that is due, and write the outcome in the delivery log: delivered
 * (2xx), retried with backoff, or failed after MAX_DELIVERY_ATTEMPTS. The log is the queue, so a
 * restart loses nothing: what was pending is posted by the next live process.
 */
export async function deliverDueAlerts(nowMs = Date.now()): Promise<DeliveryRound> {
  const round: DeliveryRound = { delivered: 0, retrying: 0, failed: 0 };
  const { rows } = await dbPool().query<DueDelivery>(
    `WITH due AS (
       UPDATE alert_deliveries SET next_attempt_at = $2
        WHERE id IN (SELECT id FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT 20)
          AND status = 'pending' AND next_attempt_at <= $1
       RETURNING id, alert_id, webhook_url, format, attempts)
     SELECT due.id::text, due.webhook_url, due.format, due.attempts, a.rule, a.icao24, a.registration, a.callsign, a.typecode,
            a.summary, a.at, a.url, a.flight_id::text, a.dedupe_key
       FROM due JOIN alerts a ON a.id = due.alert_id ORDER BY due.id`,
    [new Date(nowMs), new Date(nowMs + LEASE_MS)],
  );
  // Every POST's outcome is written before the round ends (a failed write must not leave others running).
  const settled = await Promise.allSettled(rows.map((row) => deliverOne(row, round)));
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) throw failure.reason;
  return round;
}

async function deliverOne(row: DueDelivery, round: DeliveryRound): Promise<void> {
  const event: AlertEvent = {
    rule: row.rule as AlertEvent["rule"],
    icao24: row.icao24.trim(),
    registration: row.registration,
    callsign: row.callsign,
    typecode: row.typecode,
    summary: row.summary,
    atMs: row.at.getTime(),
    flightId: row.flight_id,
    url: row.url,
    dedupeKey: row.dedupe_key,
  };
  let status: number | null = null;
  let failure: string | null = null;
  try {
    status = await postWebhook(row.webhook_url, JSON.stringify(webhookPayload(event, row.format as WebhookFormat)), POST_TIMEOUT_MS);
    if (status < 200 || status > 299) failure = `HTTP ${status}`;
  } catch (error) {
    failure = describePostError(error);
  }
  const attempts = row.attempts + 1;
  if (failure === null) {
    round.delivered += 1;
    await dbPool().query(
      `UPDATE alert_deliveries SET status = 'delivered', attempts = $2, response_status = $3, delivered_at = $4, last_error = NULL WHERE id = $1`,
      [row.id, attempts, status, new Date()],
    );
    return;
  }
  const final = attempts >= MAX_DELIVERY_ATTEMPTS;
  if (final) round.failed += 1;
  else round.retrying += 1;
  await dbPool().query(
    `UPDATE alert_deliveries SET status = $2, attempts = $3, response_status = $4, last_error = $5, next_attempt_at = $6 WHERE id = $1`,
    [row.id, final ? "failed" : "pending", attempts, status, failure, new Date(Date.now() + FIRST_RETRY_MS * 2 ** (attempts - 1))],
  );
}

/** Words for the delivery log, never the error's own message (it may quote the URL, a secret). */
function describePostError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === "ETIMEDOUT") return `no answer within ${POST_TIMEOUT_MS / 1000} s`;
  if (code === LOCAL_TARGET_CODE) return "refused: the host is this machine, link-local or multicast";
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "no such host";
  if (code === "ECONNRESET") return "connection reset";
  if (code === "CERT_HAS_EXPIRED" || code?.startsWith("ERR_TLS") || code?.includes("CERT")) return "TLS certificate refused";
  return code ? `request failed (${code})` : "request failed";
}
