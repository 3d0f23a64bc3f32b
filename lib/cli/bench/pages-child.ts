/**
 * The dashboard's reads on the bench database (≈ 1,000,000 positions, thousands of flights), in
 * their own process; prints JSON on the last line. A share of the flagged flights is published
 * first (reviews written straight in SQL), then each read runs 5 times, the median reported, and
 * the query plans of the overview's and the queue's SQL are checked for sequential scans of the
 * positions table (the large one): pages must answer from indexes and the stored aggregate.
 */
import { performance } from "node:perf_hooks";
import { DEFAULT_QUEUE_FILTERS } from "../../core/review/queue-filters";
import { closeDbPool, dbPool } from "../../server/db/pool";
import { getFlightView } from "../../server/flights/get-flight-view";
import { getFindingsOverview } from "../../server/public/get-findings-overview";
import { listReviewQueue } from "../../server/review/list-review-queue";
import { getOverviewStats } from "../../server/stats/get-overview-stats";
import { publishSampleFindings } from "./publish-sample-findings";

export interface PagesResult {
  positions: number;
  flights: number;
  flagged: number;
  published: number;
  timingsMs: Record<string, number>;
  /** Queries whose plan scans the positions table sequentially (should be none). */
  positionScans: string[];
}

async function median(work: () => Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const pool = dbPool();
await publishSampleFindings(pool);
await pool.query("ANALYZE");
const { rows } = await pool.query<{ positions: string; flights: string; flagged: string; published: string; longest: string }>(
  `SELECT (SELECT sum(positions) FROM position_day_counts)::bigint AS positions, (SELECT count(*) FROM flights)::bigint AS flights,
          (SELECT count(*) FROM flights f WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id))::bigint AS flagged,
          (SELECT count(*) FROM reviews WHERE published)::bigint AS published,
          (SELECT icao24 || '-' || id FROM flights ORDER BY position_count DESC LIMIT 1) AS longest`,
);
const facts = rows[0]!;
const analyst = { id: 0, email: "bench@darkflight.local", role: "ANALYST" as const };
const queue = { ...DEFAULT_QUEUE_FILTERS };
const timingsMs: Record<string, number> = {
  "overview: stored-data figures": await median(() => getOverviewStats()),
  "overview: published findings (all dates)": await median(() => getFindingsOverview({ from: null, to: null }, "published")),
  "queue: first page by score": await median(() => listReviewQueue(analyst, queue)),
  "queue: page 10, transponder gaps": await median(() => listReviewQueue(analyst, { ...queue, kind: "TRANSPONDER_GAP", page: 10, pageSize: 25 })),
  "queue: by address block country (CU)": await median(() => listReviewQueue(analyst, { ...queue, country: "CU" })),
  "flight export: the longest flight, all positions": await median(() => getFlightView(facts.longest, analyst)),
  "flight page: the longest flight, thinned track": await median(() => getFlightView(facts.longest, analyst, "page")),
};

// The plans of the overview's and the queue's own SQL: no sequential scan of positions.
const plans: Record<string, string> = {
  "overview span": `SELECT (SELECT min(time) FROM positions), (SELECT max(time) FROM positions)`,
  "overview aircraft": `SELECT count(*) FROM aircraft a WHERE EXISTS (SELECT 1 FROM positions p WHERE p.icao24 = a.icao24)`,
  "flight positions": `SELECT * FROM positions WHERE icao24 = '${facts.longest.split("-")[0]}' AND time BETWEEN now() - interval '1 year' AND now()`,
};
const positionScans: string[] = [];
for (const [name, sql] of Object.entries(plans)) {
  const plan = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`);
  if (plan.rows.some((r) => /Seq Scan on positions/.test(r["QUERY PLAN"]))) positionScans.push(name);
}
await closeDbPool();
const result: PagesResult = {
  positions: Number(facts.positions),
  flights: Number(facts.flights),
  flagged: Number(facts.flagged),
  published: Number(facts.published),
  timingsMs,
  positionScans,
};
console.log(JSON.stringify(result));
