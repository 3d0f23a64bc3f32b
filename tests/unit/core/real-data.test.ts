import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedDataPath } from "@/tests/support/shared-data";
import type { TrackPoint } from "@/lib/core/model/track-point";
import type { AirportRef } from "@/lib/core/model/airport-ref";
import { detectAircraft } from "@/lib/core/detection/detect-aircraft";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { splitFlights } from "@/lib/core/flights/split-flights";
import { DEFAULT_DETECTION_CONFIG } from "@/lib/core/model/detection-config";
import { tracksReception } from "./reception-lookups";
import { readOpenSkyStates } from "./read-opensky-states";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";

/** readsb trace rows: [secondsAfterTimestamp, lat, lon, alt|"ground", gs, track, flags, rate, details, sourceType, altGeom]. */
function readTrace(file: string): TrackPoint[] {
  const json = JSON.parse(fs.readFileSync(sharedDataPath("real", file), "utf8")) as { timestamp: number; trace: unknown[][] };
  let callsign: string | null = null;
  return json.trace.map((r) => {
    const details = r[8] as { flight?: string } | null;
    if (details?.flight) callsign = details.flight.trim();
    return {
      timeMs: Math.round((json.timestamp + Number(r[0])) * 1000),
      latDeg: Number(r[1]),
      lonDeg: Number(r[2]),
      altitudeFt: r[3] === "ground" ? null : Number(r[3]),
      groundSpeedKt: r[4] === null ? null : Number(r[4]),
      trackDeg: r[5] === null ? null : Number(r[5]),
      verticalRateFpm: r[7] === null ? null : Number(r[7]),
      onGround: r[3] === "ground",
      source: r[9] === "mlat" ? "MLAT" : "ADSB",
      callsign,
    };
  });
}

const readOpenSky = readOpenSkyStates;

const knots = (km: number, ms: number) => km / 1.852 / (ms / 3600_000);

describe("real trace: Delta B739 N899DN (ac671b), 22.7 h, starts mid-air", () => {
  const points = readTrace("trace_full_ac671b.json");
  // The trace flies through US airports that the Caribbean reference list does not hold: passed in, as the DB layer would.
  const airports: AirportRef[] = [
    ...REFERENCE_AIRPORTS,
    { icao: "KMSP", iata: "MSP", name: "Minneapolis–Saint Paul", country: "US", latDeg: 44.8848, lonDeg: -93.2223, elevationFt: 841 },
    { icao: "KGEG", iata: "GEG", name: "Spokane", country: "US", latDeg: 47.6199, lonDeg: -117.5338, elevationFt: 2376 },
    { icao: "KDEN", iata: "DEN", name: "Denver", country: "US", latDeg: 39.8617, lonDeg: -104.6731, elevationFt: 5434 },
  ];
  const flights = detectAircraft(
    { icao24: "ac671b", points, aircraft: { icao24: "ac671b", registration: "N899DN", typecode: "B739", operator: "Delta Air Lines", tags: [], identitySource: "trace" } },
    createDetectionContext({ airports, dataEndMs: points[points.length - 1]!.timeMs, reception: tracksReception([{ icao24: "ac671b", points }]) }),
  );

  it("splits into its four legs: Gulf of Honduras → MSP, MSP → GEG, GEG → MSP, MSP → DEN", () => {
    // Landings at MSP (twice) and DEN are on the ground in the trace; the Spokane turnaround is an
    // 8.4 h silence between a descent at 8,450 ft and a climb at 11,275 ft: on approach to and
    // climbing out of Spokane International (the large airport, not Felts Field next to it).
    expect(flights.length).toBeGreaterThanOrEqual(3);
    expect(flights.length).toBeLessThanOrEqual(6);
    expect(flights.map((f) => `${f.origin.airportIcao ?? f.origin.country}>${f.destination.airportIcao ?? f.destination.country}`)).toEqual([
      "HN>KMSP",
      "KMSP>KGEG",
      "KGEG>KMSP",
      "KMSP>KDEN",
    ]);
    expect(flights[0]!.origin.method).toBe("inferred");
    expect(flights[0]!.origin.explanation).toContain("track starts at FL320");
    expect(flights[1]!.destination.explanation).toMatch(/^last position at 8,450 ft, descending \d+ km from KGEG/);
    expect(flights.map((f) => f.callsign)).toEqual(["DAL1812", "DAL2418", "DAL1615", "DAL2927"]);
  });

  it("has sane flights: positive durations, no impossible legs, no suspected gap without witnesses", () => {
    for (const f of flights) {
      expect(f.lastSeenMs).toBeGreaterThan(f.firstSeenMs);
      expect(f.points.length).toBeGreaterThanOrEqual(3);
      for (const g of f.gaps) {
        expect(g.durationS).toBeGreaterThan(0);
        if (g.impliedSpeedKt !== null) expect(g.impliedSpeedKt).toBeLessThan(700);
        expect(g.suspected).toBe(false); // only this aircraft in the data: nobody witnessed its silences
      }
      for (let i = 1; i < f.points.length; i++) {
        const a = f.points[i - 1]!;
        const b = f.points[i]!;
        expect(b.timeMs).toBeGreaterThan(a.timeMs);
        if (b.timeMs - a.timeMs > 60_000) expect(knots(greatCircleDistanceKm(a, b), b.timeMs - a.timeMs)).toBeLessThan(700);
      }
      expect(f.findings.every((x) => x.kind === "TRANSPONDER_GAP")).toBe(true);
    }
    // The 48-min silence over the Gulf of Mexico at FL320–340 stays inside the first flight.
    expect(flights[0]!.gaps.some((g) => !g.open && g.durationS > 45 * 60)).toBe(true);
  });
});

