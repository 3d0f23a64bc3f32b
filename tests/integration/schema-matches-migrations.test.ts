import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeMapTrack } from "@/lib/core/flights/map-track";
import { POSITION_SOURCES } from "@/lib/ingest/canonical-position";
import { prisma } from "@/lib/server/db/prisma";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { ensurePositionPartitions } from "@/lib/server/positions/position-partitions";
import { readPrismaSchema } from "../support/prisma-schema-file";
import { liveModelSamples } from "./support/live-round-trip-samples";

/**
 * prisma/schema.prisma (the model, source of the client) and prisma/migrations (the SQL that
 * builds the database) are written separately; this proves they describe the same database.
 */
const schema = readPrismaSchema();
const HIGH_VOLUME = ["positions", "flights", "flags", "gap_events", "reviews", "notes", "detection_requests", "reception_visits"];
let client: pg.Client;
const ROUND_TRIP_JOB_ID = "00000000-0000-4000-8000-00000000a11d";
let publicationBefore: { version: bigint; changedAt: Date } | null = null;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  // The round trip's rows must not leak into the files that run after this one.
  // No foreign key cascades from import_batches to positions any more.
  await client.query(`DELETE FROM positions WHERE icao24 = 'fffff0'`);
  await client.query(`DELETE FROM import_batches WHERE sha256 = repeat('a', 64)`);
  await client.query(`DELETE FROM flights WHERE icao24 = 'fffff0'`);
  await client.query(`DELETE FROM detection_requests WHERE icao24 = 'fffff0'`);
  await client.query(`DELETE FROM aircraft WHERE icao24 = 'fffff0'`);
  await client.query(`DELETE FROM airports WHERE icao = 'ZZZZ'`);
  await client.query(`DELETE FROM zones WHERE code = 'ZZ-ROUNDTRIP'`);
  await client.query(`DELETE FROM schedules WHERE callsign = 'ZZZ9999'`);
  await client.query(`DELETE FROM stored_files WHERE sha256 = repeat('b', 64)`);
  await client.query(`DELETE FROM audit_events WHERE subject = 'round trip'`);
  await client.query(`DELETE FROM users WHERE email = 'roundtrip@example.org'`);
  await client.query(`DELETE FROM position_day_counts WHERE day = '1999-12-31'`);
  await client.query(`DELETE FROM reception_visits WHERE icao24 = 'fffff0'`);
  await client.query(`DELETE FROM reception_cells WHERE hour = '1999-12-31T00:00:00Z'`);
  await client.query(`DELETE FROM watchlist_entries WHERE kind = 'TAG' AND value = 'round-trip sample tag'`);
  await client.query(`DELETE FROM import_jobs WHERE id = $1`, [ROUND_TRIP_JOB_ID]);
  if (publicationBefore) {
    await client.query(`UPDATE publication_version SET version = $1, changed_at = $2 WHERE id = 1`, [publicationBefore.version.toString(), publicationBefore.changedAt]);
  }
  await client.end();
  await prisma().$disconnect();
  await closeDbPool();
});

