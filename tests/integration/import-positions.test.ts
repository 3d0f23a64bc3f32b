import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "@/lib/infra/project-root";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importAircraftRegistry } from "@/lib/server/ingest/import-aircraft-registry";
import { importPositionsFile, type ImportOutcome } from "@/lib/server/ingest/import-positions-file";
import { reimportBatch } from "@/lib/server/ingest/reimport-batch";
import { sharedDataPath } from "../support/shared-data";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-import-test-"));
const nowMs = Date.parse("2026-11-29T00:00:00Z");
const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function rows(icao24: string, startS: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${startS + i * 10},${icao24},${(20 - i * 0.01).toFixed(4)},-75.0,230.0,180.0,0.0,ABC123 ,False,,,,10000.0,,,`);
}

/** Every table's row count: a refused import must leave all of them as they were. */
async function snapshot(): Promise<Record<string, number>> {
  const tables = ["positions", "import_batches", "stored_files", "stored_file_chunks", "aircraft", "detection_requests"];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await dbPool().query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  return counts;
}

function imported(outcome: ImportOutcome) {
  if (outcome.status !== "imported") throw new Error(`expected an import, got ${JSON.stringify(outcome)}`);
  return outcome;
}

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, schedules, detection_requests CASCADE");
});
afterAll(async () => {
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("importing position files", () => {
  it("commits the valid rows as one batch, reports the rest by line, column and reason, and queues detection", async () => {
    const file = write("mixed.csv", [HEADER, ...rows("0b04e2", 1722500000, 50), "1722600000,0b04e2,95.0,-75.0,230,180,0,ABC123,False,,,,10000,,,"].join("\n"));
    const outcome = imported(await importPositionsFile({ path: file, fileName: "mixed.csv", nowMs }));
    expect(outcome).toMatchObject({ format: "opensky", accepted: 50, duplicates: 0, aircraft: ["0b04e2"] });
    expect(outcome.rejections.rows).toEqual([{ line: 52, column: "lat", reason: "latitude above 90", value: "95.0" }]);
    const stored = await dbPool().query(`SELECT count(*)::int AS n, min(altitude_baro_ft) AS ft, min(ground_speed_kt) AS kt FROM positions WHERE batch_id = $1`, [outcome.batchId]);
    expect(stored.rows[0]).toEqual({ n: 50, ft: Math.round(10000 / 0.3048), kt: expect.closeTo(230 / 0.514444, 0) });
    const requests = await dbPool().query(`SELECT icao24, window_start, window_end FROM detection_requests WHERE batch_id = $1`, [outcome.batchId]);
    expect(requests.rows).toEqual([{ icao24: "0b04e2", window_start: new Date(1722500000_000), window_end: new Date((1722500000 + 490) * 1000) }]);
  });

  it("answers the same file again with its batch and writes nothing", async () => {
    const file = write("same.csv", [HEADER, ...rows("0b04e3", 1722500000, 20)].join("\n"));
    const first = imported(await importPositionsFile({ path: file, fileName: "same.csv", nowMs }));
    const before = await snapshot();
    const again = await importPositionsFile({ path: file, fileName: "renamed.csv", nowMs });
    expect(again).toMatchObject({ status: "already-imported", batchId: first.batchId });
    expect(await snapshot()).toEqual(before);
  });

  it("counts rows already stored by an earlier import (or twice in the file) as duplicates, not copies", async () => {
    const earlier = rows("0d80ae", 1722700000, 30);
    imported(await importPositionsFile({ path: write("first.csv", [HEADER, ...earlier].join("\n")), fileName: "first.csv", nowMs }));
    const overlapping = [HEADER, ...earlier.slice(20), ...rows("0d80ae", 1722700000 + 300, 15), earlier[29]!].join("\n");
    const outcome = imported(await importPositionsFile({ path: write("overlap.csv", overlapping), fileName: "overlap.csv", nowMs }));
    // 10 rows were stored by the earlier file and its last row appears once more: 11 duplicates, 15 new rows
    expect({ accepted: outcome.accepted, duplicates: outcome.duplicates }).toEqual({ accepted: 15, duplicates: 11 });
    const total = await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE icao24 = '0d80ae'`);
    expect(total.rows[0].n).toBe(45);
  });

  it.each([
    ["empty.csv", "", /empty file/],
    ["binary.csv", Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]), /binary|NUL|not valid UTF-8/i],
    ["latin1.csv", Buffer.from(`${HEADER}\n1722500000,0b04e2,20,-75,230,180,0,M\xfcNCHEN,False,,,,10000,,,\n`, "latin1"), /UTF-8/],
    ["unknown.csv", "hello,world\n1,2\n", /format|column/i],
    ["missing-columns.csv", "time,icao24,velocity\n1722500000,0b04e2,230\n", /lat|lon|column/i],
    ["truncated.csv.gz", zlib.gzipSync(Buffer.from([HEADER, ...rows("0b04e4", 1722500000, 2000)].join("\n"))).subarray(0, 4000), /gzip/i],
    ["no-valid-row.csv", `${HEADER}\n1722500000,zzzzzz,20,-75,230,180,0,X,False,,,,10000,,,\n`, /no valid row/],
  ])("refuses %s with a clear reason and leaves the database unchanged", async (name, content, reason) => {
    const before = await snapshot();
    const outcome = await importPositionsFile({ path: write(name, content), fileName: name, nowMs });
    expect(outcome.status).toBe("refused");
    expect(outcome.status === "refused" ? outcome.reason : "").toMatch(reason);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a Flightradar24 export without an aircraft, and resolves one named by registration", async () => {
    const file = sharedDataPath("real", "JL516_3376ab31.csv");
    const refused = await importPositionsFile({ path: file, fileName: "JL516.csv", nowMs });
    expect(refused.status).toBe("refused");
    expect(refused.status === "refused" ? refused.reason : "").toMatch(/icao24|registration/);
    const registry = write("registry.csv", "icao24,registration,typecode,model,operator\n8467d8,JA743J,B77W,Boeing 777-346ER,Japan Airlines\n");
    expect((await importAircraftRegistry({ path: registry, fileName: "registry.csv" })).status).toBe("imported");
    const outcome = imported(await importPositionsFile({ path: file, fileName: "JL516.csv", nowMs, registration: "JA743J" }));
    expect(outcome).toMatchObject({ format: "fr24", aircraft: ["8467d8"], accepted: 305 });
  });

  it("with --strict refuses a file that has any invalid row", async () => {
    const before = await snapshot();
    const file = write("strict.csv", [HEADER, ...rows("0b04e5", 1722500000, 10), "1722600000,0b04e5,95.0,-75,230,180,0,X,False,,,,10000,,,"].join("\n"));
    const outcome = await importPositionsFile({ path: file, fileName: "strict.csv", nowMs, strict: true });
    expect(outcome).toMatchObject({ status: "refused", reason: expect.stringMatching(/--strict/) });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the original and re-parses a batch from it under the same batch id", async () => {
    const file = write("reimport.csv.gz", zlib.gzipSync(Buffer.from([HEADER, ...rows("0b04e6", 1722800000, 40)].join("\n"))));
    const first = imported(await importPositionsFile({ path: file, fileName: "reimport.csv.gz", nowMs }));
    const stored = await dbPool().query(`SELECT size_bytes::int AS size FROM stored_files WHERE sha256 = $1`, [first.sha256]);
    expect(stored.rows[0].size).toBe(fs.statSync(file).size);
    await dbPool().query(`DELETE FROM positions WHERE batch_id = $1 AND time > to_timestamp(1722800100)`, [first.batchId]);
    const again = imported(await reimportBatch(BigInt(first.batchId), { nowMs }));
    expect(again).toMatchObject({ batchId: first.batchId, accepted: 40 });
    const count = await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE batch_id = $1`, [first.batchId]);
    expect(count.rows[0].n).toBe(40);
  });

  it("leaves no partial batch when the importing process is killed mid-COPY", async () => {
    const big = path.join(dir, "big.csv");
    const lines = [HEADER];
    for (let k = 0; k < 200; k++) lines.push(...rows((0xa10000 + k).toString(16), 1722900000, 2000));
    fs.writeFileSync(big, lines.join("\n"));
    const before = await snapshot();
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "import", big], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      stdio: "ignore",
    });
    // Wait until the COPY is running on the server, then kill the importer outright.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const copying = await dbPool().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'COPY positions%' AND state = 'active'`);
      if (copying.rows[0].n > 0) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("the import never reached its COPY");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    // The server notices the dropped connection and rolls the transaction back.
    for (let i = 0; i < 100; i++) {
      const open = await dbPool().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'COPY positions%'`);
      if (open.rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const after = await snapshot();
    // Nothing at all: no positions, no batch, and no kept original (its transaction died too).
    expect(after).toEqual(before);
    const partial = await dbPool().query(`SELECT count(*)::int AS n FROM import_batches WHERE file_name = 'big.csv'`);
    expect(partial.rows[0].n).toBe(0);
  });
});
