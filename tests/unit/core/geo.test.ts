import { describe, expect, it } from "vitest";
import { greatCircleDistanceKm, shortDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { initialBearingDeg } from "@/lib/core/geo/initial-bearing-deg";
import { destinationPoint } from "@/lib/core/geo/destination-point";
import { interpolateGreatCircle, sampleGreatCircle } from "@/lib/core/geo/interpolate-great-circle";
import { crossTrackOffset } from "@/lib/core/geo/cross-track-offset";
import { prepareZone, pointInZone } from "@/lib/core/geo/point-in-zone";
import { zoneIndex } from "@/lib/core/geo/zone-index";
import { countryAt, countryName } from "@/lib/core/geo/country-at";
import { nearestAirport } from "@/lib/core/geo/nearest-airport";
import { compassPoint } from "@/lib/core/geo/compass-point";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import type { ZoneRef } from "@/lib/core/model/zone-ref";
import { airport } from "./track-factory";

const MUHA = airport("MUHA");
const SVMI = airport("SVMI");

describe("great-circle geometry", () => {
  it("measures Havana → Caracas as about 2,139 km", () => {
    expect(greatCircleDistanceKm(MUHA, SVMI)).toBeGreaterThan(2130);
    expect(greatCircleDistanceKm(MUHA, SVMI)).toBeLessThan(2148);
    expect(greatCircleDistanceKm(MUHA, MUHA)).toBe(0);
  });

  it("approximates short hops within 0.1 %", () => {
    const a = { latDeg: 15, lonDeg: -75 };
    const b = destinationPoint(a, 40, 30);
    expect(Math.abs(shortDistanceKm(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg) - 30)).toBeLessThan(0.03);
  });

  it("gives the initial bearing clockwise from north", () => {
    expect(initialBearingDeg({ latDeg: 0, lonDeg: 0 }, { latDeg: 1, lonDeg: 0 })).toBeCloseTo(0, 6);
    expect(initialBearingDeg({ latDeg: 0, lonDeg: 0 }, { latDeg: 0, lonDeg: 1 })).toBeCloseTo(90, 6);
    expect(initialBearingDeg({ latDeg: 0, lonDeg: 0 }, { latDeg: 0, lonDeg: -1 })).toBeCloseTo(270, 6);
    const b = initialBearingDeg(MUHA, SVMI);
    expect(b).toBeGreaterThan(120);
    expect(b).toBeLessThan(135);
  });

  it("projects a point and comes back the same distance", () => {
    const p = destinationPoint(MUHA, 140, 210);
    expect(greatCircleDistanceKm(MUHA, p)).toBeCloseTo(210, 3);
    expect(initialBearingDeg(MUHA, p)).toBeCloseTo(140, 3);
  });

  it("interpolates along the great circle, ends included", () => {
    const mid = interpolateGreatCircle({ latDeg: 0, lonDeg: 0 }, { latDeg: 0, lonDeg: 10 }, 0.5);
    expect(mid.latDeg).toBeCloseTo(0, 9);
    expect(mid.lonDeg).toBeCloseTo(5, 9);
    const path = sampleGreatCircle(MUHA, SVMI, 10);
    expect(path[0]!.latDeg).toBeCloseTo(MUHA.latDeg, 9);
    expect(path[path.length - 1]!.lonDeg).toBeCloseTo(SVMI.lonDeg, 9);
    expect(path.length).toBeGreaterThan(210);
  });

  it("signs the cross-track offset (right of travel positive) and names the west/east side", () => {
    const west = crossTrackOffset({ latDeg: 14.3, lonDeg: -74.1 }, MUHA, SVMI);
    expect(west.side).toBe("west");
    expect(west.offsetKm).toBeGreaterThan(150); // heading ~128°: west of the route is to the right
    expect(west.offsetKm).toBeLessThan(250);
    const east = crossTrackOffset({ latDeg: 18, lonDeg: -72 }, MUHA, SVMI);
    expect(east.side).toBe("east");
    expect(east.offsetKm).toBeLessThan(0);
    const on = crossTrackOffset(interpolateGreatCircle(MUHA, SVMI, 0.3), MUHA, SVMI);
    expect(Math.abs(on.offsetKm)).toBeLessThan(0.01);
    expect(on.alongTrackKm).toBeCloseTo(0.3 * greatCircleDistanceKm(MUHA, SVMI), 0);
  });

  it("names compass points", () => {
    expect(compassPoint(140)).toBe("south-east");
    expect(compassPoint(359)).toBe("north");
    expect(compassPoint(-90)).toBe("west");
  });
});

describe("point in zone", () => {
  const square: ZoneRef = {
    code: "SQ",
    name: "square with a hole",
    kind: "WATCHED",
    watched: true,
    geometry: { type: "Polygon", coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] },
  };

  it("tests containment on lon/lat with holes, whatever the ring winding", () => {
    const z = prepareZone(square);
    expect(pointInZone(z, 2, 2)).toBe(true);
    expect(pointInZone(z, 5, 5)).toBe(false); // in the hole
    expect(pointInZone(z, 11, 5)).toBe(false);
    const reversed = prepareZone({ ...square, geometry: { type: "Polygon", coordinates: [[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]] } });
    expect(pointInZone(reversed, 2, 2)).toBe(true);
    expect(pointInZone(reversed, 20, 20)).toBe(false);
  });

  it("prefers the smallest of overlapping zones", () => {
    const big: ZoneRef = { ...square, code: "BIG", geometry: { type: "Polygon", coordinates: [[[-20, -20], [20, -20], [20, 20], [-20, 20], [-20, -20]]] } };
    const idx = zoneIndex([big, square]);
    expect(idx.zoneAt(2, 2)?.code).toBe("SQ");
    expect(idx.zoneAt(5, 5)?.code).toBe("BIG");
    expect(idx.zonesAt(2, 2).map((z) => z.code)).toEqual(["SQ", "BIG"]);
    expect(idx.zoneAt(50, 50)).toBeNull();
  });
});

describe("country of a point (Natural Earth 1:50m)", () => {
  it("finds the Caribbean countries and islands", () => {
    expect(countryAt(22.0, -79.5)?.code).toBe("CU");
    expect(countryAt(10.5, -66.9)?.code).toBe("VE");
    expect(countryAt(12.18, -68.96)?.code).toBe("CW");
    expect(countryAt(12.5, -70.0)?.code).toBe("AW");
    expect(countryAt(12.15, -68.27)?.code).toBe("BQ"); // Bonaire, drawn inside the Netherlands' outline
    expect(countryAt(18.0, -76.8)?.code).toBe("JM");
    expect(countryAt(46.9, 7.4)?.code).toBe("CH");
    expect(countryName("CU")).toBe("Cuba");
  });

  it("returns null over the sea", () => {
    expect(countryAt(15, -75)).toBeNull();
    expect(countryAt(0, -30)).toBeNull();
  });
});

describe("nearest airport", () => {
  it("finds the closest airport within the radius, or nothing", () => {
    const hit = nearestAirport(REFERENCE_AIRPORTS, { latDeg: 22.99, lonDeg: -82.40 }, 30);
    expect(hit?.airport.icao).toBe("MUHA");
    expect(hit!.distanceKm).toBeLessThan(2);
    expect(nearestAirport(REFERENCE_AIRPORTS, { latDeg: 15, lonDeg: -75 }, 30)).toBeNull();
    // Maiquetía vs La Carlota: the nearer wins
    expect(nearestAirport(REFERENCE_AIRPORTS, { latDeg: 10.49, lonDeg: -66.85 }, 30)?.airport.icao).toBe("SVFM");
  });
});
