import fs from "node:fs";
import path from "node:path";
import type { PagesFigures } from "./measure-pages";
import type { ServerPeak } from "./process-memory";
import type { ProcessPeak } from "./run-cli";
import type { DatabaseFigures, DiskSoFar } from "./scale-database";
import type { ScaleOptions } from "./scale-options";

export interface CliStep {
  label: string;
  exitCode: number | null;
  wallMs: number;
  peakMb: number;
  peakTreeRssMb: number;
  processes: ProcessPeak[];
}

export interface ScaleResults {
  startedAt: string;
  updatedAt: string;
  /** "complete", or the phase a failure or an interruption stopped in. */
  status: string;
  machine: { cores: number; loadAverage1m: number[]; node: string; database: string };
  options: Omit<ScaleOptions, "databaseUrl"> & { databaseUrl: string | null };
  generation: { files: number; reusedFiles: number; positions: number; gzipBytes: number; ms: number; peakMb: number } | null;
  registry: CliStep | null;
  imports: (CliStep & { file: string; incrementalDetectionS: number | null; diskAfter: DiskSoFar | null })[];
  importTotals: {
    rows: number; duplicates: number; rejected: number; batches: number;
    wallMs: number; incrementalDetectionS: number;
  } | null;
  detection: (CliStep & { positions: number | null; flights: number | null; flags: number | null; gaps: number | null; totalMs: number | null }) | null;
  /** A CLI child that does nothing (an already imported file): its start-up and shut-down. */
  cliStartup: CliStep | null;
  server: Partial<Record<"imports" | "detection" | "pages", ServerPeak>>;
  database: DatabaseFigures | null;
  pages: PagesFigures | null;
  failures: string[];
}

