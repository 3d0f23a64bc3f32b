/**
 * `npm run bench:web [-- options]`: the pages under load. autocannon (20 connections, 10 s per
 * page after a 3-s warm-up) against the production server (`lib/infra/next-server.mjs` serving the production
 * build), page by page: /api/health, the public overview, methodology, a published flight
 * (anonymous), the review queue and a flagged flight's page (signed in as an analyst through
 * the login form). Prints p50 / p95 / p99 (from every response's time), req/s and the web
 * server's peak RSS. Target: the queue and the analyst's flight page at p95 ≤ 100 ms.
 *
 * Without --url it builds its own world: a scratch database, the demo data, N synthetic
 * positions (--positions, default 1,000,000) imported and detected through the CLI, a tenth of
 * the flagged flights published, then the production server on a free port.
 *
 *   --url http://host:port --email a@b --password …  (or --cookie darkflight_session=…) [--server-pid P: its peak RSS]
 *   --positions N --aircraft A --connections C --duration S --warmup S --json
 *   --keep: leave the scratch database (on DATABASE_URL's server) for profiling; prints its URL
 *   --live [--live-speed X]: then the analysts' pages again while a live feed writes (a commit
 *     every 2 s, with its detection: web-bench-live-feed.ts), replayed at X× its pace (default
 *     60); with --url, into the database DATABASE_URL names (the server's); --live-only: those alone
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "../../infra/migrate";
import { ensureProductionBuild } from "../../infra/production-build";
import { PROJECT_ROOT } from "../../infra/project-root";
import { createScratchDatabase } from "../../infra/scratch-database";
import { startWebServer } from "../../infra/web-server";
import { runWebBench, type WebBenchOptions, type WebBenchResult } from "./web-bench-run";
import { CLI_NODE_ARGS } from "../../infra/cli-node-args";
import { freePort } from "./free-port";
import { runNodeChild } from "../../infra/run-node-child";

const TARGET_P95_MS = 100;
const flag = (name: string) => process.argv.includes(name);
const text = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const num = (name: string, fallback: number) => {
  const v = text(name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ""));
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} takes a number, not ${v}`);
  return n;
};
const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const log = (message: string) => console.error(message);

const common: Omit<WebBenchOptions, "baseUrl"> = {
  connections: num("--connections", 20),
  durationS: num("--duration", 10),
  warmupS: num("--warmup", 3),
  publishedFlightPath: text("--published-flight"),
  analystFlightPath: text("--analyst-flight"),
  log,
};

const liveOnly = flag("--live-only");
const live = flag("--live") || liveOnly;
if (live && text("--url") && !process.env.DATABASE_URL) throw new Error("--live with --url needs the server's database in DATABASE_URL");
const result = text("--url") ? await againstRunningServer(text("--url")!) : await againstOwnServer();
print(result.bench, result.world, result.live ?? null);

type LiveFeedTotals = Awaited<ReturnType<import("./web-bench-live-feed").BenchLiveFeed["stop"]>>;

async function againstRunningServer(url: string): Promise<{ bench: WebBenchResult; world: string; live?: LiveFeedTotals }> {
  const email = text("--email");
  const password = text("--password") ?? process.env.DARKFLIGHT_BENCH_PASSWORD;
  const cookie = text("--cookie");
  if (!cookie && !(email && password)) throw new Error("--url needs an analyst: --cookie darkflight_session=… or --email and --password (or DARKFLIGHT_BENCH_PASSWORD)");
  const serverPid = text("--server-pid") ? num("--server-pid", 0) : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-web-bench-"));
  try {
    const options = { ...common, baseUrl: url, analystCookie: cookie, credentials: email && password ? { email, password } : undefined, serverPid };
    return { ...(await measure(options, process.env.DATABASE_URL ?? "", dir)), world: `the server at ${url}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every page (none with --live-only), then with --live the analysts' pages again while a live
 * feed writes into `databaseUrl`; the runs' pages together.
 */
async function measure(options: WebBenchOptions, databaseUrl: string, dir: string): Promise<{ bench: WebBenchResult; live?: LiveFeedTotals }> {
  const all = liveOnly ? null : await runWebBench(options);
  if (!live) return { bench: all! };
  const { startBenchLiveFeed } = await import("./web-bench-live-feed");
  const feed = await startBenchLiveFeed({ databaseUrl, dir, speed: num("--live-speed", 60), log });
  const duringFeed = await runWebBench({ ...options, pages: "analysts", nameSuffix: ", live feed", countWrites: feed.commits }).catch(async (error: unknown) => {
    await feed.stop().catch(() => undefined);
    throw error;
  });
  return { bench: all ? { ...duringFeed, pages: [...all.pages, ...duringFeed.pages] } : duringFeed, live: await feed.stop() };
}

