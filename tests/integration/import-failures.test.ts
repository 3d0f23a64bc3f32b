import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { ImportFailedError } from "@/lib/server/ingest/import-failed-error";
import { importPositionsFile, type ImportOutcome } from "@/lib/server/ingest/import-positions-file";
import { ensurePositionPartitions, loadPositionPartitionMonths } from "@/lib/server/positions/position-partitions";

/** Issue 14: the importer survives what the database and odd files throw at it. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-import-failures-"));
const nowMs = Date.parse("2026-11-29T00:00:00Z");
const OPENSKY = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** `count` OpenSky rows for each address, 10 s apart from `startS`. */
function rows(icao24s: string[], startS: number, count: number): string[] {
  return icao24s.flatMap((icao24) =>
    Array.from({ length: count }, (_, i) => `${startS + i * 10},${icao24},${(20 - i * 0.0001).toFixed(5)},-75.0,230.0,180.0,0.0,ABC123 ,False,,,,10000.0,,,`),
  );
}

async function positionCount(where = "true"): Promise<number> {
  return (await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE ${where}`)).rows[0].n;
}

/** For each of these months: "attached", "absent", or "detached" (a table left outside positions). */
async function partitionStates(monthsMs: number[]): Promise<string[]> {
  const client = await dbPool().connect();
  try {
    const attached = await loadPositionPartitionMonths(client);
    const { rows } = await client.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relname ~ '^positions_p[0-9]{6}$' AND relkind = 'r'`);
    const tables = new Set(rows.map((r) => r.name));
    return monthsMs.map((m) => {
      const date = new Date(m);
      const name = `positions_p${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
      return attached.has(m) ? "attached" : tables.has(name) ? "detached" : "absent";
    });
  } finally {
    client.release();
  }
}

/** Importing still works afterwards: nothing was left broken in the pool or the process. */
async function expectHealthyImport(icao24: string): Promise<void> {
  const file = write(`after-${icao24}.csv`, [OPENSKY, ...rows([icao24], 1723000000, 5)].join("\n"));
  const outcome = await importPositionsFile({ path: file, fileName: `after-${icao24}.csv`, nowMs });
  expect(outcome).toMatchObject({ status: "imported", accepted: 5 });
}

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, detection_requests CASCADE");
});
afterAll(async () => {
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("importer failures", () => {
  it("refuses a file with hundreds of unknown-unit columns in a short reason, without crashing", async () => {
    const header = ["time", "hex", "lat", "lon", ...Array.from({ length: 400 }, () => "speed_ft")].join(",");
    const outcome = await importPositionsFile({ path: write("units.csv", `${header}\n1722500000,abcdef,1,2\n`), fileName: "units.csv", nowMs });
    expect(outcome.status).toBe("refused");
    const reason = outcome.status === "refused" ? outcome.reason : "";
    expect(reason).toMatch(/^unknown units: speed_ft: unit "ft" does not apply to speed;.*and 395 more$/);
    expect(reason.length).toBeLessThan(400);
    await expectHealthyImport("0d0001");
  });

  it("keeps a refusal reason of any length in the outcome, never in the COPY protocol", async () => {
    // An address option of 20,000 characters: its refusal reason is longer than PostgreSQL takes.
    const file = write("fr24.csv", "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction\n1704180175,,JAL516,\"42.78,141.68\",0,0,73\n");
    const icao24 = "z".repeat(20_000);
    // Fresh connections, each watched: a broken protocol shows as an 'error' on the import's client.
    await closeDbPool();
    const connectionErrors: string[] = [];
    dbPool().on("connect", (client) => client.on("error", (error) => connectionErrors.push(error.message)));
    const outcome = await importPositionsFile({ path: file, fileName: "fr24.csv", nowMs, icao24 });
    expect(outcome).toMatchObject({ status: "refused", reason: expect.stringContaining(icao24) });
    await expectHealthyImport("0d0002");
    expect(connectionErrors).toEqual([]);
  });

  it("retries a batch that deadlocks with an overlapping import writing the same rows in the opposite order", async () => {
    const first = Array.from({ length: 10 }, (_, k) => (0xe10000 + k).toString(16));
    const second = Array.from({ length: 10 }, (_, k) => (0xe20000 + k).toString(16));
    const a = rows(first, 1722600000, 4000);
    const b = rows(second, 1722600000, 4000);
    const forward = write("forward.csv", [OPENSKY, ...a, ...b].join("\n"));
    const backward = write("backward.csv", [OPENSKY, ...b, ...a].join("\n"));
    const outcomes = await Promise.all([
      importPositionsFile({ path: forward, fileName: "forward.csv", nowMs }),
      importPositionsFile({ path: backward, fileName: "backward.csv", nowMs }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["imported", "imported"]);
    const done = outcomes as Extract<ImportOutcome, { status: "imported" }>[];
    expect(done[0]!.accepted + done[1]!.accepted).toBe(80_000);
    expect(done[0]!.duplicates + done[1]!.duplicates).toBe(80_000);
    expect(await positionCount(`icao24 LIKE 'e1%' OR icao24 LIKE 'e2%'`)).toBe(80_000);
  });

  it("says it lost the database when the connection dies mid-import, commits nothing, and keeps working", async () => {
    const addresses = Array.from({ length: 30 }, (_, k) => (0xf10000 + k).toString(16));
    const file = write("lost.csv", [OPENSKY, ...rows(addresses, 1722700000, 4000)].join("\n"));
    const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await killer.connect();
    let killing: Promise<unknown> | null = null;
    const attempt = importPositionsFile({
      path: file,
      fileName: "lost.csv",
      nowMs,
      // Rows are flowing into COPY by the first progress report: terminate that backend then.
      onProgress: () => {
        killing ??= killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'COPY positions%' AND pid <> pg_backend_pid()`,
        );
      },
    });
    const error = await attempt.then(() => null, (e: unknown) => e);
    await killing;
    await killer.end();
    expect(error).toBeInstanceOf(ImportFailedError);
    expect((error as Error).message).toBe("lost the connection to the database during the import of lost.csv; nothing of it was committed");
    expect(await positionCount(`icao24 LIKE 'f1%'`)).toBe(0);
    const batches = await dbPool().query(`SELECT count(*)::int AS n FROM import_batches WHERE file_name = 'lost.csv' OR status = 'RUNNING'`);
    expect(batches.rows[0].n).toBe(0);
    await expectHealthyImport("0d0003");
  });

  it("removes the month partitions a refused import created, and keeps one that was there before", async () => {
    const [jan, feb, mar] = [Date.UTC(1992, 0, 1), Date.UTC(1992, 1, 1), Date.UTC(1992, 2, 1)];
    await ensurePositionPartitions(dbPool(), [jan]);
    expect(await partitionStates([jan, feb, mar])).toEqual(["attached", "absent", "absent"]);
    // Three months of good rows, then one bad row: --strict refuses the file after its COPY made February and March.
    const lines = [jan, feb, mar].flatMap((m) => rows(["0e0001"], m / 1000 + 3600, 3));
    const file = write("strict.csv", [OPENSKY, ...lines, "not-a-time,0e0001,20,-75,230,180,0,ABC123,False,,,,10000,,,"].join("\n"));
    const outcome = await importPositionsFile({ path: file, fileName: "strict.csv", nowMs, strict: true });
    expect(outcome).toMatchObject({ status: "refused", reason: expect.stringContaining("--strict") });
    expect(await partitionStates([jan, feb, mar])).toEqual(["attached", "absent", "absent"]);
    expect(await positionCount(`icao24 = '0e0001'`)).toBe(0);
    await expectHealthyImport("0d0004");
  });

  it("removes the month partition an import that failed on the database created", async () => {
    const apr = Date.UTC(1992, 3, 1);
    const addresses = Array.from({ length: 10 }, (_, k) => (0xf20000 + k).toString(16));
    const file = write("lost-new-month.csv", [OPENSKY, ...rows(addresses, apr / 1000 + 3600, 4000)].join("\n"));
    const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await killer.connect();
    let killing: Promise<unknown> | null = null;
    const error = await importPositionsFile({
      path: file,
      fileName: "lost-new-month.csv",
      nowMs,
      onProgress: () => {
        killing ??= killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'COPY positions%' AND pid <> pg_backend_pid()`);
      },
    }).then(() => null, (e: unknown) => e);
    await killing;
    await killer.end();
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(await partitionStates([apr])).toEqual(["absent"]);
    await expectHealthyImport("0d0005");
  });
});