async function columnsOf(table: string) {
  const { rows } = await client.query<{ column_name: string; is_nullable: string }>(
    `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r.is_nullable === "YES"]));
}

async function constraintsOf(table: string, type: "p" | "u" | "f") {
  const { rows } = await client.query<{ columns: string[]; ref_table: string | null; ref_columns: string[] | null }>(
    `SELECT array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
            c.confrelid::regclass::text AS ref_table,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS ref_columns
       FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = $2`,
    [`"${table}"`, type],
  );
  return rows;
}

async function uniqueIndexesOf(table: string): Promise<string[][]> {
  const { rows } = await client.query<{ columns: string[] }>(
    `SELECT array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
       FROM pg_index i WHERE i.indrelid = $1::regclass AND i.indisunique AND NOT i.indisprimary`,
    [`"${table}"`],
  );
  return rows.map((r) => r.columns);
}

describe("schema.prisma and the SQL migrations", () => {
  it("create exactly the tables of the models (plus Prisma's migration table)", async () => {
    // A partition (positions_pYYYYMM) is part of its model's table, not a table of its own.
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    );
    const tables = rows.map((r) => r.table_name).sort();
    expect(tables).toEqual([...schema.models.map((m) => m.table), "_prisma_migrations"].sort());
  });

  it.each(schema.models.map((m) => [m.name, m] as const))("%s: same columns, nullability, keys", async (_name, model) => {
    const columns = await columnsOf(model.table);
    const scalars = model.fields.filter((f) => !f.isRelation);
    expect([...columns.keys()].sort()).toEqual(scalars.map((f) => f.column).sort());
    for (const field of scalars) {
      // Prisma lists (String[]) are nullable columns; optional fields are nullable; the rest NOT NULL.
      expect({ column: field.column, nullable: columns.get(field.column) }).toEqual({
        column: field.column,
        nullable: field.optional || field.list,
      });
    }
    const [primary] = await constraintsOf(model.table, "p");
    expect(primary?.columns).toEqual(model.primaryKey);
    expect((await uniqueIndexesOf(model.table)).map((c) => c.join(",")).sort()).toEqual(
      model.uniques.map((c) => c.join(",")).sort(),
    );
  });

  it("declare the same enums with the same values", async () => {
    const { rows } = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.labels]))).toEqual(Object.fromEntries(schema.enums));
    // Detection's COPY sends a position's source as its index in this list (parse-position-copy.ts).
    expect(rows.find((r) => r.name === "PositionSource")?.labels).toEqual([...POSITION_SOURCES]);
  });

  it("keep the high-volume tables ready for Citus: keys and links among them include icao24", async () => {
    for (const table of HIGH_VOLUME) {
      const [primary] = await constraintsOf(table, "p");
      expect(primary?.columns, `${table} primary key`).toContain("icao24");
      for (const unique of await uniqueIndexesOf(table)) expect(unique, `${table} unique`).toContain("icao24");
      for (const fk of await constraintsOf(table, "f")) {
        if (HIGH_VOLUME.includes(fk.ref_table!)) expect(fk.columns[0], `${table} → ${fk.ref_table}`).toBe("icao24");
      }
    }
    // No small (reference) table points into a high-volume one.
    const small = schema.models.map((m) => m.table).filter((t) => !HIGH_VOLUME.includes(t));
    for (const table of small) {
      for (const fk of await constraintsOf(table, "f")) expect(HIGH_VOLUME, `${table} → ${fk.ref_table}`).not.toContain(fk.ref_table);
    }
  });
});

describe("positions: partitioned by UTC month, no foreign key", () => {
  it("is RANGE-partitioned on time, with monthly partitions named positions_pYYYYMM and no DEFAULT", async () => {
    const { rows } = await client.query<{ strategy: string; key: string }>(
      `SELECT p.partstrat AS strategy, pg_get_partkeydef(p.partrelid) AS key FROM pg_partitioned_table p WHERE p.partrelid = 'positions'::regclass`,
    );
    expect(rows).toEqual([{ strategy: "r", key: "RANGE (\"time\")" }]);
    await ensurePositionPartitions(dbPool(), [Date.parse("2024-08-15T00:00:00Z")]);
    await client.query("SET TimeZone = 'UTC'");
    const parts = await client.query<{ name: string; bound: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'positions'::regclass`,
    );
    expect(parts.rows.length).toBeGreaterThan(0);
    for (const part of parts.rows) {
      expect(part.name).toMatch(/^positions_p\d{6}$/);
      const y = Number(part.name.slice(11, 15));
      const m = Number(part.name.slice(15, 17));
      const from = new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
      expect(part.bound).toBe(`FOR VALUES FROM ('${from} 00:00:00+00') TO ('${to} 00:00:00+00')`);
    }
    expect(parts.rows.map((p) => p.name)).toContain("positions_p202408");
    await expect(client.query(`INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) VALUES ('fffff1', '1970-01-01T00:00:00Z', 0, 0, 1)`)).rejects.toThrow(
      /no partition of relation "positions(_\d+)?" found/,
    );
  });

  it("has no foreign key from positions, a primary key (icao24, time), B-tree on time, BRIN on batch_id and a partial index of the positions the map leaves out", async () => {
    expect(await constraintsOf("positions", "f")).toEqual([]);
    const [primary] = await constraintsOf("positions", "p");
    expect(primary?.columns).toEqual(["icao24", "time"]);
    const { rows } = await client.query<{ name: string; method: string }>(
      `SELECT c.relname AS name, a.amname AS method FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
        WHERE i.indrelid = 'positions'::regclass ORDER BY 1`,
    );
    expect(rows).toEqual([
      { name: "positions_batch_id_idx", method: "brin" },
      { name: "positions_pkey", method: "btree" },
      { name: "positions_time_idx", method: "btree" },
      { name: "positions_unknown_altitude_time_idx", method: "btree" },
    ]);
    // Only the airborne positions without an altitude (load-traffic-around.ts reads them by time).
    const partial = await client.query<{ predicate: string }>(`SELECT pg_get_expr(indpred, indrelid) AS predicate FROM pg_index WHERE indexrelid = 'positions_unknown_altitude_time_idx'::regclass`);
    expect(partial.rows[0]?.predicate).toBe("((NOT on_ground) AND (altitude_baro_ft IS NULL) AND (altitude_geo_ft IS NULL))");
  });
});

