/**
 * How bench:scale measures memory: /proc polling of a process tree (grandchildren included) and
 * the exit report every node process of a benchmarked child writes (report-peak-rss.mjs).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { processTree, readProcessMemory, TreeSampler } from "@/lib/cli/bench/scale/process-memory";

const PRELOAD = path.resolve(import.meta.dirname, "../../../lib/cli/bench/scale/report-peak-rss.mjs");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "process-memory-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A node child that starts a grandchild holding ~`mb` MB, waits for it, then exits. */
const PARENT = (mb: number) => `
const { spawnSync } = require("node:child_process");
spawnSync(process.execPath, ["-e", "const b = Buffer.alloc(${mb} * 1048576, 7); setTimeout(() => b.length, 2500);"], { stdio: "inherit" });
`;

describe("bench:scale memory measurement", () => {
  it("follows a process tree down to a grandchild and keeps its peak", async () => {
    const child = spawn(process.execPath, ["-e", PARENT(96)], { stdio: "inherit" });
    const sampler = new TreeSampler(child.pid!, 50);
    let treeSize = 0;
    const watcher = setInterval(() => (treeSize = Math.max(treeSize, processTree(child.pid!).length)), 50);
    await new Promise((resolve) => child.once("close", resolve));
    clearInterval(watcher);
    const peak = sampler.stop();
    expect(treeSize).toBe(2);
    expect(peak.processes.length).toBe(2);
    expect(Math.max(...peak.processes.map((p) => p.peakMb))).toBeGreaterThan(90);
    expect(peak.peakTreeRssMb).toBeGreaterThan(90);
  });

  it("has every node process of the tree report its exact peak on exit", async () => {
    const file = path.join(dir, "peaks.jsonl");
    const child = spawn(process.execPath, ["-e", PARENT(64)], {
      stdio: "inherit",
      env: { ...process.env, DARKFLIGHT_PEAK_RSS_FILE: file, NODE_OPTIONS: `--import=${PRELOAD}` },
    });
    await new Promise((resolve) => child.once("close", resolve));
    const reports = fs.readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { pid: number; peakKb: number });
    expect(reports.map((r) => r.pid)).toContain(child.pid);
    expect(reports).toHaveLength(2);
    expect(Math.max(...reports.map((r) => r.peakKb))).toBeGreaterThan(64 * 1024);
  });

  it("says a process that is gone is gone", () => {
    expect(readProcessMemory(process.pid)?.peakKb).toBeGreaterThan(0);
    expect(readProcessMemory(2 ** 22 + 12345)).toBeNull();
  });
});
