/**
 * Runs one detection measurement in its own process (so its peak memory is its own) and prints
 * the result as JSON on the last line:
 * - `data-layer`: `runDetection({ all: true })`, timed whole (load via COPY, detect, store);
 * - `core`: loads the same tracks and reference through the data layer (timed apart), then
 *   times the reception questions (planning every silence's query and answering them from the
 *   stored reception map, timed apart) and then the pure core alone: detectAircraft for each.
 */
import { createDetectionContext } from "../../core/detection/detection-context";
import { detectAircraft, planSilenceQueries } from "../../core/detection/detect-aircraft";
import { receptionLookupOf } from "../../core/reception/silence-observations";
import { loadSilenceObservations } from "../../server/reception/load-silence-observations";
import { closeDbPool, dbPool } from "../../server/db/pool";
import { loadDetectionReference } from "../../server/detection/load-detection-reference";
import { streamDetectionSlices } from "../../server/detection/stream-detection-slices";
import { trackCutSilenceMs } from "../../core/flights/track-pieces";
import { DEFAULT_DETECTION_CONFIG } from "../../core/model/detection-config";
import type { TrackPoint } from "../../core/model/track-point";
import { runDetection } from "../../server/detection/run-detection";
import { ensureReferenceData } from "../../server/reference/ensure-reference-data";
import { postgresCpuMsByPid, postgresCpuMsSince } from "./postgres-cpu";

export interface DetectionCounts {
  aircraft: number;
  positions: number;
  flights: number;
  flags: number;
  gaps: number;
  suspectedGaps: number;
  flagsByKind: Record<string, number>;
}

export interface DataLayerResult extends DetectionCounts {
  mode: "data-layer";
  wallMs: number;
  /** The detect loops inside runDetection (pure core time, summed over chunks). */
  detectMs: number;
  /** CPU time of this process during the run, ms (user + system). */
  cpuMs: number;
  /** CPU time of the PostgreSQL processes on this machine during the run, ms; null for a remote server. */
  postgresCpuMs: number | null;
  /** Of which the backend that streamed the positions (its last statement the aircraft-ordered COPY). */
  postgresCopyCpuMs: number | null;
  peakRssMb: number;
}

export interface CoreResult extends DetectionCounts {
  mode: "core";
  loadMs: number;
  /** Planning the silences' questions and answering them from the reception map in PostgreSQL. */
  receptionMs: number;
  detectMs: number;
  peakRssMb: number;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function measureDataLayer(): Promise<DataLayerResult> {
  await ensureReferenceData();
  const postgresBefore = postgresCpuMsByPid();
  const cpuBefore = process.cpuUsage();
  const startedMs = performance.now();
  const summary = await runDetection({ all: true });
  const wallMs = performance.now() - startedMs;
  const cpu = process.cpuUsage(cpuBefore);
  // Read while the run's connections are still open in the pool (their backends alive).
  const postgresAfter = postgresCpuMsByPid();
  const postgresCpuMs = postgresCpuMsSince(postgresBefore, postgresAfter);
  // The loader connection runs nothing but the COPY: its backend's last statement names it.
  const { rows: backends } = await dbPool().query<{ pid: number; query: string }>(
    `SELECT pid, left(query, 10) AS query FROM pg_stat_activity WHERE datname = current_database()`,
  );
  const copyPids = backends.filter((b) => b.query.startsWith("COPY")).map((b) => b.pid);
  const postgresCopyCpuMs = postgresCpuMs === null ? null : copyPids.reduce((sum, pid) => sum + (postgresAfter.get(pid) ?? 0) - (postgresBefore.get(pid) ?? 0), 0);
  const { rows: kinds } = await dbPool().query<{ kind: string; n: number }>(`SELECT kind::text, count(*)::int AS n FROM flags GROUP BY kind ORDER BY kind`);
  const { rows: suspected } = await dbPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM gap_events WHERE suspected`);
  return {
    mode: "data-layer",
    aircraft: summary.aircraft,
    positions: summary.positions,
    flights: summary.flights,
    flags: summary.flags,
    gaps: summary.gaps,
    suspectedGaps: suspected[0]?.n ?? 0,
    flagsByKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
    wallMs,
    detectMs: summary.detectMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    postgresCpuMs,
    postgresCopyCpuMs,
    peakRssMb: peakRssMb(),
  };
}

async function measureCore(): Promise<CoreResult> {
  const loadStartedMs = performance.now();
  const client = await dbPool().connect();
  const { rows } = await client.query<{ icao24: string }>(`SELECT icao24 FROM aircraft`);
  const reference = await loadDetectionReference(client, rows.map((r) => r.icao24.trim()));
  // Every track in memory at once (one batch with no budget): the core is timed alone.
  const tracks: { icao24: string; points: TrackPoint[] }[] = [];
  let positions = 0;
  for await (const batch of streamDetectionSlices(client, null, Infinity, trackCutSilenceMs(DEFAULT_DETECTION_CONFIG))) {
    for (const slice of batch.take()) {
      tracks.push({ icao24: slice.range.icao24, points: slice.points });
      positions += slice.points.length;
    }
  }
  const end = await client.query<{ end_ms: number | null }>(`SELECT (extract(epoch FROM max(time)) * 1000)::float8 AS end_ms FROM positions`);
  const loadMs = performance.now() - loadStartedMs;

  const base = createDetectionContext({ airports: reference.airports, zones: reference.zones, schedules: reference.schedules, dataEndMs: end.rows[0]?.end_ms ?? 0 });
  const receptionStartedMs = performance.now();
  const queries = tracks.flatMap(({ icao24, points }) => planSilenceQueries({ icao24, points, aircraft: reference.aircraft.get(icao24) ?? null }, base));
  const reception = receptionLookupOf(await loadSilenceObservations(client, queries, base.config.reception));
  const receptionMs = performance.now() - receptionStartedMs;
  client.release();
  const context = { ...base, reception };
  const counts = { flights: 0, flags: 0, gaps: 0, suspectedGaps: 0 };
  const flagsByKind: Record<string, number> = {};
  const detectStartedMs = performance.now();
  for (const { icao24, points } of tracks) {
    for (const flight of detectAircraft({ icao24, points, aircraft: reference.aircraft.get(icao24) ?? null }, context)) {
      counts.flights++;
      counts.flags += flight.findings.length;
      counts.gaps += flight.gaps.length;
      for (const g of flight.gaps) if (g.suspected) counts.suspectedGaps++;
      for (const f of flight.findings) flagsByKind[f.kind] = (flagsByKind[f.kind] ?? 0) + 1;
    }
  }
  const detectMs = performance.now() - detectStartedMs;
  return { mode: "core", aircraft: tracks.length, positions, ...counts, flagsByKind, loadMs, receptionMs, detectMs, peakRssMb: peakRssMb() };
}

const mode = process.argv[2];
if (mode !== "data-layer" && mode !== "core") throw new Error("usage: detect-child.ts data-layer|core");
const result = mode === "data-layer" ? await measureDataLayer() : await measureCore();
await closeDbPool();
console.log(JSON.stringify(result));
process.exit(0);
