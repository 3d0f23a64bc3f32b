import "server-only";
import type pg from "pg";
import { dbPool } from "../db/pool";

/** The PostgreSQL channel the live path announces changes on; web servers LISTEN and push them as SSE. */
export const LIVE_CHANNEL = "darkflight_live";

export type LiveChange =
  | { kind: "positions"; streamTimeMs: number | null; inserted: number }
  | { kind: "detection"; streamTimeMs: number | null; flights: number; flags: number }
  | { kind: "alert"; streamTimeMs: number | null; alerts: { id: string; rule: string; summary: string; url: string | null }[] };

/** Announce a change (best effort: a lost notice only delays a page's refresh to the next one). */
export async function notifyLive(change: LiveChange, client: pg.ClientBase | pg.Pool = dbPool()): Promise<void> {
  // NOTIFY payloads are capped at 8000 bytes: alerts beyond a few are announced by count.
  const payload = JSON.stringify(change.kind === "alert" && change.alerts.length > 10 ? { ...change, alerts: change.alerts.slice(0, 10) } : change);
  await client.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload.slice(0, 7900)]).catch(() => undefined);
}
