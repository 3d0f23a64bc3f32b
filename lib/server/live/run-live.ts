import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { MAX_FUTURE_MS } from "../../ingest/canonical-position";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import type { Logger } from "../log/logger";
import { runDetection } from "../detection/run-detection";
import { runAircraftJsonSource } from "./aircraft-json-source";
import { commitLiveBatch } from "./commit-live-batch";
import { deliverDueAlerts } from "../alerts/deliver-alerts";
import { evaluateLiveAlerts } from "../alerts/evaluate-live-alerts";
import { raiseSeenAlerts, type FirstFix } from "../alerts/raise-seen-alerts";
import type { RaisedAlert } from "../alerts/record-alert";
import type { CanonicalPosition } from "../../ingest/canonical-position";
import { FeedStatus } from "./feed-status";
import { LatencySamples } from "./latency-samples";
import { LiveBuffer, type BufferedBatch } from "./live-buffer";
import { coalesced, Wake } from "./loop-signals";
import type { LiveSink } from "./live-sink";
import type { LiveSourceAddress } from "./live-source-url";
import { notifyLive } from "./notify-live";
import { queueOpenSilences } from "./queue-open-silences";
import { runSbs1Source } from "./sbs1-source";
import { writeFeedStatus } from "./write-feed-status";

/** How far a position may lie ahead of both this machine's clock and its feed's latest time. */
const MAX_CLOCK_JUMP_MS = 5 * 60_000;

export interface LiveOptions {
  sources: (LiveSourceAddress & { feedId?: number | null })[];
  log: Logger;
  /** Commit what arrived about this often (default 2 s). */
  flushMs?: number;
  /** Records held at most before the sources wait (default 50,000). */
  highWater?: number;
  /** The flight pages' base URL in alerts (PUBLIC_URL, else http://localhost:PORT). */
  publicUrl: string;
  /** Poll interval of aircraft.json sources (default 1 s). */
  pollMs?: number;
}

export interface LiveStats {
  committedBatches: number;
  positions: number;
  duplicates: number;
  detectionRuns: number;
  alerts: number;
  /** Wall time from a message's arrival to its position's COMMIT, ms. */
  storedLatencyMs: { p50: number | null; p95: number | null };
  peakBufferedRecords: number;
  streamTimeMs: number | null;
}

export interface RunningLive {
  statuses: FeedStatus[];
  stats(): LiveStats;
  /** Stop reading, commit what was received, finish the detection run under way. */
  stop(): Promise<void>;
}

/** Each aircraft's earliest position in a batch (for the "seen" alert). */
function firstFixes(records: readonly CanonicalPosition[]): FirstFix[] {
  const first = new Map<string, CanonicalPosition>();
  for (const r of records) {
    const known = first.get(r.icao24);
    if (!known || r.time < known.time) first.set(r.icao24, r);
  }
  return [...first.values()].map((r) => ({
    icao24: r.icao24, timeMs: r.time.getTime(), latDeg: r.latDeg, lonDeg: r.lonDeg, altitudeFt: r.altitudeBaroFt, callsign: r.callsign,
  }));
}

/** A silence is re-graded once the stream clock moved on this much (the "dark now" state follows the traffic). */
const REGRADE_EVERY_STREAM_MS = 30_000;
/** An aircraft of interest silent this long is queued for grading of its open silence. */
const QUIET_S = 60;
/**
 * After a detection round, the loop rests this many times the round's length (at most
 * MAX_DETECTION_REST_MS) before the next: each round re-detects the current flight of every
 * aircraft heard since the last one, whatever their number of commits, so rounds back to back
 * (each commit waking one) held most of a core under a busy feed. A round of 1 s then runs every
 * 4 s, one of 100 ms every 0.4 s. "Seen" alerts go out at the commit, not in these rounds.
 */
const DETECTION_REST_FACTOR = 3;
const MAX_DETECTION_REST_MS = 30_000;

/**
 * The live path in one process: each source (SBS-1 over TCP, aircraft.json over HTTP) reads into
 * one bounded buffer; a writer commits it every `flushMs` as a small atomic batch; a detection
 * loop, woken by each commit, lets the reception map take the batches in, re-grades the open
 * silences of aircraft of interest as the stream clock moves, runs incremental detection, turns
 * new findings into alerts and posts the webhooks that are due. Every change is announced on
 * LISTEN/NOTIFY for the web pages. Positions take the messages' times; the stream clock is the
 * newest of them, never the machine's clock.
 */