describe("every model and field round-trips through the generated client", () => {
  const t = (iso: string) => new Date(iso);
  it("writes and reads back every scalar field of every model", async () => {
    const db = prisma();
    // Models with an enum are written without RETURNING and read back: Prisma returns an enum
    // cast to text, which a Citus cluster refuses in RETURNING (the app's writes select no enum).
    await db.user.createMany({
      data: {
        email: "roundtrip@example.org", passwordHash: "argon2id$x", role: "ANALYST", disabled: true,
        sessionsValidAfter: t("2024-08-01T00:30:00Z"), createdAt: t("2024-08-01T00:00:00Z"),
      },
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: "roundtrip@example.org" } });
    const samples: Record<string, Record<string, unknown>> = {
      User: user,
      Aircraft: await db.aircraft.create({
        data: {
          icao24: "fffff0", registration: "CU-T1250", typecode: "IL96", model: "Il-96-300", operator: "Cubana",
          operatorIcao: "CUB", blockCountry: "Cuba", tags: ["Government", "Il-96"], identitySource: "test",
          updatedAt: t("2024-08-01T01:00:00Z"),
        },
      }),
    };
    await db.importBatch.createMany({
      data: {
        sha256: "a".repeat(64), fileName: "x.csv", format: "opensky", dataset: "test", status: "COMMITTED",
        sizeBytes: 12345678901n, rowsAccepted: 3, rowsDuplicate: 1, rowsRejected: 2, firstTime: t("2024-08-01T00:00:00Z"),
        lastTime: t("2024-08-01T02:00:00Z"), report: { reasons: { "latitude above 90": 2 } }, uploadedById: user.id,
        createdAt: t("2024-08-01T03:00:00Z"), finishedAt: t("2024-08-01T03:00:01Z"), mapRefreshedAt: t("2024-08-01T03:00:02Z"),
      },
    });
    samples.ImportBatch = await db.importBatch.findUniqueOrThrow({ where: { sha256: "a".repeat(64) } });
    const batchId = (samples.ImportBatch as { id: bigint }).id;
    // No DEFAULT partition: a month is written only once its partition exists.
    await ensurePositionPartitions(dbPool(), [Date.parse("2024-08-01T00:00:00Z")]);
    await db.position.createMany({
      data: {
        icao24: "fffff0", time: t("2024-08-01T00:00:00.250Z"), latDeg: 22.98917, lonDeg: -82.40917, altitudeBaroFt: 35000,
        altitudeGeoFt: 35500, groundSpeedKt: 480.5, trackDeg: 135.25, verticalRateFpm: -64, callsign: "CUB1234",
        squawk: "7000", onGround: false, source: "MLAT", batchId,
      },
    });
    samples.Position = await db.position.findFirstOrThrow({ where: { icao24: "fffff0", time: t("2024-08-01T00:00:00.250Z") } });
    const flight = await db.flight.create({
      data: {
        icao24: "fffff0", firstSeen: t("2024-08-01T00:00:00Z"), lastSeen: t("2024-08-01T03:30:00Z"), callsign: "CUB1234",
        originIcao: "MUHA", destinationIcao: "SVMI", originCountry: "CU", destinationCountry: "VE",
        endpointsInferred: { origin: "airport" }, positionCount: 1200, distanceKm: 2139.5, maxAltitudeFt: 37000,
        firSequence: ["MUFH", "MKJK", "SVZM"], score: 0.93, detectorVersion: "detect-1", detectedAt: t("2024-08-02T00:00:00Z"),
        mapTrack: encodeMapTrack(
          [
            { timeMs: 1722470400000, latDeg: 22.98917, lonDeg: -82.40917, altitudeFt: 35000 },
            { timeMs: 1722470460000, latDeg: 23.1, lonDeg: -82.3, altitudeFt: null },
          ],
          [],
        ),
      },
    });
    samples.Flight = flight;
    const link = { icao24: "fffff0", flightId: flight.id };
    await db.flag.createMany({
      data: {
        ...link, kind: "ZONE_AVOIDANCE", windowStart: t("2024-08-01T01:00:00Z"), windowEnd: t("2024-08-01T02:00:00Z"),
        evidence: { zone: "TNCF", maxOffsetKm: 180 }, ruleVersion: "zone-avoidance@1", config: { zone: "TNCF" },
        createdAt: t("2024-08-02T00:00:00Z"),
      },
    });
    samples.Flag = await db.flag.findFirstOrThrow({ where: { icao24: "fffff0", flightId: flight.id } });
    samples.GapEvent = await db.gapEvent.create({
      data: {
        ...link, offTime: t("2024-08-01T01:00:00Z"), offLatDeg: 18.5, offLonDeg: -75.5, offAltitudeFt: 35000, offSpeedKt: 470.5,
        onTime: t("2024-08-01T01:47:00Z"), onLatDeg: 14.1, onLonDeg: -70.2, onAltitudeFt: 34000, onSpeedKt: 460.25,
        durationS: 2820, distanceKm: 690.5, impliedSpeedKt: 475.5, open: false, partial: true, suspected: true,
        confidence: 0.75, witnessCount: 12,
      },
    });
    await db.review.createMany({
      data: { ...link, status: "CONFIRMED", assigneeId: user.id, published: true, publishedAt: t("2024-08-03T00:00:00Z"), updatedAt: t("2024-08-03T00:00:00Z"), version: 7 },
    });
    samples.Review = await db.review.findFirstOrThrow({ where: { icao24: "fffff0", flightId: flight.id } });
    samples.Note = await db.note.create({ data: { ...link, authorId: user.id, body: "<script>x</script>", createdAt: t("2024-08-03T00:00:00Z") } });
    samples.Airport = await db.airport.create({
      data: { icao: "ZZZZ", iata: "ZZZ", name: "José Martí", country: "CU", latDeg: -60.5, lonDeg: 120.25, elevationFt: 210, kind: "large", source: "import:round-trip.csv" },
    });
    await db.zone.createMany({
      data: {
        code: "ZZ-ROUNDTRIP", name: "Round-trip zone", kind: "FIR", watched: true, source: "VATSpy",
        geometry: { type: "Polygon", coordinates: [[[-70.5, 12.5], [-71.4, 12.5], [-74, 14.3], [-70.5, 12.5]]] },
        updatedAt: t("2024-08-01T00:00:00Z"),
      },
    });
    samples.Zone = await db.zone.findFirstOrThrow({ where: { code: "ZZ-ROUNDTRIP" } });
    samples.Schedule = await db.schedule.create({
      data: {
        callsign: "ZZZ9999", originIcao: "MUHA", destinationIcao: "SVMI", weekdays: "135", departureUtc: "14:30",
        arrivalUtc: "18:10", validFrom: t("2024-07-01T00:00:00Z"), validTo: t("2024-10-31T00:00:00Z"), operator: "Conviasa",
        flightNumber: "V01234", typecode: "A343",
      },
    });

    samples.StoredFile = await db.storedFile.create({
      data: { sha256: "b".repeat(64), sizeBytes: 5_000_000_000n, compressedBytes: 700_000_000n, createdAt: t("2024-08-01T00:00:00Z") },
    });
    samples.StoredFileChunk = await db.storedFileChunk.create({
      data: { sha256: "b".repeat(64), seq: 0, data: new Uint8Array([0x1f, 0x8b, 0x00, 0xff]) },
    });
    samples.DetectionRequest = await db.detectionRequest.create({
      data: { icao24: "fffff0", windowStart: t("2024-08-01T00:00:00Z"), windowEnd: t("2024-08-01T03:30:00Z"), batchId, createdAt: t("2024-08-01T04:00:00Z") },
    });
    await db.watchlistEntry.createMany({
      data: { kind: "TAG", value: "round-trip sample tag", note: "schema round trip", createdAt: t("2024-08-01T05:00:00Z") },
    });
    samples.WatchlistEntry = await db.watchlistEntry.findFirstOrThrow({ where: { kind: "TAG", value: "round-trip sample tag" } });
    samples.AuditEvent = await db.auditEvent.create({
      data: {
        at: t("2024-08-01T06:00:00Z"), actorId: user.id, actorEmail: "roundtrip@example.org", action: "sign-in",
        subject: "round trip", details: { ok: true }, address: "127.0.0.1",
      },
    });
    samples.ApiToken = await db.apiToken.create({
      data: {
        userId: user.id, name: "round trip", tokenHash: "c".repeat(64), scope: "upload", createdAt: t("2024-08-01T07:00:00Z"),
        lastUsedAt: t("2024-08-01T08:00:00Z"), revokedAt: t("2024-08-01T09:00:00Z"),
      },
    });

    samples.PositionDayCount = await db.positionDayCount.create({ data: { day: t("1999-12-31T00:00:00Z"), positions: 9_000_000_000n } });

    samples.ReceptionVisit = await db.receptionVisit.create({
      data: { icao24: "fffff0", hour: t("2024-08-01T01:00:00Z"), cell: 123_456, band: 2, received: 2, receivedMs: [0, 3_599_999], expectedMilli: 151_250n },
    });
    samples.ReceptionCell = await db.receptionCell.create({
      data: { cell: 123_456, band: 2, hour: t("1999-12-31T00:00:00Z"), received: 9_000_000_000n, expectedMilli: 9_100_000_000_000n, visits: 40, visitsReceived: 38 },
    });

    samples.ImportJob = await db.importJob.create({
      data: {
        id: ROUND_TRIP_JOB_ID, userId: user.id, fileName: "x.csv", kind: "import", phase: "done",
        progress: { bytesRead: 10, totalBytes: 10, rows: 3, rejected: 0 }, outcome: { status: "imported" }, error: "none",
        attempts: 2, request: { format: "opensky" }, uploadPath: "/tmp/x.csv", createdAt: t("2024-08-01T10:00:00Z"),
        updatedAt: t("2024-08-01T10:01:00Z"), finishedAt: t("2024-08-01T10:02:00Z"),
      },
    });
    // A single row, seeded by its migration: changed here, put back in afterAll.
    publicationBefore = await db.publicationVersion.findUniqueOrThrow({ where: { id: 1 } });
    samples.PublicationVersion = await db.publicationVersion.update({
      where: { id: 1 }, data: { version: 9_000_000_000n, changedAt: t("2024-08-04T00:00:00Z") },
    });

    const live = await liveModelSamples(db, t);
    Object.assign(samples, live.samples);
    const readBack: Record<string, unknown> = {
      ...(await live.readBack()),
      User: await db.user.findUniqueOrThrow({ where: { id: user.id } }),
      Aircraft: await db.aircraft.findUniqueOrThrow({ where: { icao24: "fffff0" } }),
      ImportBatch: await db.importBatch.findUniqueOrThrow({ where: { id: batchId } }),
      Position: await db.position.findUniqueOrThrow({ where: { icao24_time: { icao24: "fffff0", time: t("2024-08-01T00:00:00.250Z") } } }),
      Flight: await db.flight.findUniqueOrThrow({ where: { icao24_id: { icao24: "fffff0", id: flight.id } } }),
      Flag: await db.flag.findFirstOrThrow({ where: link }),
      GapEvent: await db.gapEvent.findFirstOrThrow({ where: link }),
      Review: await db.review.findUniqueOrThrow({ where: { icao24_flightId: link } }),
      Note: await db.note.findFirstOrThrow({ where: link }),
      Airport: await db.airport.findUniqueOrThrow({ where: { icao: "ZZZZ" } }),
      Zone: await db.zone.findUniqueOrThrow({ where: { code: "ZZ-ROUNDTRIP" } }),
      Schedule: await db.schedule.findFirstOrThrow({ where: { callsign: "ZZZ9999" } }),
      StoredFile: await db.storedFile.findUniqueOrThrow({ where: { sha256: "b".repeat(64) } }),
      StoredFileChunk: await db.storedFileChunk.findUniqueOrThrow({ where: { sha256_seq: { sha256: "b".repeat(64), seq: 0 } } }),
      DetectionRequest: await db.detectionRequest.findFirstOrThrow({ where: { icao24: "fffff0" } }),
      AuditEvent: await db.auditEvent.findFirstOrThrow({ where: { subject: "round trip" } }),
      ApiToken: await db.apiToken.findUniqueOrThrow({ where: { tokenHash: "c".repeat(64) } }),
      PositionDayCount: await db.positionDayCount.findUniqueOrThrow({ where: { day: t("1999-12-31T00:00:00Z") } }),
      WatchlistEntry: await db.watchlistEntry.findUniqueOrThrow({ where: { kind_value: { kind: "TAG", value: "round-trip sample tag" } } }),
      ReceptionVisit: await db.receptionVisit.findFirstOrThrow({ where: { icao24: "fffff0" } }),
      ReceptionCell: await db.receptionCell.findFirstOrThrow({ where: { hour: t("1999-12-31T00:00:00Z") } }),
      ImportJob: await db.importJob.findUniqueOrThrow({ where: { id: ROUND_TRIP_JOB_ID } }),
      PublicationVersion: await db.publicationVersion.findUniqueOrThrow({ where: { id: 1 } }),
    };

    for (const model of schema.models) {
      const scalars = model.fields.filter((f) => !f.isRelation).map((f) => f.name);
      const sample = samples[model.name];
      expect(sample, `a sample row for ${model.name}`).toBeDefined();
      // Every scalar field was given a non-null value, and comes back equal.
      for (const field of scalars) expect(sample![field] ?? null, `${model.name}.${field} sample`).not.toBeNull();
      expect(readBack[model.name]).toEqual(sample);
    }
  });
});
