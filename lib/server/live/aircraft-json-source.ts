import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { parseAircraftJson } from "../../ingest/parse-aircraft-json";
import type { FeedStatus } from "./feed-status";
import { nextReconnectDelayMs, RECONNECT_FIRST_MS, withJitter, type LiveSink } from "./live-sink";

/** tar1090 rewrites aircraft.json about once a second. */
export const AIRCRAFT_JSON_POLL_MS = 1_000;
const FETCH_TIMEOUT_MS = 5_000;
/** A position of an aircraft within this of the last one sent is the same fix read again (seen_pos is rounded). */
const SAME_FIX_MS = 250;
/** Aircraft not in the document for this long (stream time) are forgotten. */
const FORGET_AFTER_MS = 10 * 60_000;

/**
 * Poll a readsb / tar1090 `aircraft.json` until `signal` aborts. Each aircraft's position takes
 * its time from the document (`now − seen_pos`), so consecutive polls repeat a fix with the same
 * time: only fixes at another time than the last one sent for that aircraft go on (the database
 * key would drop the same one anyway; this spares the round trip). A failed poll backs off (1 s doubling to 30 s),
 * and the poll that works again counts as a reconnect. The next poll waits while the sink is full.
 */
export async function runAircraftJsonSource(
  address: { httpUrl: string; url: string },
  sink: LiveSink,
  status: FeedStatus,
  signal: AbortSignal,
  pollMs = AIRCRAFT_JSON_POLL_MS,
): Promise<void> {
  const lastSent = new Map<string, number>();
  let delayMs = RECONNECT_FIRST_MS;
  let failing = false;
  while (!signal.aborted) {
    const startedMs = Date.now();
    try {
      const text = await fetchText(address.httpUrl, signal);
      const { streamTimeMs, events } = parseAircraftJson(text, { fileName: address.url, nowMs: Number.MAX_SAFE_INTEGER });
      if (failing) status.reconnects += 1;
      failing = false;
      delayMs = RECONNECT_FIRST_MS;
      status.connected = true;
      for (const event of events) {
        if (event.kind === "aircraft") sink.identity(event.identity);
        else if (event.kind === "error") status.error(`aircraft ${event.error.line}: ${event.error.reason}`);
        else {
          status.message(Date.now());
          const r = event.record;
          const timeMs = r.time.getTime();
          const last = lastSent.get(r.icao24);
          // Either side: a receiver whose clock stepped back sends older times, new fixes all the same.
          if (last !== undefined && Math.abs(timeMs - last) <= SAME_FIX_MS) continue;
          lastSent.set(r.icao24, timeMs);
          const waiting = sink.record(r);
          if (waiting) await waiting;
        }
      }
      for (const [icao24, lastMs] of lastSent) if (Math.abs(streamTimeMs - lastMs) > FORGET_AFTER_MS) lastSent.delete(icao24);
      await sleep(Math.max(0, pollMs - (Date.now() - startedMs)), undefined, { signal }).catch(() => undefined);
    } catch (error) {
      if (signal.aborted) break;
      failing = true;
      status.connected = false;
      status.error((error as Error).name === "TimeoutError" ? `${address.httpUrl} did not answer within ${FETCH_TIMEOUT_MS / 1000} s` : describeFetchError(error, address.httpUrl));
      await sleep(withJitter(delayMs), undefined, { signal }).catch(() => undefined);
      delayMs = nextReconnectDelayMs(delayMs);
    }
  }
  status.connected = false;
}

function describeFetchError(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  if (cause?.code === "ECONNREFUSED") return `${url}: connection refused`;
  if (cause?.code === "ENOTFOUND") return `${url}: no such host`;
  return (error as Error | null)?.message ?? String(error);
}

/**
 * GET the document within FETCH_TIMEOUT_MS, or until `signal` aborts. One controller per request,
 * linked by hand: AbortSignal.any with the process-long signal leaks per call on some Node versions.
 */
async function fetchText(url: string, signal: AbortSignal): Promise<string> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`${url} answered HTTP ${response.status}`);
    }
    return await readCapped(response, url);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

/**
 * The largest document read: readsb's aircraft.json for thousands of aircraft is a few MB. A
 * larger one is refused as a failed poll, before it is held whole (a process's heap is 256 MB).
 */
const MAX_AIRCRAFT_JSON_BYTES = 16 * 1024 * 1024;

async function readCapped(response: Response, url: string): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  const tooLarge = () => new Error(`${url} sent more than ${MAX_AIRCRAFT_JSON_BYTES / 1024 / 1024} MB: not an aircraft.json`);
  if (declared > MAX_AIRCRAFT_JSON_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.byteLength;
    if (bytes > MAX_AIRCRAFT_JSON_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
