import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensureProductionBuild, isBuildCurrent } from "../../../infra/production-build";
import { PROJECT_ROOT } from "../../../infra/project-root";
import { startWebServer } from "../../../infra/web-server";
import { runWebBench, type WebBenchResult } from "../web-bench-run";
import { TreeSampler, type TreePeak } from "./process-memory";
import { freePort } from "../free-port";

export interface PagesFigures {
  /** True when `next build` had to run first (its time is not part of the page figures). */
  built: boolean;
  buildMs: number;
  /** The existing build was served although the sources changed since (--reuse-build). */
  staleBuild: boolean;
  published: number;
  bench: WebBenchResult;
  /** The production web server and its children. */
  webServer: TreePeak;
}

/**
 * The pages at this size: a tenth of the flagged flights confirmed and published (so the public
 * pages carry weight), an analyst of this run, the production build, the production web server on a free
 * port, then bench:web's autocannon runs (web-bench-run.ts) page by page.
 */
export async function measurePages(options: {
  databaseUrl: string;
  connections: number;
  durationS: number;
  /** Serve the existing build even when it is older than the sources, rather than building. */
  reuseBuild: boolean;
  log: (message: string) => void;
}): Promise<PagesFigures> {
  const { log } = options;
  // The data layer reads DATABASE_URL once, when first loaded: set it, then load it.
  process.env.DATABASE_URL = options.databaseUrl;
  const { dbPool, closeDbPool } = await import("../../../server/db/pool");
  const { createUser } = await import("../../../server/users/create-user");
  const analyst = { email: `bench-scale-${Date.now()}@darkflight.local`, password: crypto.randomBytes(18).toString("base64url") };
  let published = 0;
  try {
    await createUser({ ...analyst, role: "ANALYST" }, "bench:scale");
    const { rowCount } = await dbPool().query(
      `INSERT INTO reviews (icao24, flight_id, status, published, published_at)
       SELECT f.icao24, f.id, 'CONFIRMED', true, now() FROM flights f
        WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) AND f.id % 10 = 0
       ON CONFLICT DO NOTHING`,
    );
    published = rowCount ?? 0;
    await dbPool().query("ANALYZE");
  } finally {
    await closeDbPool();
  }

  const buildStartedMs = performance.now();
  const reuse = options.reuseBuild && fs.existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"));
  const staleBuild = reuse && !isBuildCurrent();
  if (staleBuild) log("serving the existing production build, older than the sources (--reuse-build)");
  const built = reuse ? false : await ensureProductionBuild(log);
  const buildMs = performance.now() - buildStartedMs;
  const port = await freePort();
  log(`production web server on port ${port} …`);
  const web = await startWebServer({ mode: "start", port, databaseUrl: options.databaseUrl, sessionSecret: crypto.randomBytes(32).toString("base64url") });
  const sampler = new TreeSampler(web.process.pid!, 500);
  try {
    const bench = await runWebBench({
      baseUrl: web.url,
      credentials: analyst,
      serverPid: web.process.pid,
      connections: options.connections,
      durationS: options.durationS,
      log,
    });
    return { built, buildMs, staleBuild, published, bench, webServer: sampler.stop() };
  } finally {
    sampler.stop();
    await web.stop();
  }
}

