import type { TransponderGapEvidence } from "@/lib/core/model/evidence/transponder-gap-evidence";
import type { FlagRecord, FlightRecord, GapRecord, TrackPositionRecord } from "@/lib/core/flight-record";
import { DEFAULT_DETECTION_CONFIG } from "@/lib/core/model/detection-config";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { knotsFromKmPerS } from "@/lib/core/geo/lat-lon";
import { airport, DETOUR_WEST, flyRoute, T0 } from "../track-factory";

/**
 * A hand-built stored flight for the export tests: Cubana Il-96 CU-T1250 (0b04e2) Havana →
 * Maiquetía around the west of the Curaçao FIR, with two silences — the first suspected (12
 * witnesses), the second not (no reception along its path) — and all five flag kinds. The
 * evidence objects copy the shapes the detectors write (lib/core/detection/detectors/*).
 * `openGap: true` cuts the track short: a third, open gap runs to the end of the data.
 */
export interface FixtureOptions {
  callsign?: string | null;
  openGap?: boolean;
}

export interface Fixture {
  flight: FlightRecord;
  positions: TrackPositionRecord[];
}

const ICAO24 = "0b04e2";
/** Silences as [from, to) minutes after take-off. */
const SILENCES_MIN: [number, number][] = [[30, 77], [100, 118]];
const OPEN_AFTER_MIN = 135;
const OPEN_GAP_S = 45 * 60;

export function fixtureFlight(options: FixtureOptions = {}): Fixture {
  const callsign = options.callsign === undefined ? "CUB1234" : options.callsign;
  const route = flyRoute([airport("MUHA"), ...DETOUR_WEST, airport("SVMI")], { groundEnds: true, callsign, sampleS: 20 });
  const startMs = route[0]!.timeMs;
  const minutes = (p: { timeMs: number }) => (p.timeMs - startMs) / 60_000;
  let points = route.filter((p) => !SILENCES_MIN.some(([a, b]) => minutes(p) >= a && minutes(p) < b));
  if (options.openGap) points = points.filter((p) => minutes(p) <= OPEN_AFTER_MIN);
  const positions: TrackPositionRecord[] = points.map((p, i) => ({
    timeMs: p.timeMs,
    latDeg: p.latDeg,
    lonDeg: p.lonDeg,
    altitudeFt: p.altitudeFt,
    groundSpeedKt: p.groundSpeedKt,
    trackDeg: p.trackDeg,
    verticalRateFpm: p.verticalRateFpm,
    onGround: p.onGround,
    source: p.source,
    callsign: i % 10 === 0 || i === points.length - 1 ? callsign : null, // as in readsb traces: not every message carries it
    squawk: "1000",
  }));

  const gaps: GapRecord[] = [];
  for (let i = 1; i < positions.length; i++) {
    const off = positions[i - 1]!;
    const on = positions[i]!;
    if (on.timeMs - off.timeMs >= 300_000) gaps.push(closedGap(off, on, gaps.length === 0));
  }
  const last = positions[positions.length - 1]!;
  if (options.openGap) gaps.push(openGap(last));

  const firstSeenMs = positions[0]!.timeMs;
  const lastSeenMs = last.timeMs;
  const flags: FlagRecord[] = [
    typeOfInterestFlag(firstSeenMs, lastSeenMs),
    cubaVenezuelaFlag(firstSeenMs, lastSeenMs),
    unscheduledFlag(firstSeenMs, lastSeenMs, callsign),
    ...gaps.map((g, i) => gapFlag(g, i)),
    zoneAvoidanceFlag(firstSeenMs, lastSeenMs),
  ];
  const flight: FlightRecord = {
    key: `${ICAO24}-42`,
    icao24: ICAO24,
    id: "42",
    callsign,
    firstSeenMs,
    lastSeenMs,
    origin: { airportIcao: "MUHA", airportName: "José Martí International Airport", country: "CU", latDeg: 22.9892, lonDeg: -82.4091, inferred: false, explanation: "first position on the ground at MUHA" },
    destination: options.openGap
      ? { airportIcao: null, airportName: null, country: "VE", latDeg: last.latDeg, lonDeg: last.lonDeg, inferred: true, explanation: "track ends at FL350 over water, heading 120°; Venezuela 180 km ahead" }
      : { airportIcao: "SVMI", airportName: "Simón Bolívar International Airport", country: "VE", latDeg: 10.6031, lonDeg: -66.9906, inferred: false, explanation: "last position on the ground at SVMI" },
    distanceKm: 2310,
    maxAltitudeFt: 35000,
    positionCount: positions.length,
    firSequence: ["MUFH", "MKJK", "SKEC", "SVZM"],
    score: 0.85,
    detectorVersion: "detect@7",
    aircraft: { registration: "CU-T1250", typecode: "IL96", model: "Ilyushin Il-96-300", operator: "Cubana", blockCountry: "CU", tags: ["Government"], identitySource: "plane-alert-db" },
    flags,
    gaps,
  };
  return { flight, positions };
}

