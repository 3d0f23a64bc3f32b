import fs from "node:fs";
import autocannon from "autocannon";
import { CACHE_HEADER, RENDER_HEADER } from "../../server/pages/page-cache-headers";
import { allPids, readProcStat } from "./proc-stat";
import { signInThroughForm } from "./sign-in-through-form";

/** One page under load: latency percentiles in ms (from every response's own time) and throughput. */
export interface WebPageResult extends CannonRun {
  name: string;
  path: string;
  signedIn: boolean;
  /** Asked with RENDER_HEADER: rendered for every request, past the kept pages (the anchor). */
  rendered: boolean;
  /**
   * CPU time the web server process spent per response during the run (user + system, from
   * /proc; PostgreSQL's share not included): unlike latency, it barely depends on what else the
   * machine is doing. Null when the server's pid is unknown.
   */
  serverCpuMsPerRequest: number | null;
  /** The web server's peak RSS (VmHWM, with its children) when this page's run ended: where the peak was reached. */
  serverPeakRssMbSoFar: number | null;
  /** Writes committed during the run (a live feed's batches, with `countWrites`), else null. */
  writesDuring: number | null;
}

export interface WebBenchResult {
  connections: number;
  durationS: number;
  pages: WebPageResult[];
  /** Peak resident memory (VmHWM) of the web server process and its children, when its pid is known. */
  serverPeakRssMb: number | null;
}

export interface WebBenchOptions {
  baseUrl: string;
  /** A signed-in analyst: either the session cookie ("name=value") or credentials to sign in with. */
  analystCookie?: string;
  credentials?: { email: string; password: string };
  /** A published flight's page (read anonymously) and a flagged flight's page (read by the analyst); found from the pages when absent. */
  publishedFlightPath?: string;
  analystFlightPath?: string;
  connections?: number;
  durationS?: number;
  warmupS?: number;
  /** The web server's pid: its peak RSS (and its children's) is read from /proc after the runs. */
  serverPid?: number;
  /** Which pages: every page (default), or the analysts' two alone (e.g. while a live feed writes). */
  pages?: "all" | "analysts";
  /** Added to each page's name (e.g. ", live feed"). */
  nameSuffix?: string;
  /** Writes committed so far (e.g. a live feed's batches): read before and after each run. */
  countWrites?: () => Promise<number>;
  log?: (message: string) => void;
}

/**
 * The web benchmark's core, shared by `bench:web` and `bench:scale`: autocannon against a
 * running server, page after page, each after a warm-up, with `connections` clients for
 * `durationS` seconds. Percentiles are computed from every response's time (autocannon's own
 * summary has p90 and p97.5, not p95).
 */
export async function runWebBench(options: WebBenchOptions): Promise<WebBenchResult> {
  const log = options.log ?? (() => undefined);
  const connections = options.connections ?? 20;
  const durationS = options.durationS ?? 10;
  const warmupS = options.warmupS ?? 3;
  const base = options.baseUrl.replace(/\/$/, "");
  const cookie = options.analystCookie ?? (options.credentials ? await signInThroughForm(base, options.credentials) : null);
  if (!cookie) throw new Error("runWebBench needs an analyst: analystCookie or credentials");

  const publishedFlight = options.publishedFlightPath ?? (await firstFlightLink(`${base}/`, null, "the overview's published findings"));
  const analystFlight = options.analystFlightPath ?? (await firstFlightLink(`${base}/review`, cookie, "the review queue"));
  // Readers' pages twice each, in both orders around the analysts' pages: as served (kept whole,
  // lib/server/pages/page-html-cache.ts) and rendered for every request (the anchor).
  const readers = [
    { name: "public overview", path: "/" },
    { name: "methodology", path: "/methodology" },
    { name: "published flight (reader)", path: publishedFlight },
  ];
  // The analysts' pages the same way: kept per session while nothing is written (signed-in-page-version.ts).
  const analysts = [
    { name: "review queue (analyst)", path: "/review" },
    { name: "flight page (analyst)", path: analystFlight },
  ];
  type Page = { name: string; path: string };
  const kept = (signedIn: boolean) => (r: Page) => ({ ...r, signedIn, rendered: false });
  const rendered = (signedIn: boolean) => (r: Page) => ({ ...r, name: `${r.name}, rendered`, signedIn, rendered: true });
  const bothOrders = (pages: Page[], signedIn: boolean, keptFirst: boolean) =>
    pages.flatMap((r) => (keptFirst ? [kept(signedIn)(r), rendered(signedIn)(r)] : [rendered(signedIn)(r), kept(signedIn)(r)]));
  const targets: { name: string; path: string; signedIn: boolean; rendered: boolean }[] =
    options.pages === "analysts"
      ? [...bothOrders(analysts, true, true), ...bothOrders(analysts, true, false)]
      : [
          { name: "/api/health (trivial route)", path: "/api/health", signedIn: false, rendered: false },
          ...bothOrders(readers, false, true),
          ...bothOrders(analysts, true, true),
          ...bothOrders(analysts, true, false),
          ...bothOrders(readers, false, false),
        ];
  const pages: WebPageResult[] = [];
  for (const { rendered: forceRender, ...named } of targets) {
    const target = { ...named, name: `${named.name}${options.nameSuffix ?? ""}` };
    const headers: Record<string, string> = { ...(target.signedIn ? { cookie } : {}), ...(forceRender ? { [RENDER_HEADER]: "1" } : {}) };
    log(`  ${target.name}: ${target.path} (warm-up ${warmupS} s, then ${durationS} s × ${connections} connections)`);
    const check = await fetch(`${base}${target.path}`, { headers, redirect: "manual" });
    if (check.status !== 200) throw new Error(`${target.path} answered ${check.status}${target.signedIn ? " for the analyst" : ""}: not benchmarked`);
    await check.arrayBuffer();
    if (!forceRender && target.path !== "/api/health" && !check.headers.has(CACHE_HEADER)) log(`  (${target.path} was rendered, not kept: a \`next dev\` server, or DARKFLIGHT_SELF_URL unset)`);
    await cannon(`${base}${target.path}`, headers, connections, warmupS);
    const writesBefore = options.countWrites ? await options.countWrites() : null;
    const cpuBefore = options.serverPid ? cpuMs(options.serverPid) : null;
    const run = await cannon(`${base}${target.path}`, headers, connections, durationS);
    const cpuAfter = options.serverPid ? cpuMs(options.serverPid) : null;
    const writesDuring = writesBefore !== null && options.countWrites ? (await options.countWrites()) - writesBefore : null;
    const serverCpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && run.requests > 0 ? (cpuAfter - cpuBefore) / run.requests : null;
    pages.push({ ...target, rendered: forceRender, ...run, serverCpuMsPerRequest, serverPeakRssMbSoFar: options.serverPid ? peakRssMb(options.serverPid) : null, writesDuring });
  }
  return { connections, durationS, pages, serverPeakRssMb: options.serverPid ? peakRssMb(options.serverPid) : null };
}