export function saveResults(file: string, results: ScaleResults): void {
  results.updatedAt = new Date().toISOString();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (n: number | undefined) => (n === undefined ? "-" : `${n.toFixed(0)} MB`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perS = (count: number, ms: number) => (ms > 0 ? int(count / (ms / 1000)) : "-");

/** The final table: throughput, every process's peak memory, disk per position, pages. */
export function printScaleReport(r: ScaleResults): void {
  const out: string[] = [];
  const row = (what: string, value: string, note = "") => out.push(`  ${what.padEnd(46)} ${value.padStart(16)}  ${note}`);
  out.push("", `bench:scale — ${r.status}; ${r.machine.database}; ${r.machine.cores} cores, load ${r.machine.loadAverage1m.map((l) => l.toFixed(1)).join(" / ")}`);
  if (r.generation) {
    const g = r.generation;
    row("generated positions", int(g.positions), `${g.files} daily gzip OpenSky files (${g.reusedFiles} reused), ${(g.gzipBytes / 1e6).toFixed(0)} MB`);
    if (g.reusedFiles < g.files) row("generation", s(g.ms), `${perS(g.positions, g.ms)} rows/s, peak ${mb(g.peakMb)} (largest generator process)`);
  }
  if (r.importTotals) {
    const t = r.importTotals;
    const importOnlyMs = t.wallMs - t.incrementalDetectionS * 1000;
    row("imported rows (this run)", int(t.rows), `${int(t.batches)} batches, ${int(t.duplicates)} duplicates, ${int(t.rejected)} rejected`);
    row(`import, CLI wall (${r.imports.length} child${r.imports.length === 1 ? "" : "ren"})`, `${perS(t.rows, t.wallMs)} rows/s`, `${s(t.wallMs)}, incl. start-up and the incremental detection`);
    row("import, CLI wall minus its detection", `${perS(t.rows, importOnlyMs)} rows/s`, `${s(importOnlyMs)} (detection inside import: ${t.incrementalDetectionS.toFixed(1)} s)`);
    if (r.cliStartup) {
      const startupMs = r.cliStartup.wallMs * r.imports.length;
      row("import, minus detection and CLI start-ups", `${perS(t.rows, importOnlyMs - startupMs)} rows/s`, `start-up ${s(r.cliStartup.wallMs)} per child × ${r.imports.length}`);
    }
  }
  if (r.detection) {
    const d = r.detection;
    const positions = d.positions ?? r.database?.positions ?? 0;
    row("detect --all, CLI wall", `${perS(positions, d.wallMs)} pos/s`, `${int(positions)} positions in ${s(d.wallMs)}, exit ${d.exitCode}`);
    if (d.totalMs !== null) row("detect --all, its own timer", `${perS(positions, d.totalMs)} pos/s`, `${int(d.flights ?? 0)} flights, ${int(d.flags ?? 0)} flags, ${int(d.gaps ?? 0)} gaps`);
  }
  if (r.imports.length > 0) {
    out.push("", "  each import child: rows, wall, detection inside it, peak RSS, database after it");
    for (const i of r.imports) {
      const d = i.diskAfter;
      out.push(
        `    ${i.file.slice(0, 40).padEnd(40)} ${s(i.wallMs).padStart(8)} det ${i.incrementalDetectionS === null ? "-" : `${i.incrementalDetectionS.toFixed(1)} s`} ` +
          `${mb(i.peakMb).padStart(7)}  exit ${i.exitCode}${d ? `  ${int(d.rows)} rows, ${(d.databaseBytes / 1e6).toFixed(0)} MB` : ""}`,
      );
    }
  }
  out.push("", "  peak resident memory (VmHWM; target ≤ 300 MB per process)");
  const peak = (label: string, step: CliStep | null | undefined, note = "") => {
    if (!step) return;
    const children = step.processes.filter((p) => p.peakMb > 0).length;
    row(label, mb(step.peakMb), `tree ${mb(step.peakTreeRssMb)} (${children} process${children === 1 ? "" : "es"})${note}`);
  };
  peak("cli import-aircraft", r.registry);
  if (r.imports.length > 0) {
    const worst = r.imports.reduce((a, b) => (b.peakMb > a.peakMb ? b : a));
    const median = [...r.imports].sort((a, b) => a.peakMb - b.peakMb)[Math.floor(r.imports.length / 2)]!;
    peak(`cli import, worst of ${r.imports.length}`, worst, `; ${worst.file}; median ${mb(median.peakMb)}`);
  }
  peak("cli detect --all", r.detection);
  peak("cli import, nothing to do (start-up)", r.cliStartup);
  for (const [phase, server] of Object.entries(r.server)) {
    row(`PostgreSQL server during ${phase} (sum)`, mb(server.peakRssMb), `PSS ${mb(server.peakPssMb)}; postmaster ${mb(server.postmasterPeakMb)}, largest other process ${mb(server.largestProcessPeakMb)}`);
  }
  if (r.pages) row("web server (process tree)", mb(r.pages.webServer.peakTreeRssMb), `largest process ${mb(Math.max(0, ...r.pages.webServer.processes.map((p) => p.peakMb)))}`);
  if (r.database) {
    const d = r.database;
    out.push("", "  disk");
    row("positions (table + indexes + TOAST)", `${(d.positionsBytes / 1e6).toFixed(0)} MB`, `${d.partitions > 0 ? `${d.partitions} partition${d.partitions === 1 ? "" : "s"}, ` : ""}${int(d.positions)} rows`);
    row("bytes per position: positions", d.positions > 0 ? (d.positionsBytes / d.positions).toFixed(1) : "-");
    row("bytes per position: whole database", d.positions > 0 ? (d.databaseBytes / d.positions).toFixed(1) : "-", `${(d.databaseBytes / 1e6).toFixed(0)} MB`);
    out.push(`    ${int(d.flights)} flights; flags: ${Object.entries(d.flagsByKind).map(([k, n]) => `${k} ${int(n)}`).join(", ") || "none"}`);
    out.push(`    largest: ${d.largestTables.map((t) => `${t.name} ${(t.bytes / 1e6).toFixed(0)} MB`).join(", ")}`);
  }
  const lastDisk = r.imports.findLast((i) => i.diskAfter !== null)?.diskAfter;
  if (!r.database && lastDisk && lastDisk.rows > 0) {
    out.push("", `  disk so far (after ${r.imports.length} import children)`);
    row("bytes per position: positions", (lastDisk.positionsBytes / lastDisk.rows).toFixed(1), `${(lastDisk.positionsBytes / 1e6).toFixed(0)} MB for ${int(lastDisk.rows)} rows`);
    row("bytes per position: whole database", (lastDisk.databaseBytes / lastDisk.rows).toFixed(1), `${(lastDisk.databaseBytes / 1e6).toFixed(0)} MB`);
  }
  if (r.pages) {
    const b = r.pages.bench;
    out.push("", `  pages: ${b.connections} connections × ${b.durationS} s each, ${int(r.pages.published)} findings published${r.pages.built ? `, after a ${s(r.pages.buildMs)} build` : ""}${r.pages.staleBuild ? "; SERVED A BUILD OLDER THAN THE SOURCES" : ""}`);
    out.push(`  ${"page".padEnd(38)} ${"req/s".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"peak".padStart(7)}  failed  (peak: the web server's peak RSS so far)`);
    for (const p of b.pages) {
      const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(8);
      // Runs saved before the peak was kept per page have none.
      const peak = p.serverPeakRssMbSoFar == null ? "?" : `${p.serverPeakRssMbSoFar.toFixed(0)} MB`;
      out.push(`  ${p.name.padEnd(38)} ${p.reqPerS.toFixed(0).padStart(8)} ${ms(p.p50Ms)} ${ms(p.p95Ms)} ${ms(p.p99Ms)} ${peak.padStart(7)}  ${int(p.non2xx + p.errors)}`);
    }
  }
  if (r.failures.length > 0) out.push("", "  FAILURES:", ...r.failures.map((f) => `  - ${f}`));
  console.log(out.join("\n"));
}