function closedGap(off: TrackPositionRecord, on: TrackPositionRecord, suspected: boolean): GapRecord {
  const durationS = (on.timeMs - off.timeMs) / 1000;
  const distanceKm = greatCircleDistanceKm(off, on);
  return {
    offTimeMs: off.timeMs, offLatDeg: off.latDeg, offLonDeg: off.lonDeg, offAltitudeFt: off.altitudeFt, offSpeedKt: off.groundSpeedKt,
    onTimeMs: on.timeMs, onLatDeg: on.latDeg, onLonDeg: on.lonDeg, onAltitudeFt: on.altitudeFt, onSpeedKt: on.groundSpeedKt,
    durationS,
    distanceKm,
    impliedSpeedKt: knotsFromKmPerS(distanceKm / durationS),
    open: false,
    partial: false,
    suspected,
    confidence: suspected ? 0.86 : 0.21,
    witnessCount: suspected ? 12 : 0,
  };
}

function openGap(off: TrackPositionRecord): GapRecord {
  return {
    offTimeMs: off.timeMs, offLatDeg: off.latDeg, offLonDeg: off.lonDeg, offAltitudeFt: off.altitudeFt, offSpeedKt: off.groundSpeedKt,
    onTimeMs: null, onLatDeg: null, onLonDeg: null, onAltitudeFt: null, onSpeedKt: null,
    durationS: OPEN_GAP_S, distanceKm: null, impliedSpeedKt: null,
    open: true, partial: false, suspected: false, confidence: 0.18, witnessCount: 0,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const point = (p: { timeMs: number; latDeg: number; lonDeg: number; altitudeFt: number | null; groundSpeedKt: number | null }) => ({
  time: iso(p.timeMs), latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: p.altitudeFt, groundSpeedKt: p.groundSpeedKt,
});

/** Typed like transponderGapDetector's evidence (transponder-gap-evidence.ts). */
function gapFlag(g: GapRecord, i: number): FlagRecord {
  const endMs = g.onTimeMs ?? g.offTimeMs + g.durationS * 1000;
  const minutes = Math.round(g.durationS / 60);
  const codes = ["ALTITUDE", "NOT_DESCENDING", "AWAY_FROM_AIRPORTS", "DENSE_BEFORE", "MAP_KNOWS_PATH", "MAP_EXPECTS_RECEPTION", "OTHERS_RECEIVED", "OTHERS_NOT_QUIET"] as const;
  const failing = new Set<string>(g.suspected ? [] : ["MAP_EXPECTS_RECEPTION", "OTHERS_RECEIVED"]);
  const evidence: TransponderGapEvidence = {
    summary: `${g.suspected ? "suspected switch-off" : "gap"}, ${g.open ? "open" : "closed"}: ${minutes} min, confidence ${g.confidence.toFixed(2)}`,
    start: iso(g.offTimeMs),
    end: g.onTimeMs === null ? null : iso(g.onTimeMs),
    minutes: Math.round((g.durationS / 60) * 10) / 10,
    suspected: g.suspected,
    confidence: g.confidence,
    partial: g.partial,
    open: g.open,
    witnesses: g.witnessCount,
    witnessAddresses: g.suspected ? ["aaa001", "aaa002", "aaa003", "aaa004", "aaa005", "aaa006", "aaa007", "aaa008", "aaa009", "aaa010", "aaa011", "aaa012"] : [],
    quietAircraft: 0,
    aliveAircraft: g.suspected ? 30 : 0,
    crossingsHeardThen: g.suspected ? 12 : 0,
    crossingsUnheardThen: 0,
    expectedPositions: g.suspected ? 140 : 2.5,
    chanceOfNone: g.suspected ? 0 : 0.4,
    ownIntervalS: 10,
    positionsBefore: 30,
    offPoint: point({ timeMs: g.offTimeMs, latDeg: g.offLatDeg, lonDeg: g.offLonDeg, altitudeFt: g.offAltitudeFt, groundSpeedKt: g.offSpeedKt }),
    onPoint: g.onTimeMs === null ? null : point({ timeMs: g.onTimeMs, latDeg: g.onLatDeg!, lonDeg: g.onLonDeg!, altitudeFt: g.onAltitudeFt, groundSpeedKt: g.onSpeedKt }),
    distanceKm: g.distanceKm === null ? null : Math.round(g.distanceKm * 10) / 10,
    impliedSpeedKt: g.impliedSpeedKt === null ? null : Math.round(g.impliedSpeedKt),
    reasons: codes.map((code) => ({ code, passed: !failing.has(code) })),
    pathCells: [{ cell: 201 * 720 + 226, latDeg: 14.75, lonDeg: -72.75, seconds: 600, receptionRate: g.suspected ? 0.93 : 0 }],
    band: 2,
    historyDays: 7,
  };
  return {
    id: `f-gap-${i + 1}`,
    kind: "TRANSPONDER_GAP",
    windowStartMs: g.offTimeMs,
    windowEndMs: endMs,
    ruleVersion: "transponder-gap@2",
    config: { ...DEFAULT_DETECTION_CONFIG.gaps, reception: { ...DEFAULT_DETECTION_CONFIG.reception } },
    evidence,
  };
}

function typeOfInterestFlag(startMs: number, endMs: number): FlagRecord {
  return {
    id: "f-type", kind: "TYPE_OF_INTEREST", windowStartMs: startMs, windowEndMs: endMs, ruleVersion: "type-of-interest@1",
    config: { typecodes: ["IL76", "IL96", "A342", "A343", "A345", "A346"], icao24s: [], tags: [] },
    evidence: {
      summary: "IL96, CU-T1250, Cubana: type IL96 is on the type watchlist",
      matchedBy: ["type IL96 is on the type watchlist"],
      icao24: ICAO24, typecode: "IL96", registration: "CU-T1250", operator: "Cubana", tags: ["Government"], identitySource: "plane-alert-db",
      addressCountry: { code: "CU", name: "Cuba" }, registrationCountry: { code: "CU", name: "Cuba" }, identityWarning: null,
    },
  };
}

function cubaVenezuelaFlag(startMs: number, endMs: number): FlagRecord {
  return {
    id: "f-cuve", kind: "CUBA_VENEZUELA", windowStartMs: startMs, windowEndMs: endMs, ruleVersion: "cuba-venezuela@1",
    config: { countriesA: ["CU"], countriesB: ["VE"] },
    evidence: {
      summary: "from airports MUHA → SVMI", direction: "CU → VE", basis: "airports",
      origin: { airportIcao: "MUHA", country: "CU", method: "airport", explanation: "first position on the ground at MUHA" },
      destination: { airportIcao: "SVMI", country: "VE", method: "airport", explanation: "last position on the ground at SVMI" },
    },
  };
}

function unscheduledFlag(startMs: number, endMs: number, callsign: string | null): FlagRecord {
  return {
    id: "f-sched", kind: "UNSCHEDULED", windowStartMs: startMs, windowEndMs: endMs, ruleVersion: "unscheduled@1",
    config: { departureToleranceMin: 90, onlyFlightsOfInterest: true, maxCandidates: 3, schedulesChecked: 14 },
    evidence: {
      summary: `no schedule entry matches ${callsign}; nearest: CUB1250 MUHA → SVMI (Tue 2024-08-06 is not one of its days 1357 (Mon, Wed, Fri, Sun))`,
      callsign,
      evaluatedBecause: ["TYPE_OF_INTEREST", "CUBA_VENEZUELA"],
      candidates: [
        {
          callsign: "CUB1250", route: "MUHA → SVMI", days: "1357", departureUtc: "14:30", validity: "2024-06-01 … 2024-10-31", operator: "CUB", offsetMin: -29,
          whyNot: ["operator CUB and route MUHA → SVMI match", "Tue 2024-08-06 is not one of its days 1357 (Mon, Wed, Fri, Sun)"],
        },
      ],
    },
  };
}

function zoneAvoidanceFlag(startMs: number, endMs: number): FlagRecord {
  return {
    id: "f-zone", kind: "ZONE_AVOIDANCE", windowStartMs: startMs, windowEndMs: endMs, ruleVersion: "zone-avoidance@1",
    config: { ...DEFAULT_DETECTION_CONFIG.zoneAvoidance, zone: "TNCF" },
    evidence: {
      summary: "great circle MUHA → SVMI runs 640 km through TNCF; the track stayed outside, up to 232 km west of it (FIRs flown MUFH → MKJK → SKEC → SVZM, expected MUFH → MKJK → TNCF → SVZM), 2.1 % longer",
      zone: "TNCF", zoneName: "Curaçao FIR",
      route: { from: { airportIcao: "MUHA", latDeg: 22.9892, lonDeg: -82.4091 }, to: { airportIcao: "SVMI", latDeg: 10.6031, lonDeg: -66.9906 } },
      greatCircleKm: 2180, greatCircleInsideZoneKm: 640,
      expectedFirSequence: ["MUFH", "MKJK", "TNCF", "SVZM"], flownFirSequence: ["MUFH", "MKJK", "SKEC", "SVZM"],
      maxOffsetKm: 232, side: "west", maxOffsetAt: { latDeg: 14.3, lonDeg: -74.1 }, extraDistancePct: 2.1, routeCoverage: 1,
    },
  };
}

export { T0 };
