import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/infra/embedded-database";
import { isProcessAlive } from "@/lib/infra/process-files";
import { PROJECT_ROOT } from "@/lib/infra/project-root";

/** A real embedded cluster, killed the hard way, must come back without manual cleanup. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-recovery-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function postmasterPid(): number {
  return Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT 1 AS one");
  await client.end();
  return rows[0].one === 1;
}

/** Start the embedded database in a child process (its owner). */
async function startOwner() {
  const script = `
    import { startEmbeddedDatabase } from "./lib/infra/embedded-database.ts";
    const db = await startEmbeddedDatabase({ dataDir: ${JSON.stringify(dataDir)}, databaseName: "recovery", fast: true });
    console.log("READY " + db.port);
    setInterval(() => {}, 1000);
    process.stdin.on("data", async () => { await db.stop(); process.exit(0); });`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: PROJECT_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`owner exited early (${code})`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    port,
    kill: async (signal: NodeJS.Signals) => (child.kill(signal), await exited),
    /** Stop the way a finished command does: `db.stop()`, then exit. */
    finish: async () => (child.stdin.write("stop\n"), await exited),
  };
}

describe("embedded PostgreSQL recovery", () => {
  it("adopts a server orphaned by a SIGKILLed owner, then stops it cleanly", async () => {
    const owner = await startOwner();
    await owner.kill("SIGKILL");
    const port = owner.port;
    const orphan = postmasterPid();
    expect(isProcessAlive(orphan)).toBe(true);

    const db = await startEmbeddedDatabase({ dataDir, databaseName: "recovery" });
    expect(db.owned).toBe(true);
    expect(db.port).toBe(port);
    expect(await canQuery(db.url)).toBe(true);
    await db.stop();
    expect(isProcessAlive(orphan)).toBe(false);
  });

  it("removes a stale postmaster.pid whose process is gone and starts afresh", async () => {
    const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
    fs.writeFileSync(pidFile, "999999\n/nowhere\n0\n5999\n");
    const db = await startEmbeddedDatabase({ dataDir, databaseName: "recovery" });
    expect(await canQuery(db.url)).toBe(true);
    expect(postmasterPid()).not.toBe(999999);
    await db.stop();
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it("shares a server whose owner is still alive (npm run dev beside npm start) and leaves it running", async () => {
    const owner = await startOwner();
    const server = postmasterPid();
    const guest = await startEmbeddedDatabase({ dataDir, databaseName: "recovery" });
    expect(guest.owned).toBe(false);
    expect(guest.port).toBe(owner.port);
    expect(await canQuery(guest.url)).toBe(true);
    await guest.stop();
    expect(isProcessAlive(server)).toBe(true);
    // The owner stops it on SIGTERM.
    await owner.kill("SIGTERM");
    const deadline = Date.now() + 15_000;
    while (isProcessAlive(server) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(isProcessAlive(server)).toBe(false);
  });

  it("keeps the server up when the process that started it finishes while another still uses it", async () => {
    const starter = await startOwner(); // e.g. a long `import` that started the database
    const server = postmasterPid();
    const joiner = await startEmbeddedDatabase({ dataDir, databaseName: "recovery" }); // e.g. `npm start`
    await starter.finish();
    expect(isProcessAlive(server)).toBe(true);
    expect(await canQuery(joiner.url)).toBe(true);
    await joiner.stop(); // the last one out stops it
    const deadline = Date.now() + 15_000;
    while (isProcessAlive(server) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(isProcessAlive(server)).toBe(false);
  });
});
