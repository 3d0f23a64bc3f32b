import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { countFlights, listFlights, streamFlights, type FlightFilter } from "@/lib/server/flights/list-flights";
import { BATCH_PAGE_FLIGHTS, getImportBatch } from "@/lib/server/ingest/get-import-batch";
import { ensurePositionPartitions } from "@/lib/server/positions/position-partitions";
import { account, insertFlight, resetFlights } from "./support/review-fixtures";

/**
 * The flight list is read in pages chosen after the last page's end (the CLI's `flights` writes a
 * year of flights that way): whatever the page size, the pages put together are the one ordered
 * list, through ties of score and of first-seen time, for each order and filter.
 */
const AIRCRAFT = ["0f0a01", "0f0a02", "0f0a03", "0f0a04"];
const T0 = Date.UTC(2024, 7, 1, 6, 0);

beforeAll(async () => {
  await resetFlights(AIRCRAFT);
  // 24 flights: 3 scores, first-seen times shared by two aircraft at a time (ties everywhere).
  for (let i = 0; i < 24; i++) {
    await insertFlight({
      icao24: AIRCRAFT[i % AIRCRAFT.length]!,
      // Milliseconds too: a page's end must come back exactly as stored.
      firstSeen: new Date(T0 + Math.floor(i / 2) * 3_600_000 + 123).toISOString(),
      score: [0.25, 0.5, 0.75][i % 3]!,
    });
  }
});

afterAll(async () => {
  await resetFlights(AIRCRAFT);
  await dbPool().query(`DELETE FROM positions WHERE icao24 = ANY($1::char(6)[])`, [AIRCRAFT]);
  await dbPool().query(`DELETE FROM import_batches WHERE sha256 = repeat('f', 64)`);
  await closeDbPool();
});

/** The order as one query gives it: the reference the pages must match. */
async function oneQuery(order: "score" | "time", icao24s: string[] | null, since: Date | null): Promise<string[]> {
  const { rows } = await dbPool().query<{ key: string }>(
    `SELECT trim(icao24) || '-' || id AS key FROM flights f
      WHERE ($1::char(6)[] IS NULL OR icao24 = ANY($1::char(6)[])) AND ($2::timestamptz IS NULL OR last_seen >= $2)
      ORDER BY ${order === "score" ? "score DESC, " : ""}first_seen, icao24, id`,
    [icao24s, since],
  );
  return rows.map((r) => r.key);
}

async function paged(filter: FlightFilter, pageSize: number): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let pages = 0;
  for await (const page of streamFlights(filter, pageSize)) {
    pages += 1;
    expect(page.length).toBeLessThanOrEqual(pageSize);
    keys.push(...page.map((f) => `${f.icao24}-${f.id}`));
  }
  return { keys, pages };
}

describe("streamFlights", () => {
  it.each([1, 4, 5, 24, 500])("pages of %i put together are the one list, in both orders and under filters", async (pageSize) => {
    for (const order of ["score", "time"] as const) {
      for (const icao24s of [null, ["0f0a02", "0f0a03"]]) {
        for (const since of [null, new Date(T0 + 5 * 3_600_000)]) {
          const expected = await oneQuery(order, icao24s, since);
          const filter: FlightFilter = { order, ...(icao24s ? { icao24s } : {}), ...(since ? { since } : {}) };
          const { keys, pages } = await paged(filter, pageSize);
          expect(keys).toEqual(expected);
          expect(pages).toBe(Math.ceil(expected.length / pageSize));
          expect(await countFlights(filter)).toBe(expected.length);
        }
      }
    }
  });

  it("stops a list at its limit", async () => {
    const all = await oneQuery("score", null, null);
    expect((await listFlights({}, 7)).map((f) => `${f.icao24}-${f.id}`)).toEqual(all.slice(0, 7));
    expect((await listFlights({})).map((f) => `${f.icao24}-${f.id}`)).toEqual(all);
  });
});

describe("an import's page", () => {
  it("lists the first flights of the aircraft it touched and counts them all", async () => {
    const uploader = await account("RESEARCHER");
    const analyst = await account("ANALYST");
    const spanMs = 30 * 86_400_000;
    const { rows } = await dbPool().query<{ id: string }>(
      `INSERT INTO import_batches (sha256, file_name, format, status, size_bytes, rows_accepted, first_time, last_time, uploaded_by_id, finished_at)
       VALUES (repeat('f', 64), 'month.csv', 'opensky', 'COMMITTED', 1, 4, $1, $2, $3, now()) RETURNING id::text`,
      [new Date(T0), new Date(T0 + spanMs), uploader.id],
    );
    const batchId = rows[0]!.id;
    // The batch touched three of the four aircraft (one position each).
    await ensurePositionPartitions(dbPool(), [Date.UTC(2024, 7, 1)]);
    await dbPool().query(
      `INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) SELECT a, $2, 18, -70, $3 FROM unnest($1::char(6)[]) a`,
      [AIRCRAFT.slice(0, 3), new Date(T0), batchId],
    );
    // More flights of theirs in its span than a page shows.
    await dbPool().query(
      `INSERT INTO flights (icao24, first_seen, last_seen, position_count, distance_km, score, detector_version)
       SELECT ($1::char(6)[])[1 + g % 4], $2::timestamptz + g * interval '1 hour', $2::timestamptz + g * interval '1 hour' + interval '50 min',
              100, 500, (g % 7) / 7.0, 'test' FROM generate_series(1, $3::int) g`,
      [AIRCRAFT, new Date(T0 + 12 * 3_600_000), BATCH_PAGE_FLIGHTS + 200],
    );
    const touched = await countFlights({ icao24s: AIRCRAFT.slice(0, 3), since: new Date(T0), until: new Date(T0 + spanMs) });
    expect(touched).toBeGreaterThan(BATCH_PAGE_FLIGHTS);

    const seen = await getImportBatch(batchId, analyst);
    expect(seen?.flightCount).toBe(touched);
    expect(seen?.flights).toHaveLength(BATCH_PAGE_FLIGHTS);
    expect(seen?.flights.every((f) => AIRCRAFT.slice(0, 3).includes(f.icao24))).toBe(true);
    const scores = seen!.flights.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Its researcher gets the earliest ones, without scores: the selection must not tell which are flagged.
    const own = await getImportBatch(batchId, uploader);
    expect(own?.flightCount).toBe(touched);
    const firsts = own!.flights.map((f) => f.firstSeen);
    expect(firsts).toEqual([...firsts].sort());
    expect(own!.flights.every((f) => f.score === 0 && f.flags.length === 0)).toBe(true);
    const earliest = await listFlights({ icao24s: AIRCRAFT.slice(0, 3), since: new Date(T0), until: new Date(T0 + spanMs), order: "time" }, BATCH_PAGE_FLIGHTS);
    expect(own!.flights.map((f) => f.id)).toEqual(earliest.map((f) => f.id));
  });
});
