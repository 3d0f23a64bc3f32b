import "server-only";
import type pg from "pg";
import { dbPool } from "../db/pool";

/** The PostgreSQL channel the live path announces changes on; web servers LISTEN and push them as SSE. */
export const LIVE_CHANNEL = "darkflight_live";

export type LiveChange =
  | { kind: "positions"; streamTimeMs: number | null; inserted: number }
  | { kind: "detection"; streamTimeMs: number | null; flights: number; flags: number }
  | { kind: "alert"; streamTimeMs: number | null; alerts: { id: string; rule: string; summary: string; url: string | null }[] };

const MAX_PAYLOAD_BYTES = 7_900;

/** Announce a change (best effort: a lost notice only delays a page's refresh to the next one). */
export async function notifyLive(change: LiveChange, client: pg.ClientBase | pg.Pool = dbPool()): Promise<void> {
  // NOTIFY payloads are capped at 8000 bytes: alerts that do not fit are left out (the pages list them all).
  let payload = JSON.stringify(change);
  if (change.kind === "alert") {
    for (let n = change.alerts.length; Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES && n > 0; n--) payload = JSON.stringify({ ...change, alerts: change.alerts.slice(0, n - 1) });
  }
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return;
  await client.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]).catch(() => undefined);
}
