import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { splitFlights } from "@/lib/core/flights/split-flights";
import { detectAircraft } from "@/lib/core/detection/detect-aircraft";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { DEFAULT_DETECTION_CONFIG } from "@/lib/core/model/detection-config";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { positionSpoofingEvidenceSchema } from "@/lib/core/model/evidence/position-spoofing-evidence";
import { readOpenSkyStates } from "./read-opensky-states";

// Airports worldwide are being added elsewhere: these tests check flights, positions and gaps, never airport names.
const split = (points: TrackPoint[]) => splitFlights(points, REFERENCE_AIRPORTS, DEFAULT_DETECTION_CONFIG);
const utc = (iso: string) => Date.parse(iso);
const longestSilenceMin = (f: readonly TrackPoint[]) => Math.max(0, ...f.slice(1).map((p, i) => (p.timeMs - f[i]!.timeMs) / 60_000));

describe("real states: Airbus test flight 3807fa (airbus_tree, 2017-12-13)", () => {
  const points = [...readOpenSkyStates("airbus_tree_opensky_states.csv").values()][0]!;
  const r = split(points);

  it("stays one flight from the take-off at 11:47 to 17:08", () => {
    expect(r.flights).toHaveLength(1);
    const f = r.flights[0]!;
    expect(f[0]!.timeMs).toBeLessThan(utc("2017-12-13T11:48:00Z"));
    expect(f[f.length - 1]!.timeMs).toBeGreaterThanOrEqual(utc("2017-12-13T17:08:00Z"));
  });

  it("loses under 2 % of its positions and has no silence over 30 min (the 13-min and 10-min ones are real)", () => {
    const kept = r.flights[0]!.length;
    expect(1 - kept / points.length).toBeLessThan(0.02);
    expect(longestSilenceMin(r.flights[0]!)).toBeLessThan(30);
    expect(r.spoofing).toEqual([]);
  });

  it("keeps the 360° loop at FL280 (57°N 10°E, 15:30–16:21)", () => {
    const loop = r.flights[0]!.filter((p) => p.timeMs >= utc("2017-12-13T15:55:00Z") && p.timeMs <= utc("2017-12-13T16:09:00Z"));
    expect(loop.length).toBeGreaterThan(500);
  });
});

describe("real states: CAL FIRE aircraft (calfire, Sept 2020)", () => {
  const byAircraft = readOpenSkyStates("calfire_opensky_states.csv");
  const flightsOf = (icao24: string) => split(byAircraft.get(icao24)!).flights;
  const flightCovering = (flights: TrackPoint[][], fromIso: string, toIso: string) =>
    flights.filter((f) => f[0]!.timeMs <= utc(fromIso) && f[f.length - 1]!.timeMs >= utc(toIso));

  it("does not split air attack AA500 circling at 9,200–9,700 ft across 5–8 min silences", () => {
    expect(flightCovering(flightsOf("a4b817"), "2020-09-08T19:00:00Z", "2020-09-08T20:59:00Z")).toHaveLength(1);
  });

  it("does not split air attack A230 circling at 4,000 ft (vertical rate flickering ±600 ft/min) across 6–34 min silences", () => {
    expect(flightCovering(flightsOf("a4caaa"), "2020-09-09T15:30:00Z", "2020-09-09T18:40:00Z")).toHaveLength(1);
  });

  it("does not split air attack AA410 circling at ~10,000 ft across silences of up to 105 min", () => {
    expect(flightCovering(flightsOf("a4acf2"), "2020-09-14T17:00:00Z", "2020-09-14T22:10:00Z")).toHaveLength(1);
  });

  it("does not land the water scooper N345WN at each dip (alt ~0 ft, 17–30 kt, airborne again a minute later)", () => {
    expect(flightCovering(flightsOf("a3d1e2"), "2020-09-08T21:37:00Z", "2020-09-09T01:24:00Z")).toHaveLength(1);
  });

  it("still splits tanker T71 at its reloads (descending at ~2,000 ft, climbing out ~9 min later)", () => {
    const onSep8 = flightsOf("a52add").filter((f) => f[0]!.timeMs >= utc("2020-09-08T19:50:00Z") && f[0]!.timeMs < utc("2020-09-08T22:00:00Z"));
    expect(onSep8.length).toBeGreaterThanOrEqual(5);
  });
});

describe("real states: GPS spoofing (THY9BP, 2024-09-17)", () => {
  const points = [...readOpenSkyStates("noisy_spoofing_opensky_states.csv").values()][0]!;
  const context = createDetectionContext({ dataEndMs: points[points.length - 1]!.timeMs });
  const flights = detectAircraft({ icao24: "4baac6", points, aircraft: null }, context);

  it("is one flight carrying one POSITION_SPOOFING finding over the freeze and the jumps into closed airspace", () => {
    expect(flights).toHaveLength(1);
    const spoofs = flights[0]!.findings.filter((f) => f.kind === "POSITION_SPOOFING");
    expect(spoofs).toHaveLength(1);
    const s = spoofs[0]!;
    const e = positionSpoofingEvidenceSchema.parse(s.evidence);
    expect(s.windowStartMs).toBe(utc("2024-09-17T09:04:51Z")); // the last fix before the 20-min freeze
    expect(s.windowEndMs).toBe(utc("2024-09-17T09:58:10Z")); // the last report at the spoofed place
    expect(e.frozenS).toBeGreaterThan(18 * 60);
    expect(e.frozenS).toBeLessThan(21 * 60);
    const jumpKm = e.jumps.map((j) => Math.round(j.distanceKm));
    expect(jumpKm[0]).toBe(261);
    expect(jumpKm[jumpKm.length - 1]).toBe(563);
    for (const j of e.jumps) expect(j.impliedSpeedKt).toBeGreaterThan(DEFAULT_DETECTION_CONFIG.track.maxSpeedKt);
    // From the last trusted fix (Romania) to the first after (Poland): ~745 km in 53 min, an airliner's pace.
    expect(e.trueDistanceKm).toBeGreaterThan(700);
    expect(e.trueDistanceKm).toBeLessThan(800);
    expect(e.trueSpeedKt).toBeGreaterThan(400);
    expect(e.trueSpeedKt).toBeLessThan(550);
    expect(e.summary).not.toMatch(/coverage/i);
  });

  it("reports no gap over the spoofed stretch and keeps none of its positions", () => {
    const f = flights[0]!;
    const [from, to] = [utc("2024-09-17T09:04:51Z"), utc("2024-09-17T09:58:11Z")];
    expect(f.gaps.filter((g) => g.off.timeMs < to && (g.on?.timeMs ?? Infinity) > from)).toEqual([]);
    expect(f.findings.filter((x) => x.kind === "TRANSPONDER_GAP" && x.windowStartMs < to && x.windowEndMs > from)).toEqual([]);
    expect(f.points.some((p) => p.timeMs > from && p.timeMs < to)).toBe(false);
  });
});
