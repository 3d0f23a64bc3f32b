import "server-only";
import type { CanonicalPosition } from "../../ingest/canonical-position";
import type { AircraftIdentity } from "../../ingest/types";

/** Where a source puts what it reads. `record` returns a promise only when the buffer is full: await it. */
export interface LiveSink {
  record(record: CanonicalPosition): Promise<void> | null;
  identity(identity: AircraftIdentity): void;
}

/** Reconnection delays: 1 s doubling to 30 s, with jitter; back to 1 s after a connection that lasted. */
export const RECONNECT_FIRST_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;
/** A connection that lived this long resets the backoff. */
export const STABLE_CONNECTION_MS = 10_000;

export function nextReconnectDelayMs(previousMs: number): number {
  return Math.min(RECONNECT_MAX_MS, previousMs * 2);
}

export function withJitter(ms: number): number {
  return Math.round(ms * (0.75 + Math.random() * 0.5));
}