async function againstOwnServer(): Promise<{ bench: WebBenchResult; world: string; live?: LiveFeedTotals }> {
  const positions = num("--positions", 1_000_000);
  const aircraft = num("--aircraft", 1_000);
  const database = await createScratchDatabase({ durable: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-web-bench-"));
  try {
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
    // Imported here, after DATABASE_URL is set: the data layer reads its environment once.
    const { prepareBenchWorld } = await import("./web-bench-world");
    const world = await prepareBenchWorld({ databaseUrl: database.url, positions, aircraft, dir, log, runCli });
    if (flag("--keep")) log(`analyst for --url runs: ${world.analyst.email} (password in DARKFLIGHT_BENCH_PASSWORD=${world.analyst.password})`);
    await ensureProductionBuild(log);
    const port = await freePort();
    log(`starting the production web server on port ${port} …`);
    const web = await startWebServer({ mode: "start", port, databaseUrl: database.url, sessionSecret: crypto.randomBytes(32).toString("base64url") });
    try {
      const options = { ...common, baseUrl: web.url, credentials: world.analyst, serverPid: web.process.pid };
      return { ...(await measure(options, database.url, dir)), world: world.summary };
    } finally {
      await web.stop();
    }
  } finally {
    if (flag("--keep")) log(`kept the database: ${database.url}`);
    else await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI in its own process (as a person runs it), with the scratch database. */
async function runCli(args: string[], databaseUrl: string): Promise<void> {
  const child = await runNodeChild([...CLI_NODE_ARGS, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdout: "ignore" });
  if (child.status !== 0) throw new Error(`npm run cli -- ${args.join(" ")} failed (exit ${child.status ?? child.signal})`);
}


function print(bench: WebBenchResult, world: string, live: LiveFeedTotals | null): void {
  if (flag("--json")) {
    console.log(JSON.stringify({ world, ...bench, live }));
    return;
  }
  const [load1] = os.loadavg();
  console.log(`\nweb benchmark: ${world}; ${bench.connections} connections, ${bench.durationS} s per page (load average ${load1!.toFixed(2)}, ${os.cpus().length} cores)`);
  console.log(`  ${"page".padEnd(38)} ${"req/s".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)} ${"cpu/req".padStart(8)} ${"peak".padStart(7)}  failed`);
  for (const p of bench.pages) {
    const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(8);
    const verdict = p.signedIn && !p.rendered ? (p.p95Ms <= TARGET_P95_MS ? "  (p95 target met)" : `  (p95 target ${TARGET_P95_MS} ms missed)`) : "";
    const cpu = p.serverCpuMsPerRequest === null ? "?".padStart(8) : `${p.serverCpuMsPerRequest.toFixed(1)} ms`.padStart(8);
    const peak = p.serverPeakRssMbSoFar === null ? "?".padStart(7) : `${p.serverPeakRssMbSoFar.toFixed(0)} MB`.padStart(7);
    console.log(`  ${p.name.padEnd(38)} ${p.reqPerS.toFixed(0).padStart(8)} ${ms(p.p50Ms)} ${ms(p.p95Ms)} ${ms(p.p99Ms)} ${ms(p.maxMs)} ${cpu} ${peak}  ${fmtInt(p.non2xx + p.errors)}${verdict}`);
    const served = p.rendered || p.path === "/api/health" ? "" : `  kept ${fmtInt(p.cache.hit)}, stale ${fmtInt(p.cache.stale)}, rendered ${fmtInt(p.cache.miss + p.cache.none)}`;
    console.log(`  ${"".padEnd(38)} ${p.path}${served}${p.writesDuring === null ? "" : `  (${p.writesDuring} live commits during the run)`}`);
  }
  console.log("  cpu/req: the web server's CPU time per response (PostgreSQL's not included); peak: the web server's peak RSS so far; p95 from every response's time");
  if (live) {
    console.log(
      `  live feed: ${fmtInt(live.positions)} positions in ${fmtInt(live.commits)} commits over ${live.seconds.toFixed(0)} s ` +
        `(${fmtInt(live.positions / live.seconds)} positions/s), live process peak ${live.peakRssMb.toFixed(0)} MB RSS`,
    );
  }
  console.log(bench.serverPeakRssMb === null ? "  web server peak RSS: unknown (not started by the bench)" : `  web server peak RSS: ${bench.serverPeakRssMb.toFixed(0)} MB`);
}
