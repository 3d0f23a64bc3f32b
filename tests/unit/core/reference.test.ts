import { describe, expect, it } from "vitest";
import { CARIBBEAN_FIRS } from "@/lib/core/reference/caribbean-firs";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { DEFAULT_TYPE_WATCHLIST, DEFAULT_ZONES } from "@/lib/core/reference/default-watchlist";
import { ICAO24_COUNTRY_BLOCKS } from "@/lib/core/reference/icao24-country-blocks";
import { zoneIndex } from "@/lib/core/geo/zone-index";
import { prepareZone, pointInZone } from "@/lib/core/geo/point-in-zone";
import { sampleGreatCircle } from "@/lib/core/geo/interpolate-great-circle";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { crossTrackOffset } from "@/lib/core/geo/cross-track-offset";
import { countryAt } from "@/lib/core/geo/country-at";
import { firSequenceAlong } from "@/lib/core/flights/fir-sequence";
import { airport } from "./track-factory";

const TNCF = CARIBBEAN_FIRS.find((z) => z.code === "TNCF")!;
const tncf = prepareZone(TNCF);
const firs = zoneIndex(CARIBBEAN_FIRS);
const crossesTncf = (from: { latDeg: number; lonDeg: number }, to: { latDeg: number; lonDeg: number }) =>
  sampleGreatCircle(from, to, 10).some((p) => pointInZone(tncf, p.latDeg, p.lonDeg));

describe("reference airports", () => {
  it("holds the 115 Cuban, Venezuelan and ABC airports plus the region's main ones, each once", () => {
    const byCountry = (c: string) => REFERENCE_AIRPORTS.filter((a) => a.country === c).length;
    expect(byCountry("CU") + byCountry("VE") + byCountry("CW") + byCountry("AW") + byCountry("BQ")).toBe(115);
    for (const icao of ["MKJP", "MKJS", "MDSD", "MDPC", "MTPP", "SKBQ", "SKCG", "SKBO", "MPTO", "KMIA", "KFLL", "MMUN", "TJSJ", "TTPP", "SKRG", "MROC"]) {
      expect(REFERENCE_AIRPORTS.some((a) => a.icao === icao), icao).toBe(true);
    }
    expect(new Set(REFERENCE_AIRPORTS.map((a) => a.icao)).size).toBe(REFERENCE_AIRPORTS.length);
  });

  it("places each main airport inside (or within 5 km of the coast of) its own country", () => {
    for (const icao of ["MUHA", "SVMI", "MKJP", "MDSD", "MTPP", "SKBO", "MPTO", "KMIA", "MMUN", "MROC", "TNCC", "TNCA"]) {
      const a = airport(icao);
      expect(countryAt(a.latDeg, a.lonDeg)?.code ?? a.country, icao).toBe(a.country);
    }
    expect(airport("SKBO").elevationFt).toBe(8361);
  });
});

describe("FIR polygons (VATSpy)", () => {
  it("has TNCF exactly as in the domain notes", () => {
    expect(TNCF.geometry.coordinates).toEqual([
      [[[-70.500492, 12.499675], [-71.417161, 12.499672], [-74.000506, 14.333008], [-74.0, 16.0], [-73.0, 17.0], [-71.666667, 17.0], [-71.666667, 16.0], [-68.0, 16.0], [-67.066667, 15.683333], [-67.966667, 11.4], [-70.500492, 12.499675]]],
    ]);
    expect(DEFAULT_ZONES.filter((z) => z.watched).map((z) => z.code)).toEqual(["TNCF"]);
  });

  it("great circle Havana → Caracas crosses TNCF; Havana → Maracaibo does not", () => {
    expect(crossesTncf(airport("MUHA"), airport("SVMI"))).toBe(true);
    expect(crossesTncf(airport("MUHA"), airport("SVVA"))).toBe(true);
    expect(crossesTncf(airport("MUCU"), airport("SVMI"))).toBe(true);
    expect(crossesTncf(airport("MUHA"), airport("SVMC"))).toBe(false);
  });

  it("gives MUFH → MKJK → TNCF → SVZM along the Havana → Caracas great circle", () => {
    expect(firSequenceAlong(sampleGreatCircle(airport("MUHA"), airport("SVMI"), 10), firs)).toEqual(["MUFH", "MKJK", "TNCF", "SVZM"]);
    expect(firSequenceAlong(sampleGreatCircle(airport("MUHA"), airport("SVMC"), 10), firs)).toEqual(["MUFH", "MKJK", "SKEC", "SVZM"]);
  });

  it("a detour via 14.3°N 74.1°W and 12.45°N 71.45°W is ~2 % longer, stays west of TNCF and outside it", () => {
    const a = airport("MUHA");
    const b = airport("SVMI");
    const w1 = { latDeg: 14.3, lonDeg: -74.1 };
    const w2 = { latDeg: 12.45, lonDeg: -71.45 };
    const detourKm = greatCircleDistanceKm(a, w1) + greatCircleDistanceKm(w1, w2) + greatCircleDistanceKm(w2, b);
    const extraPct = (detourKm / greatCircleDistanceKm(a, b) - 1) * 100;
    expect(extraPct).toBeGreaterThan(1.5);
    expect(extraPct).toBeLessThan(2.6);
    const path = [...sampleGreatCircle(a, w1, 10), ...sampleGreatCircle(w1, w2, 10), ...sampleGreatCircle(w2, b, 10)];
    expect(path.some((p) => pointInZone(tncf, p.latDeg, p.lonDeg))).toBe(false);
    expect(crossTrackOffset(w1, a, b).side).toBe("west");
    expect(crossTrackOffset(w2, a, b).side).toBe("west");
    expect(firSequenceAlong(path, firs)).toEqual(["MUFH", "MKJK", "SKEC", "SVZM"]);
  });
});

describe("watchlist and address table", () => {
  it("watches the report's types by default", () => {
    expect([...DEFAULT_TYPE_WATCHLIST].sort()).toEqual(["A342", "A343", "A345", "A346", "IL76", "IL96"]);
  });

  it("holds the full ICAO block table with valid ranges", () => {
    expect(ICAO24_COUNTRY_BLOCKS.length).toBe(207);
    for (const [first, last] of ICAO24_COUNTRY_BLOCKS) expect(last).toBeGreaterThanOrEqual(first);
  });
});
