import { describe, expect, it } from "vitest";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { detectAircraft, detectPlanned, planAircraft, planSilenceQueries } from "@/lib/core/detection/detect-aircraft";
import { splitFlights } from "@/lib/core/flights/split-flights";
import { GROUND_CUT_S, splitTrackPieces, trackCutSilenceMs } from "@/lib/core/flights/track-pieces";
import { DEFAULT_DETECTION_CONFIG } from "@/lib/core/model/detection-config";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { readOpenSkyStates } from "./read-opensky-states";
import type { ReceptionLookup } from "@/lib/core/reception/silence-observations";

const CFG = DEFAULT_DETECTION_CONFIG;
const HOUR_MS = 3_600_000;
const at = (timeMs: number, over: Partial<TrackPoint> = {}): TrackPoint => ({
  timeMs,
  latDeg: 18,
  lonDeg: -76,
  altitudeFt: 30_000,
  groundSpeedKt: 450,
  trackDeg: 90,
  verticalRateFpm: 0,
  onGround: false,
  source: "ADSB",
  callsign: "TEST1",
  ...over,
});

/** Every path cell heard well, others flying there: silences can be suspected (the answer depends only on the question). */
const WELL_COVERED: ReceptionLookup = {
  observe: (q) => ({
    cells: q.cells.map((c) => ({ cell: c.cell, received: 5000, expected: 5000, visits: 50, visitsReceived: 50, visitsThen: 4, visitsReceivedThen: 4 })),
    witnesses: ["aaaaaa", "bbbbbb"],
    quiet: [],
    alive: 10,
    aliveBefore: 10,
  }),
};

/** Real tracks made into a long history: each file's aircraft flown again on later days, shifted by `shiftMs`. */
function history(points: readonly TrackPoint[], days: number, shiftMs: number): TrackPoint[] {
  return Array.from({ length: days }, (_, d) => points.map((p) => ({ ...p, timeMs: p.timeMs + d * shiftMs }))).flat();
}

describe("splitTrackPieces", () => {
  it("cuts at silences longer than a flight, an open gap and a spoofed stretch can last, and at long stays on the ground", () => {
    expect(trackCutSilenceMs(CFG)).toBe(6 * HOUR_MS);
    const t = Date.parse("2024-07-28T00:00:00Z");
    const points = [
      at(t),
      at(t + 6 * HOUR_MS), // exactly 6 h: one flight may still span it
      at(t + 12 * HOUR_MS + 1), // longer: a cut
      at(t + 13 * HOUR_MS, { onGround: true }),
      at(t + 13 * HOUR_MS + GROUND_CUT_S * 1000, { onGround: true }), // parked an hour: a cut
      at(t + 15 * HOUR_MS, { onGround: false }), // two hours airborne-silent: no cut
    ];
    expect(splitTrackPieces(points, CFG).map((piece) => piece.length)).toEqual([2, 2, 2]);
    expect(splitTrackPieces([], CFG)).toEqual([]);
    const uncut = points.slice(0, 2);
    expect(splitTrackPieces(uncut, CFG)[0]).toBe(uncut); // not copied
  });
});

describe("a history cut into pieces gives the flights of the whole", () => {
  const calfire = [...readOpenSkyStates("calfire_opensky_states.csv")];
  const spoofing = [...readOpenSkyStates("noisy_spoofing_opensky_states.csv")];
  const delta = [...readOpenSkyStates("trace_full_ac671b_opensky_states.csv")];
  // Days 7 h apart (a cut between them) and 5 h apart (none): both kinds of history.
  const histories = [...calfire, ...spoofing, ...delta].flatMap(([icao24, points]) => {
    const spanMs = points[points.length - 1]!.timeMs - points[0]!.timeMs;
    return [
      { icao24, points: history(points, 3, spanMs + 7 * HOUR_MS) },
      { icao24, points: history(points, 2, spanMs + 5 * HOUR_MS) },
    ];
  });

  it("cleans and splits each piece as the whole history would (no rule reaches across a cut)", () => {
    let cuts = 0;
    for (const { points } of histories) {
      const whole = splitFlights(points, REFERENCE_AIRPORTS, CFG);
      const pieces = splitTrackPieces(points, CFG).map((piece) => splitFlights(piece, REFERENCE_AIRPORTS, CFG));
      cuts += pieces.length - 1;
      expect(pieces.flatMap((p) => p.flights)).toEqual(whole.flights);
      expect(pieces.flatMap((p) => p.spoofing)).toEqual(whole.spoofing);
    }
    expect(cuts).toBeGreaterThan(histories.length / 2);
  });

  it("detects the same flights, flags and silence questions slice by slice as in one pass", () => {
    const dataEndMs = Math.max(...histories.map((h) => h.points[h.points.length - 1]!.timeMs)) + 12 * HOUR_MS;
    const context = createDetectionContext({ dataEndMs, reception: WELL_COVERED });
    let sliced = 0;
    let openGaps = 0;
    let suspected = 0;
    for (const { icao24, points } of histories) {
      const whole = detectAircraft({ icao24, points, aircraft: null }, context);
      // Built once, graded after the questions are answered: the data layer's two halves.
      expect(detectPlanned(planAircraft({ icao24, points, aircraft: null }, context), context)).toEqual(whole);
      const pieces = splitTrackPieces(points, CFG);
      // Slices of one, then of two consecutive pieces: what the data layer's batches hold.
      for (const size of [1, 2]) {
        const slices: TrackPoint[][] = [];
        for (let i = 0; i < pieces.length; i += size) slices.push(pieces.slice(i, i + size).flat());
        sliced += slices.length;
        expect(slices.flatMap((slice) => detectAircraft({ icao24, points: slice, aircraft: null }, context))).toEqual(whole);
        expect(slices.flatMap((slice) => planSilenceQueries({ icao24, points: slice, aircraft: null }, context))).toEqual(
          planSilenceQueries({ icao24, points, aircraft: null }, context),
        );
      }
      openGaps += whole.flatMap((f) => f.gaps).filter((g) => g.open).length;
      suspected += whole.flatMap((f) => f.gaps).filter((g) => g.suspected).length;
    }
    expect(sliced).toBeGreaterThan(histories.length * 2);
    // Flights that end airborne before a cut: their open gaps last as long in a slice as in the whole.
    expect(openGaps).toBeGreaterThan(0);
    expect(suspected).toBeGreaterThan(0);
  });
});