export function startLive(options: LiveOptions): RunningLive {
  const { log } = options;
  const abort = new AbortController();
  const buffer = new LiveBuffer(options.highWater ?? 50_000, 20_000);
  const latency = new LatencySamples(20_000);
  const totals = { committedBatches: 0, positions: 0, duplicates: 0, detectionRuns: 0, alerts: 0 };
  const statuses = options.sources.map((s) => new FeedStatus(s.url, s.kind, s.feedId ?? null));
  const streamTimeMs = () => statuses.reduce<number | null>((max, s) => (s.streamTimeMs !== null && (max === null || s.streamTimeMs > max) ? s.streamTimeMs : max), null);
  const detectionWake = new Wake();
  // One delivery round at a time; a slow webhook never holds up ingestion or detection.
  const deliveries = coalesced(deliverDueAlerts, (error) => log.warn({ err: error }, "alert delivery round failed"));
  const announce = async (alerts: RaisedAlert[], clockMs: number | null) => {
    if (alerts.length === 0) return;
    totals.alerts += alerts.length;
    log.info({ alerts: alerts.map((a) => a.summary) }, "alerts raised");
    await notifyLive({ kind: "alert", streamTimeMs: clockMs, alerts: alerts.map((a) => ({ id: a.id, rule: a.rule, summary: a.summary, url: a.url })) });
    deliveries.trigger();
  };

  const sources = options.sources.map((address, i) => {
    const status = statuses[i]!;
    const sink: LiveSink = {
      record(record) {
        const nowMs = Date.now();
        const timeMs = record.time.getTime();
        if (timeMs > nowMs + MAX_FUTURE_MS) {
          status.error(`${record.icao24}: a position more than a day ahead of this machine's clock (dropped)`);
          return null;
        }
        // Far ahead of this machine's clock and of everything its feed sent so far: a bad clock or
        // a bad line. Taken, it would move the stream's clock on, and every aircraft heard before
        // would look silent that long (a replay running faster than real time advances by steps).
        if (timeMs > nowMs + MAX_CLOCK_JUMP_MS && (status.streamTimeMs === null || timeMs > status.streamTimeMs + MAX_CLOCK_JUMP_MS)) {
          const aheadMin = Math.floor((timeMs - Math.max(nowMs, status.streamTimeMs ?? nowMs)) / 60_000);
          status.error(`${record.icao24}: a position ${aheadMin} min ahead of this machine's clock and of this feed's latest (dropped)`);
          return null;
        }
        status.position(timeMs);
        return buffer.push(record, nowMs);
      },
      identity: (identity) => buffer.identify(identity),
    };
    const run = address.kind === "sbs1" ? runSbs1Source(address, sink, status, abort.signal) : runAircraftJsonSource(address, sink, status, abort.signal, options.pollMs);
    return run.catch((error: unknown) => log.error({ err: error, source: address.url }, "live source stopped"));
  });

  const label = options.sources.length === 1 ? options.sources[0]!.url : `live (${options.sources.length} sources)`;
  const format = options.sources[0]?.kind ?? "sbs1";
  let writerStopped = false;

  /** Commit, retrying a failure with its records kept (the sources wait meanwhile); a few tries only once stopping. */
  const commit = async (batch: BufferedBatch) => {
    for (let attempt = 1, delayMs = 1_000; ; attempt++, delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        return await commitLiveBatch(batch.records, batch.identities, { label, format });
      } catch (error) {
        if (writerStopped && attempt >= 3) throw error;
        log.warn({ err: error, records: batch.records.length }, "live batch not committed; retrying");
        // Stopping cuts the wait short: the last tries come at once.
        await sleep(writerStopped ? 1_000 : delayMs, undefined, { signal: abort.signal }).catch(() => undefined);
      }
    }
  };

  /** Commit a batch, then (once, whatever fails) announce it and raise its "seen" alerts. */
  const store = async (batch: BufferedBatch) => {
    const committed = await commit(batch);
    const doneMs = Date.now();
    for (const receivedMs of batch.receivedAtMs) latency.add(doneMs - receivedMs);
    totals.positions += committed.inserted;
    totals.duplicates += committed.duplicates;
    if (committed.batchId === null) return;
    totals.committedBatches += 1;
    detectionWake.wake();
    const clockMs = streamTimeMs();
    try {
      await notifyLive({ kind: "positions", streamTimeMs: clockMs, inserted: committed.inserted });
      if (clockMs !== null) await announce(await raiseSeenAlerts(firstFixes(batch.records), clockMs), clockMs);
    } catch (error) {
      log.warn({ err: error }, "seen alerts of a live batch not raised");
    }
  };

  const writer = (async () => {
    while (!writerStopped) {
      await buffer.ready(options.flushMs ?? 2_000);
      const batch = buffer.take();
      if (batch.records.length > 0) await store(batch);
    }
  })();
  // It can only fail while stopping (the database gone): stop() awaits and reports it; until then
  // the rejection must not count as unhandled (that would end the process).
  writer.catch(() => undefined);

  let detectionStopped = false;
  // Cut short when stopping: stop() never waits out a rest.
  const rest = (ms: number) => sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
  let lastRegradeStreamMs = Number.NEGATIVE_INFINITY;
  const gaps = DEFAULT_DETECTION_CONFIG.gaps;
  const detection = (async () => {
    while (!detectionStopped) {
      await detectionWake.wait(5_000);
      if (detectionStopped) break;
      try {
        const clockMs = streamTimeMs();
        if (clockMs !== null && clockMs - lastRegradeStreamMs >= REGRADE_EVERY_STREAM_MS) {
          lastRegradeStreamMs = clockMs;
          await queueOpenSilences(clockMs, QUIET_S, gaps.maxOpenS);
        }
        const startedMs = performance.now();
        const run = await runDetection();
        totals.detectionRuns += 1;
        const detectedMs = performance.now();
        if (run.flights > 0) await notifyLive({ kind: "detection", streamTimeMs: clockMs, flights: run.flights, flags: run.flags });
        // The clock as detection ended: it graded up to the newest stored position, which may be
        // later than the clock read before it; an alert must not be dated before what raised it.
        const alertClockMs = streamTimeMs();
        if (alertClockMs !== null) await announce(await evaluateLiveAlerts(alertClockMs, options.publicUrl), alertClockMs);
        deliveries.trigger();
        const roundMs = performance.now() - startedMs;
        log.debug({ detectMs: Math.round(detectedMs - startedMs), alertsMs: Math.round(performance.now() - detectedMs), aircraft: run.aircraft, positions: run.positions }, "live detection round");
        await rest(Math.min(MAX_DETECTION_REST_MS, roundMs * DETECTION_REST_FACTOR));
      } catch (error) {
        log.warn({ err: error }, "live detection round failed; trying again");
        await sleep(2_000);
      }
    }
  })();

  // Deliveries due later (retries) are posted even while no traffic arrives.
  let statusWritten: Promise<void> = Promise.resolve();
  const housekeeping = setInterval(() => {
    const nowMs = Date.now();
    for (const status of statuses) status.updateRate(nowMs);
    statusWritten = writeFeedStatus(statuses).catch((error: unknown) => log.warn({ err: error }, "feed status not written"));
    detectionWake.wake();
  }, 5_000);

  return {
    statuses,
    stats: () => ({ ...totals, storedLatencyMs: latency.percentiles(), peakBufferedRecords: buffer.peakRecords, streamTimeMs: streamTimeMs() }),
    async stop() {
      abort.abort();
      // Sources waiting for room go on and notice the abort; the writer commits what it holds.
      buffer.close();
      writerStopped = true;
      try {
        await Promise.all(sources);
        await writer;
        const rest = buffer.take();
        if (rest.records.length > 0) await store(rest);
      } catch (error) {
        log.error({ err: error }, "live positions received but not committed (the database did not answer)");
      } finally {
        detectionStopped = true;
        detectionWake.wake();
        await detection;
        clearInterval(housekeeping);
        await deliveries.idle();
        for (const status of statuses) status.connected = false;
        // After the timer's last write, so "connected" never lands after "stopped".
        await statusWritten;
        await writeFeedStatus(statuses).catch(() => undefined);
      }
    },
  };
}
