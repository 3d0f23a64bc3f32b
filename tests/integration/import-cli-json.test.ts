import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "@/lib/infra/project-root";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/infra/scratch-database";

/** Issue 14: `import --json` through a pipe was cut at 65,536 bytes (the CLI exited before stdout drained). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-cli-json-"));
let database: ScratchDatabase;

beforeAll(async () => {
  // Its own database: the CLI migrates and seeds the reference data of whatever it is given.
  database = await createScratchDatabase();
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `command` with the test database, collecting its exit code and what it printed. */
function run(command: string, args: string[], cwd = PROJECT_ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, DATABASE_URL: database.url }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/**
 * Runs the CLI into a shell pipe whose reader starts late, as `| jq` can: the CLI must wait for
 * its output to drain before it exits. Resolves with the CLI's exit code and what the reader got.
 */
async function runCliIntoSlowPipe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const codeFile = path.join(dir, "exit-code");
  const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;
  const cli = [process.execPath, "--conditions=react-server", "lib/cli/launch.mjs", ...args].map(quote).join(" ");
  const { stdout, stderr } = await run("sh", ["-c", `( ${cli}; echo $? > ${quote(codeFile)} ) | ( sleep 1; cat )`]);
  return { code: Number(fs.readFileSync(codeFile, "utf8")), stdout, stderr };
}

describe("the CLI's JSON output through a pipe", () => {
  it("prints the whole report, past 64 KB, and exits 1 for the rejected rows", async () => {
    const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
    const good = Array.from({ length: 10 }, (_, i) => `${1722500000 + i},0e0001,20,-75,230,180,0,ABC123,False,,,,10000,,,`);
    const bad = Array.from({ length: 3000 }, (_, i) => `${1722600000 + i},0e0001,95.${i},-75,230,180,0,ABC123,False,,,,10000,,,`);
    const file = path.join(dir, "many-rejections.csv");
    fs.writeFileSync(file, [header, ...good, ...bad].join("\n"));
    const { code, stdout, stderr } = await runCliIntoSlowPipe(["import", "--json", file]);
    expect(stdout.length, stderr).toBeGreaterThan(65_536);
    const outcomes = JSON.parse(stdout) as { status: string; accepted: number; rejections: { rejected: number; rows: unknown[] } }[];
    expect(outcomes[0]).toMatchObject({ status: "imported", accepted: 10, rejections: { rejected: 3000 } });
    expect(outcomes[0]!.rejections.rows).toHaveLength(1000);
    expect(code).toBe(1);
  });
});

describe("a file named relative to where `npm run cli` was typed", () => {
  it("is read from there, not from the project's folder npm runs the script in", async () => {
    const here = fs.mkdtempSync(path.join(dir, "typed-here-"));
    const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
    fs.writeFileSync(path.join(here, "mine.csv"), [header, ...Array.from({ length: 5 }, (_, i) => `${1722700000 + i},0e0002,20,-75,230,180,0,ABC124,False,,,,10000,,,`)].join("\n"));
    const npm = process.env.npm_execpath;
    const [command, args] = npm ? [process.execPath, [npm]] : ["npm", []];
    const result = await run(command, [...args, "--prefix", PROJECT_ROOT, "run", "--silent", "cli", "--", "import", "--json", "mine.csv"], here);
    const outcomes = JSON.parse(result.stdout) as { status: string; fileName: string; accepted: number }[];
    expect(outcomes, result.stderr).toMatchObject([{ status: "imported", fileName: "mine.csv", accepted: 5 }]);
    expect(result.code).toBe(0);
  });
});

describe("the CLI's words for what it cannot reach", () => {
  const runCli = (script: string) => run("sh", ["-c", script]);
  const cli = `'${process.execPath}' --conditions=react-server lib/cli/launch.mjs`;

  it("stops quietly when the reader of its output goes away (| head)", async () => {
    // A report well past the pipe's 64 KB, from a file of its own (not "already imported").
    const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
    const bad = Array.from({ length: 3000 }, (_, i) => `${1722800000 + i},0e0003,95.${i},-75,230,180,0,ABC125,False,,,,10000,,,`);
    const file = path.join(dir, "piped.csv");
    fs.writeFileSync(file, [header, `1722799999,0e0003,20,-75,230,180,0,ABC125,False,,,,10000,,,`, ...bad].join("\n"));
    const { stdout, stderr } = await runCli(`${cli} import --json '${file}' | head -c 20`);
    expect(stdout).toHaveLength(20);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
  });

  it("names a missing file and which database it could not reach", async () => {
    const missing = await runCli(`${cli} import '${path.join(dir, "not-there.csv")}'`);
    expect(missing.stdout + missing.stderr).toMatch(/not-there\.csv: no such file or folder/);
    expect(missing.stdout + missing.stderr).not.toMatch(/ENOENT/);
    const target = await runCli(`${cli} copy-to postgresql://postgres:postgres@127.0.0.1:9/nowhere`);
    expect(target.stderr).toMatch(/the target database \(postgresql:\/\/postgres:\*+@127\.0\.0\.1:9\/nowhere\): nothing answers at 127\.0\.0\.1:9/);
  });

  it("refuses a months' range of centuries and a token id past any id, as usage errors", async () => {
    const centuries = await runCli(`${cli} partitions --from 1900-01 --to 2100-12; echo "exit $?"`);
    expect(centuries.stderr).toMatch(/spans more than 120 months/);
    expect(centuries.stdout).toMatch(/exit 2/);
    const huge = await runCli(`${cli} token revoke 99999999999999999999999; echo "exit $?"`);
    expect(huge.stderr).toMatch(/a token id is a number up to 2147483647 \(got "99999999999999999999999"\)/);
    expect(huge.stdout).toMatch(/exit 2/);
  });
});
