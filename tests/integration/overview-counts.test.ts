import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { FINDINGS_LIMIT } from "@/lib/server/public/get-findings-overview";
import { getOverviewModel } from "@/lib/server/public/get-overview-model";
import { removeAircraft, resetFlights, upsertAircraft } from "./support/review-fixtures";

/**
 * The overview's figures and charts count every finding in the period, not only the newest
 * FINDINGS_LIMIT the map and the list draw. 505 flagged flights of an IL96 (each with a gap,
 * every other one suspected; every third also unscheduled; the first ten with a second
 * Cuba–Venezuela flag) and 5 detours of an A343, in May 2032, written in bulk.
 */
const IL96 = "0c0d01";
const A343 = "0c0d02";
const period = { from: "2032-05-03", to: "2032-05-04" };

async function insertFlights(icao24: string, count: number, kinds: (n: number) => string[]): Promise<void> {
  const pool = dbPool();
  await pool.query(
    `INSERT INTO flights (icao24, first_seen, last_seen, position_count, distance_km, max_altitude_ft, score, detector_version)
     SELECT $1, timestamptz '2032-05-03T00:00Z' + n * interval '2 minutes', timestamptz '2032-05-03T01:00Z' + n * interval '2 minutes',
            100, 1500, 35000, 0.5, 'test'
       FROM generate_series(1, $2::int) AS n`,
    [icao24, count],
  );
  // Flights of one address in the order written: n = their rank by first position.
  const { rows } = await pool.query<{ id: string; first_seen: Date }>(`SELECT id::text, first_seen FROM flights WHERE icao24 = $1 ORDER BY first_seen`, [icao24]);
  const flags = rows.flatMap((r, i) => kinds(i + 1).map((kind) => [r.id, kind, r.first_seen] as const));
  await pool.query(
    `INSERT INTO flags (icao24, flight_id, kind, window_start, window_end, evidence, rule_version, config)
     SELECT $1, f.id, f.kind::"FlagKind", f.at, f.at + interval '1 hour', '{"summary": "test"}', '1', '{}'
       FROM unnest($2::bigint[], $3::text[], $4::timestamptz[]) AS f(id, kind, at)`,
    [icao24, flags.map((f) => f[0]), flags.map((f) => f[1]), flags.map((f) => f[2])],
  );
}

beforeAll(async () => {
  await resetFlights([IL96, A343]);
  await upsertAircraft(IL96, { typecode: "IL96" });
  await upsertAircraft(A343, { typecode: "A343" });
  await insertFlights(IL96, 505, (n) => ["CUBA_VENEZUELA", ...(n <= 10 ? ["CUBA_VENEZUELA"] : []), ...(n % 3 === 0 ? ["UNSCHEDULED"] : [])]);
  await insertFlights(A343, 5, () => ["ZONE_AVOIDANCE"]);
  await dbPool().query(
    `INSERT INTO gap_events (icao24, flight_id, off_time, off_lat_deg, off_lon_deg, on_time, on_lat_deg, on_lon_deg, duration_s,
                             distance_km, suspected, confidence, witness_count)
     SELECT f.icao24, f.id, f.first_seen + interval '20 minutes', 20, -75, f.first_seen + interval '50 minutes', 19, -74, 1800, 300,
            r.n % 2 = 1, 0.5, 3
       FROM flights f JOIN (SELECT id, row_number() OVER (ORDER BY first_seen) AS n FROM flights WHERE icao24 = $1) r ON r.id = f.id
      WHERE f.icao24 = $1`,
    [IL96],
  );
});
afterAll(async () => {
  await resetFlights([IL96, A343]);
  await removeAircraft([IL96, A343]);
  await closeDbPool();
});

describe("the overview's figures and charts", () => {
  it("count every flagged flight in the period while the map and the list draw the newest FINDINGS_LIMIT", async () => {
    const model = await getOverviewModel(period, "all-flagged");
    expect(model.findingsCount).toBe(FINDINGS_LIMIT);
    expect(model.totalCount).toBe(510);
    expect(model.figures).toEqual({
      flaggedFlights: 510,
      cubaVenezuelaByType: [{ typecode: "IL96", flights: 505 }],
      cubaVenezuelaFlights: 505,
      suspectedSwitchOffs: 253,
      gapsWithoutEvidence: 252,
      detours: 5,
    });
    const perWeek = model.perWeek.weeks.reduce((n, week) => n + model.perWeek.types.reduce((m, type) => m + Number(week[type] ?? 0), 0), 0);
    expect(perWeek).toBe(510);
    expect(model.perWeek.types).toEqual(["IL96", "A343"]);
    expect(model.cubaVenezuela.reduce((n, w) => n + w.unscheduled, 0)).toBe(168);
    expect(model.cubaVenezuela.reduce((n, w) => n + w.scheduled, 0)).toBe(505 - 168);
    expect(model.gapBins.reduce((n, b) => n + b.gap + b.suspectedSwitchOff, 0)).toBe(505);
    expect(model.gapBins.find((b) => b.minMin === 30)).toMatchObject({ gap: 252, suspectedSwitchOff: 253 });
  });

  it("count nothing outside the period, and only what readers may see when nothing is published", async () => {
    const before = await getOverviewModel({ from: "2032-04-01", to: "2032-04-30" }, "all-flagged");
    expect([before.totalCount, before.figures.flaggedFlights]).toEqual([0, 0]);
    const published = await getOverviewModel(period, "published");
    expect([published.totalCount, published.figures.flaggedFlights, published.figures.cubaVenezuelaFlights]).toEqual([0, 0, 0]);
  });
});