interface CannonRun {
  requests: number;
  reqPerS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses other than 2xx, and connection errors or timeouts: a page that fails is not fast. */
  non2xx: number;
  errors: number;
  /** Responses by their `x-darkflight-cache` header (hit, stale, miss; none: rendered past the cache). */
  cache: Record<"hit" | "stale" | "miss" | "none", number>;
}

async function cannon(url: string, headers: Record<string, string> | undefined, connections: number, durationS: number): Promise<CannonRun> {
  const timesMs: number[] = [];
  const cache = { hit: 0, stale: 0, miss: 0, none: 0 };
  const header = CACHE_HEADER.toLowerCase();
  // The client's parser hands over each response's headers as a flat [name, value, …] list.
  const setupClient = (client: NodeJS.EventEmitter) =>
    client.on("headers", ({ headers: list }: { headers: string[] }) => {
      const at = list.findIndex((name, i) => i % 2 === 0 && name.toLowerCase() === header);
      const value = at < 0 ? "none" : list[at + 1];
      if (value === "hit" || value === "stale" || value === "miss" || value === "none") cache[value]++;
    });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: durationS, headers, timeout: 30, setupClient: setupClient as unknown as autocannon.Options["setupClient"] },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // The tracker's "response" event passes the client first, then status, bytes and the time in ms.
    (instance as unknown as NodeJS.EventEmitter).on("response", (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      timesMs.push(responseTimeMs);
    });
  });
  timesMs.sort((a, b) => a - b);
  const at = (q: number) => (timesMs.length ? timesMs[Math.min(timesMs.length - 1, Math.ceil(q * timesMs.length) - 1)]! : NaN);
  return {
    requests: result.requests.total,
    reqPerS: result.requests.total / durationS,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: timesMs.at(-1) ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cache,
  };
}

/** The first `/flights/<key>` link on a page (the newest published finding; the queue's top row). */
async function firstFlightLink(url: string, cookie: string | null, what: string): Promise<string> {
  const response = await fetch(url, { headers: cookie ? { cookie } : undefined, redirect: "manual" });
  const html = await response.text();
  const match = /href="(\/flights\/[0-9a-z]{6}-\d+)"/.exec(html);
  if (!match) throw new Error(`no flight link in ${what} (${url} answered ${response.status}): pass the path explicitly`);
  return match[1]!;
}

/** User + system CPU time of a process and its children that are still running, in ms (Linux /proc; 100 ticks/s). */
function cpuMs(pid: number): number | null {
  const own = readProcStat(pid);
  if (!own) return null;
  let total = own.cpuMs;
  for (const child of allPids()) {
    const stat = readProcStat(child);
    if (stat?.ppid === pid) total += stat.cpuMs;
  }
  return total;
}

/** The high-water mark of resident memory of a process and its descendants (Linux /proc). */
export function peakRssMb(pid: number): number | null {
  const kb = (p: number) => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  const own = kb(pid);
  if (own === 0) return null;
  // Children (a server that forks, as `next start` does): the largest one counts beside the parent.
  let children = 0;
  for (const child of allPids()) if (readProcStat(child)?.ppid === pid) children = Math.max(children, kb(child));
  return (own + children) / 1024;
}
