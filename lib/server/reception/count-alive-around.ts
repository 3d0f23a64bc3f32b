import "server-only";
import type pg from "pg";
import type { SilenceQuery } from "../../core/reception/silence-observations";

/**
 * The walk's first step through a window, s; each next step is {@link STEP_GROWTH} times as long.
 * One second already holds 20 aircraft in a busy sky (a 30 s first step read ~260 each, a third
 * of detection's PostgreSQL time for the silences: npm run bench:detect).
 */
const FIRST_SLICE_S = 1;
const STEP_GROWTH = 4;

interface Window {
  key: string;
  kind: "during" | "before";
  icao24: string;
  cap: number;
  fromMs: number;
  toMs: number;
  south: number;
  north: number;
  west: number;
  east: number;
  seen: Set<string>;
}

/**
 * Other aircraft received anywhere within each query's `aliveRadiusKm` of its path during the
 * silence (away from its ends), and in the `aliveLookbackMs` before it: traffic before and none
 * during means the feed or the receivers were down. Capped per silence at its `aliveCountCap`
 * (a busy sky needs no exact count) on distinct aircraft, so the figure is the same whatever order
 * the rows are stored in.
 *
 * Capped counts need not read every position: all windows are walked together, one query per
 * step, each step four times as long as the one before, remembering the aircraft seen, and a window
 * leaves the walk once it reaches the cap. A busy sky stops after a step or two; a six-hour window
 * takes eight. The count is min(cap, distinct aircraft) whatever the steps. (One recursive query did
 * this before; a Citus cluster runs no recursive query over a distributed table.)
 */
export async function countAliveAround(
  client: pg.ClientBase,
  asked: readonly SilenceQuery[],
  boxes: readonly { key: string; t0: string; t1: string; end_s: number; south: number; north: number; west: number; east: number }[],
): Promise<Map<string, { during: number; before: number }>> {
  const byKey = new Map(asked.map((q) => [q.key, q]));
  const windows: Window[] = boxes.flatMap((b) => {
    const q = byKey.get(b.key)!;
    const dLat = q.aliveRadiusKm / 111;
    const dLon = q.aliveRadiusKm / (111 * Math.max(0.2, Math.cos((((b.south + b.north) / 2) * Math.PI) / 180)));
    const box = { key: b.key, icao24: q.icao24, cap: q.aliveCountCap, south: b.south - dLat, north: b.north + dLat, west: b.west - dLon, east: b.east + dLon };
    const t0Ms = Date.parse(b.t0);
    const t1Ms = Date.parse(b.t1);
    return [
      // Strictly inside (t0 + end, t1 - end), and inside [t0 - back, t0], as half-open ranges of
      // whole milliseconds (the positions' precision).
      { ...box, kind: "during", fromMs: Math.floor(t0Ms + b.end_s * 1000) + 1, toMs: Math.ceil(t1Ms - b.end_s * 1000), seen: new Set<string>() },
      { ...box, kind: "before", fromMs: t0Ms - q.aliveLookbackMs, toMs: t0Ms + 1, seen: new Set<string>() },
    ];
  });
  const index = new Map(windows.map((w) => [`${w.key}\u0000${w.kind}`, w]));
  let open = windows.filter((w) => w.fromMs < w.toMs);
  for (let stepMs = FIRST_SLICE_S * 1000; open.length > 0; stepMs *= STEP_GROWTH) {
    const slices = open.map((w) => ({
      key: w.key, kind: w.kind, icao24: w.icao24, from_ms: w.fromMs, to_ms: Math.min(w.fromMs + stepMs, w.toMs),
      south: w.south, north: w.north, west: w.west, east: w.east,
    }));
    const { rows } = await client.query<{ key: string; kind: string; icao24: string }>(
      `SELECT DISTINCT w.key, w.kind, p.icao24
         FROM jsonb_to_recordset($1::jsonb) AS w(key text, kind text, icao24 char(6), from_ms float8, to_ms float8,
                                                 south float8, north float8, west float8, east float8)
         JOIN positions p ON p.time >= to_timestamp(w.from_ms / 1000.0) AND p.time < to_timestamp(w.to_ms / 1000.0)
          AND p.lat_deg BETWEEN w.south AND w.north AND p.lon_deg BETWEEN w.west AND w.east
          AND p.icao24 <> w.icao24`,
      [JSON.stringify(slices)],
    );
    for (const row of rows) index.get(`${row.key}\u0000${row.kind}`)?.seen.add(row.icao24.trim());
    for (const w of open) w.fromMs = Math.min(w.fromMs + stepMs, w.toMs);
    open = open.filter((w) => w.fromMs < w.toMs && w.seen.size < w.cap);
  }
  const counts = new Map<string, { during: number; before: number }>();
  for (const w of windows) {
    const count = counts.get(w.key) ?? { during: 0, before: 0 };
    count[w.kind] = Math.min(w.seen.size, w.cap);
    counts.set(w.key, count);
  }
  return counts;
}
