import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "@/lib/infra/project-root";

/**
 * lib/cli/launch.mjs: `npm start`, `npm run cli` and the worker run the CLI from a bundle that is
 * rebuilt when one of its sources changes and reused otherwise. (`import --json` through the
 * bundle, against a database, is import-cli-json.test.ts; `npm start` through it, the e2e suite.)
 */
const run = promisify(execFile);
const OUT_DIR = path.join(PROJECT_ROOT, "node_modules", ".cache", "darkflight-cli");
const MANIFEST = path.join(OUT_DIR, "manifest.json");

interface Manifest {
  bundle: string;
  inputs: [string, number, number][];
}

const readManifest = (): Manifest => JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as Manifest;
const help = () => run(process.execPath, ["--conditions=react-server", "lib/cli/launch.mjs", "--help"], { cwd: PROJECT_ROOT });

describe("the CLI bundle", () => {
  it("is built from the sources, reused while they are unchanged, rebuilt when one changes", async () => {
    const first = await help();
    expect(first.stdout).toContain("darkflight: flags unscheduled, dark and detouring flights");
    const manifest = readManifest();
    const bundle = path.join(OUT_DIR, manifest.bundle);
    const inputs = manifest.inputs.map(([file]) => file);
    // Every source the CLI runs, through the @/ alias too, and how it is built; nothing from node_modules.
    expect(inputs).toEqual(expect.arrayContaining(["tsconfig.json", "package-lock.json", "lib/cli/launch.mjs", "lib/cli/main.ts", "lib/cli/commands/detect.ts", "lib/core/flight-record.ts"]));
    expect(inputs.filter((file) => file.startsWith("node_modules/") && !file.endsWith(".json"))).toEqual([]);

    // Unchanged sources: the same file is loaded, not written again.
    const builtMs = fs.statSync(bundle).mtimeMs;
    const again = await help();
    expect(again.stdout).toBe(first.stdout);
    expect(fs.statSync(bundle).mtimeMs).toBe(builtMs);
    expect(readManifest()).toEqual(manifest);

    // A source touched (as a checkout or an edit does): rebuilt, recording its new time.
    const source = path.join(PROJECT_ROOT, "lib/cli/usage-error.ts");
    // (A few seconds back: a file saved while a build reads it leaves no manifest, by design.)
    const touchedS = Date.now() / 1000 - 5;
    fs.utimesSync(source, touchedS, touchedS);
    await help();
    const rebuilt = readManifest();
    expect(rebuilt.inputs.find(([file]) => file === "lib/cli/usage-error.ts")![2]).toBe(fs.statSync(source).mtimeMs);
    // Same code, same content-named bundle.
    expect(rebuilt.bundle).toBe(manifest.bundle);
  }, 120_000);
});
