import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startCitusCluster, type CitusCluster } from "../../infra/citus-cluster-script";
import { PROJECT_ROOT } from "../../infra/project-root";
import { createDatabaseOnServer } from "../../infra/scratch-database";
import { startPlainPostgres, type PlainServer } from "./citus/plain-postgres";
import { freePort } from "./free-port";
import { median } from "./ingest-bench-support";
import { ServerSampler } from "./scale/process-memory";

/**
 * `npm run bench:citus [-- --aircraft N --days N --rounds N]`: the same generated regional traffic
 * (bench:scale's generator) imported with the CLI and detected (`detect --all`) on one plain
 * PostgreSQL 15 and on a Citus 13 cluster of a coordinator and 2 workers on the same binaries.
 * Each round gets fresh databases; rounds alternate the order (one server first, then the cluster
 * first); medians are printed. The servers' memory is the sum over every node's processes.
 */
const { values } = parseArgs({
  options: { aircraft: { type: "string" }, days: { type: "string" }, rounds: { type: "string" }, dir: { type: "string" } },
});
const aircraft = Number(values.aircraft ?? 400);
const days = Number(values.days ?? 3);
const rounds = Number(values.rounds ?? 2);
const workDir = path.resolve(values.dir ?? path.join(PROJECT_ROOT, ".data", "bench", "citus-traffic"));
fs.mkdirSync(workDir, { recursive: true });

type Side = "one server" | "cluster";
interface RoundFigures {
  importRowsPerS: number;
  detectPositionsPerS: number;
  positions: number;
  flights: number | null;
  flags: number | null;
  cliPeakMb: number;
  serversPeakMb: number;
}

function postmasterPids(dataDirs: string[]): number[] {
  return dataDirs.map((dir) => Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]));
}

async function scaleRun(databaseUrl: string, out: string, generate: boolean, serverDirs: string[]): Promise<RoundFigures> {
  const samplers = postmasterPids(serverDirs).map((pid) => new ServerSampler(pid, () => new Set()));
  const args = ["--conditions=react-server", "--import", "tsx", "lib/cli/bench/scale-bench.ts", "--dir", workDir, "--aircraft", String(aircraft),
    "--days", String(days), "--no-pages", "--database-url", databaseUrl, "--out", out, ...(generate ? [] : ["--skip-generate"])];
  const code = await new Promise<number | null>((resolve) => {
    spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"] }).on("exit", resolve);
  });
  const serversPeakMb = samplers.reduce((sum, s) => sum + s.stop().peakPssMb, 0);
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  if (code !== 0 || r.failures.length > 0) throw new Error(`bench:scale failed on ${databaseUrl}: ${r.failures.join("; ")}`);
  const importS = r.importTotals.wallMs / 1000;
  return {
    importRowsPerS: r.importTotals.rows / importS,
    detectPositionsPerS: r.detection.positions / (r.detection.totalMs / 1000),
    positions: r.detection.positions,
    flights: r.detection.flights,
    flags: r.detection.flags,
    cliPeakMb: Math.max(r.registry.peakMb, r.detection.peakMb, ...r.imports.map((i: { peakMb: number }) => i.peakMb)),
    serversPeakMb,
  };
}

let plain: PlainServer | null = null;
let cluster: CitusCluster | null = null;
try {
  plain = startPlainPostgres(await freePort());
  cluster = startCitusCluster(await freePort(), 2);
  const servers: Record<Side, { url: string; dirs: string[] }> = {
    "one server": { url: plain.url, dirs: [plain.dataDir] },
    cluster: { url: cluster.url, dirs: [0, 1, 2].map((i) => path.join(cluster!.dir, `node${i}`)) },
  };
  const figures: Record<Side, RoundFigures[]> = { "one server": [], cluster: [] };
  for (let round = 0; round < rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ["one server", "cluster"] : ["cluster", "one server"];
    for (const side of order) {
      const database = await createDatabaseOnServer(servers[side].url);
      try {
        console.error(`round ${round + 1}: ${side} …`);
        const out = path.join(workDir, `${side.replace(" ", "-")}-${round + 1}.json`);
        figures[side].push(await scaleRun(database.url, out, round === 0 && side === order[0], servers[side].dirs));
      } finally {
        await database.drop();
      }
    }
  }
  const row = (side: Side) => {
    const f = figures[side];
    const m = (pick: (x: RoundFigures) => number) => median(f.map(pick));
    return `| ${side} | ${Math.round(m((x) => x.importRowsPerS)).toLocaleString("en-US")} | ${Math.round(m((x) => x.detectPositionsPerS)).toLocaleString("en-US")} | ${f[0]!.positions.toLocaleString("en-US")} | ${f[0]!.flights} / ${f[0]!.flags} | ${Math.max(...f.map((x) => x.cliPeakMb)).toFixed(0)} | ${Math.max(...f.map((x) => x.serversPeakMb)).toFixed(0)} |`;
  };
  console.log(`\n${aircraft} aircraft × ${days} days, ${rounds} rounds (alternating order), medians:\n`);
  console.log("| server | import rows/s (with incremental detection) | detect --all positions/s | positions | flights / flags | CLI peak RSS MB | servers' peak PSS MB (all nodes) |");
  console.log("|---|---|---|---|---|---|---|");
  console.log(row("one server"));
  console.log(row("cluster"));
} finally {
  cluster?.stop();
  plain?.stop();
}