describe("real states: Switzerland, 842 aircraft over 17 h (OpenSky, all above FL300)", () => {
  const byAircraft = readOpenSky("switzerland_opensky_states.csv");
  const tracks = [...byAircraft].map(([icao24, points]) => ({ icao24, points }));
  const dataEndMs = Math.max(...tracks.map((t) => t.points[t.points.length - 1]!.timeMs));
  // No reception map here: the real map (built in PostgreSQL) is what keeps every edge silence
  // unsuspected; tests/integration/real-files-detection.test.ts checks that on the same file.
  const context = createDetectionContext({ dataEndMs, reception: null });
  const flights = tracks.flatMap((t) => detectAircraft({ icao24: t.icao24, points: t.points, aircraft: null }, context));

  it("finds one flight per pass over the country, each with at least 3 positions", () => {
    expect(byAircraft.size).toBe(842);
    // 842 aircraft, some seen on several passes hours apart (out and back): ~1,240 flights.
    expect(flights.length).toBeGreaterThan(1100);
    expect(flights.length).toBeLessThan(1400);
    for (const f of flights) {
      expect(f.points.length).toBeGreaterThanOrEqual(3);
      expect(f.lastSeenMs).toBeGreaterThan(f.firstSeenMs);
      expect(f.distanceKm).toBeLessThan(1500); // the data covers a 2° × 4.5° box
    }
  });

  it("raises no route or type flag", () => {
    const kinds = new Set(flights.flatMap((f) => f.findings.map((x) => x.kind)));
    expect([...kinds]).toEqual(["TRANSPONDER_GAP"]);
    const gaps = flights.flatMap((f) => f.gaps);
    for (const g of gaps) if (g.impliedSpeedKt !== null) expect(g.impliedSpeedKt).toBeLessThan(700);
    // Every flight leaves the box at altitude, so nearly every one ends in an open gap.
    expect(gaps.filter((g) => g.open).length / gaps.length).toBeGreaterThan(0.5);
    expect(flights.every((f) => f.score < 0.2)).toBe(true);
  });
});

describe("real states: GPS spoofing (THY9BP, 2024-09-17)", () => {
  const points = [...readOpenSky("noisy_spoofing_opensky_states.csv").values()][0]!;
  const { flights, implausibleDropped, staleDropped } = splitFlights(points, REFERENCE_AIRPORTS, DEFAULT_DETECTION_CONFIG);

  it("drops the spoofed positions instead of drawing absurd flights", () => {
    expect(staleDropped).toBeGreaterThan(1000); // the feed repeats frozen positions every second
    expect(implausibleDropped).toBeGreaterThan(500); // 34 min parked at FL380 near 49.7°N 23.9°E
    expect(flights).toHaveLength(1);
    const f = flights[0]!;
    expect(f.some((p) => p.latDeg > 49.5 && p.latDeg < 49.8 && p.lonDeg > 23.5 && p.lonDeg < 24.5)).toBe(false);
    for (let i = 1; i < f.length; i++) {
      const a = f[i - 1]!;
      const b = f[i]!;
      const dtMs = b.timeMs - a.timeMs;
      expect(greatCircleDistanceKm(a, b)).toBeLessThanOrEqual((DEFAULT_DETECTION_CONFIG.track.maxSpeedKt * 1.852 * dtMs) / 3600_000 + 2);
    }
  });
});
