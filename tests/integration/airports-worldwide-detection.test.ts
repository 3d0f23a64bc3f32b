import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AirportRef } from "@/lib/core/detection/types";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { nearestAirport } from "@/lib/core/geo/nearest-airport";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";
import { sharedDataPath } from "@/tests/support/shared-data";

/**
 * Legs outside the Caribbean get their airports, through the real path (import, then detection
 * reading the seeded airports table): ac671b's day over the United States (Honduras → KMSP →
 * Spokane → KMSP → KDEN, readsb trace) and Airbus' test flight from Hamburg Finkenwerder.
 */
interface Leg {
  icao24: string;
  firstSeen: string;
  lastSeen: string;
  origin: string | null;
  destination: string | null;
  inferred: Record<"origin" | "destination", { method: string; country: string | null }>;
}

let legs: Leg[] = [];

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, schedules, detection_requests CASCADE");
  await ensureReferenceData();
  const nowMs = Date.parse("2026-01-01T00:00:00Z");
  for (const name of ["trace_full_ac671b.json", "airbus_tree_opensky_states.csv"]) {
    const outcome = await importPositionsFile({ path: sharedDataPath("real", name), fileName: name, nowMs });
    expect(outcome.status).toBe("imported");
  }
  await runDetection();
  const { rows } = await dbPool().query<Leg>(
    `SELECT trim(icao24) AS icao24, to_char(first_seen, 'YYYY-MM-DD HH24:MI') AS "firstSeen", to_char(last_seen, 'YYYY-MM-DD HH24:MI') AS "lastSeen",
            origin_icao AS origin, destination_icao AS destination, endpoints_inferred AS inferred
       FROM flights ORDER BY icao24, first_seen`,
  );
  legs = rows;
  console.log(legs.map((l) => `${l.icao24} ${l.firstSeen} → ${l.lastSeen}  ${l.origin ?? "?"} → ${l.destination ?? "?"}  ${JSON.stringify(l.inferred)}`).join("\n"));
});

afterAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests CASCADE");
  await closeDbPool();
});

describe("airports worldwide in detection", () => {
  it("gives ac671b's four legs their US airports: KMSP, KDEN, and the Honduras origin as a country", () => {
    const ac = legs.filter((l) => l.icao24 === "ac671b");
    expect(ac.map((l) => [l.origin, l.destination])).toEqual([
      [null, "KMSP"],
      ["KMSP", null],
      [null, "KMSP"],
      ["KMSP", "KDEN"],
    ]);
    expect(ac[0]?.inferred.origin).toMatchObject({ method: "inferred", country: "HN" });
  });

  it("knows the Spokane airports around the ends the trace leaves in the air", async () => {
    // The trace loses the aircraft at 8,450 ft, 37 km out on the approach, and finds it again at
    // 11,275 ft, 22 km after take-off: above the endpoint rule's 5,000 ft over the field, so no leg
    // names an airport there.
    const { rows: airports } = await dbPool().query<AirportRef>(
      `SELECT icao, iata, name, country, lat_deg AS "latDeg", lon_deg AS "lonDeg", elevation_ft AS "elevationFt" FROM airports`,
    );
    const ends = await dbPool().query<{ latDeg: number; lonDeg: number }>(
      `SELECT lat_deg AS "latDeg", lon_deg AS "lonDeg" FROM positions
        WHERE icao24 = 'ac671b' AND time IN (SELECT last_seen FROM flights WHERE icao24 = 'ac671b' AND destination_icao IS NULL
                                             UNION SELECT first_seen FROM flights WHERE icao24 = 'ac671b' AND origin_icao IS NULL AND first_seen > '2025-02-05')`,
    );
    expect(ends.rows).toHaveLength(2);
    for (const end of ends.rows) {
      // Felts Field (KSFF, general aviation) is nearer than Spokane International to both ends:
      // the nearest airport is not always the one a jet used.
      expect(nearestAirport(airports, end, 40)?.airport.icao).toBe("KSFF");
      const kgeg = airports.find((a) => a.icao === "KGEG")!;
      expect(greatCircleDistanceKm(end, kgeg)).toBeLessThan(40);
    }
  });

  it("gives the Airbus test flight Hamburg Finkenwerder at both ends", () => {
    const airbus = legs.filter((l) => l.icao24 === "3807fa");
    expect(airbus.length).toBeGreaterThan(0);
    expect(airbus[0]?.origin).toBe("EDHI");
    expect(airbus.at(-1)?.destination).toBe("EDHI");
  });
});
