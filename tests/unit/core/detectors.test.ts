import { describe, expect, it } from "vitest";
import { detectAircraft } from "@/lib/core/detection/detect-aircraft";
import { createDetectionContext, type DetectionContext } from "@/lib/core/detection/detection-context";
import { matchSchedule } from "@/lib/core/detection/match-schedule";
import { buildFlight } from "@/lib/core/detection/build-flight";
import { tracksReception } from "./reception-lookups";
import type { AircraftRef } from "@/lib/core/model/aircraft-ref";
import type { ScheduleRef } from "@/lib/core/model/schedule-ref";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { airport, DETOUR_WEST, fly, flyRoute, T0 } from "./track-factory";

const MUHA = airport("MUHA");
const SVMI = airport("SVMI");
const IL96: AircraftRef = { icao24: "0b04e2", registration: "CU-T1250", typecode: "IL96", operator: "Cubana", tags: [], identitySource: "plane-alert-db" };
const B738: AircraftRef = { icao24: "a12345", registration: "N12345", typecode: "B738", operator: "American", tags: [], identitySource: "opensky" };

function run(points: TrackPoint[], aircraft: AircraftRef | null, extra: Partial<DetectionContext> = {}) {
  const ctx = createDetectionContext({ dataEndMs: points[points.length - 1]!.timeMs, ...extra });
  const flights = detectAircraft({ icao24: aircraft?.icao24 ?? "a12345", points, aircraft }, ctx);
  expect(flights).toHaveLength(1);
  return flights[0]!;
}
const kinds = (f: ReturnType<typeof run>) => f.findings.map((x) => x.kind);
const find = (f: ReturnType<typeof run>, kind: string) => f.findings.find((x) => x.kind === kind);

describe("TYPE_OF_INTEREST", () => {
  const track = fly({ from: MUHA, to: airport("MKJP"), groundEnds: true });

  it("flags a watched type with its identity and where it came from", () => {
    const f = find(run(track, IL96), "TYPE_OF_INTEREST")!;
    expect(f.ruleVersion).toBe("type-of-interest@1");
    expect(f.evidence).toMatchObject({ typecode: "IL96", registration: "CU-T1250", operator: "Cubana", identitySource: "plane-alert-db", identityWarning: null });
    expect((f.evidence.addressCountry as { code: string }).code).toBe("CU");
  });

  it("warns when the address block and the registration disagree", () => {
    const f = find(run(track, { ...IL96, icao24: "0d80ae" }), "TYPE_OF_INTEREST")!;
    expect(String(f.evidence.identityWarning)).toContain("Venezuela");
  });

  it("flags a watched address or tag even of an ordinary type, and nothing else", () => {
    expect(kinds(run(track, B738))).not.toContain("TYPE_OF_INTEREST");
    expect(kinds(run(track, null))).not.toContain("TYPE_OF_INTEREST");
    const watch = { typecodes: ["IL96"], icao24s: ["a12345"], tags: [] };
    expect(kinds(run(track, B738, { watchlist: watch }))).toContain("TYPE_OF_INTEREST");
    const tagged = { ...B738, tags: ["Dictator Alert"] };
    expect(kinds(run(track, tagged, { watchlist: { typecodes: [], icao24s: [], tags: ["dictator alert"] } }))).toContain("TYPE_OF_INTEREST");
  });
});

describe("CUBA_VENEZUELA", () => {
  it("flags Cuba → Venezuela from airports and says so", () => {
    const f = find(run(fly({ from: MUHA, to: SVMI, groundEnds: true }), null), "CUBA_VENEZUELA")!;
    expect(f.evidence.summary).toBe("from airports MUHA → SVMI");
    expect(f.evidence.basis).toBe("airports");
  });

  it("flags the reverse direction", () => {
    expect(kinds(run(fly({ from: SVMI, to: airport("MUCU"), groundEnds: true }), null))).toContain("CUBA_VENEZUELA");
  });

  it("flags a partial track from the inferred country, and says it was inferred", () => {
    const f = find(run(fly({ from: MUHA, to: SVMI, groundEnds: true, keep: [0, 0.8] }), null), "CUBA_VENEZUELA")!;
    expect(f.evidence.basis).toBe("inferred");
    expect(String(f.evidence.summary)).toMatch(/^inferred: .*track ends at FL350 over water.*Venezuela/);
  });

  it("does not flag other routes", () => {
    expect(kinds(run(fly({ from: MUHA, to: airport("MKJP"), groundEnds: true }), null))).not.toContain("CUBA_VENEZUELA");
    expect(kinds(run(fly({ from: airport("SVMC"), to: SVMI, groundEnds: true }), null))).not.toContain("CUBA_VENEZUELA");
  });
});

describe("UNSCHEDULED and schedule matching", () => {
  // Flight: Tuesday 6 Aug 2024, departs MUHA 14:00:10 UTC, callsign CUB1250.
  const track = fly({ from: MUHA, to: SVMI, groundEnds: true, callsign: "CUB1250" });
  const entry = (e: Partial<ScheduleRef>): ScheduleRef => ({
    callsign: "CUB1250", originIcao: "MUHA", destinationIcao: "SVMI", weekdays: "2", departureUtc: "14:30", arrivalUtc: "18:00", validFrom: "2024-06-01", validTo: "2024-10-31", operator: "CUB", ...e,
  });
  const flight = buildFlight("0b04e2", track, createDetectionContext({ dataEndMs: track[track.length - 1]!.timeMs }));
  const match = (e: Partial<ScheduleRef>) => matchSchedule(flight, [entry(e)], "Cubana", 90);

  it("matches by callsign, weekday, validity and time", () => {
    expect(match({}).matched).not.toBeNull();
    expect(kinds(run(track, IL96, { schedules: [entry({})] }))).not.toContain("UNSCHEDULED");
  });

  it("matches by operator and route when the callsign differs", () => {
    expect(match({ callsign: "CUB999", departureUtc: "13:00" }).matched).not.toBeNull();
    const wrongRoute = match({ callsign: "CUB999", destinationIcao: "SVMC" });
    expect(wrongRoute.matched).toBeNull();
    expect(wrongRoute.candidates[0]!.reasons.join(" ")).toContain("route MUHA → SVMC differs");
  });

  it("rejects another weekday", () => {
    const r = match({ weekdays: "1357" });
    expect(r.matched).toBeNull();
    expect(r.candidates[0]!.reasons.join(" ")).toContain("Tue 2024-08-06 is not one of its days 1357");
  });

  it("rejects a date outside the validity", () => {
    const r = match({ validTo: "2024-06-30" });
    expect(r.matched).toBeNull();
    expect(r.candidates[0]!.reasons.join(" ")).toContain("outside its validity");
  });

  it("allows ±90 min around the scheduled departure, not more", () => {
    expect(match({ departureUtc: "12:31" }).matched).not.toBeNull(); // +89 min
    expect(match({ departureUtc: "15:29" }).matched).not.toBeNull(); // −89 min
    const late = match({ departureUtc: "12:29" }); // +91 min
    expect(late.matched).toBeNull();
    expect(late.candidates[0]!.reasons.join(" ")).toContain("+91 min; tolerance ±90");
  });

  it("explains the nearest candidates in the finding", () => {
    const f = find(run(track, IL96, { schedules: [entry({ weekdays: "1357" }), entry({ departureUtc: "09:00" })] }), "UNSCHEDULED")!;
    const candidates = f.evidence.candidates as { whyNot: string[] }[];
    expect(candidates).toHaveLength(2);
    expect(candidates.flatMap((c) => c.whyNot).join(" ")).toContain("not one of its days");
  });

  it("treats a flight without callsign as unscheduled", () => {
    const f = find(run(fly({ from: MUHA, to: SVMI, groundEnds: true, callsign: null }), IL96, { schedules: [entry({})] }), "UNSCHEDULED")!;
    expect(String(f.evidence.summary)).toContain("no callsign");
  });

  it("is only evaluated for flights of interest", () => {
    const ordinary = fly({ from: MUHA, to: airport("MKJP"), groundEnds: true, callsign: null });
    expect(kinds(run(ordinary, B738))).not.toContain("UNSCHEDULED");
    expect(kinds(run(ordinary, IL96))).toContain("UNSCHEDULED");
  });
});

describe("TRANSPONDER_GAP", () => {
  it("reports every gap, suspected or not, with its evidence", () => {
    const track = fly({ from: MUHA, to: SVMI, groundEnds: true, silences: [[0.35, 0.62]] });
    const witnesses = [
      { icao24: "aaa001", points: fly({ from: MUHA, to: SVMI, startMs: T0 + 15 * 60_000, sampleS: 30 }) },
      { icao24: "aaa002", points: fly({ from: SVMI, to: MUHA, startMs: T0 + 20 * 60_000, sampleS: 30 }) },
    ];
    const reception = tracksReception([{ icao24: "0b04e2", points: track }, ...witnesses]);
    const f = find(run(track, IL96, { reception }), "TRANSPONDER_GAP")!;
    expect(f.evidence).toMatchObject({ suspected: true, partial: false, open: false, witnesses: 2 });
    expect(f.evidence.start).toMatch(/^2024-08-06T14:5\d/);
    expect(Number(f.evidence.minutes)).toBeGreaterThan(35);
    expect(f.evidence.offPoint).toHaveProperty("altitudeFt", 35000);
    expect(Number(f.evidence.impliedSpeedKt)).toBeLessThan(500);
    expect((f.evidence.reasons as string[]).length).toBeGreaterThan(4);
    const unwitnessed = find(run(track, IL96), "TRANSPONDER_GAP")!;
    expect(unwitnessed.evidence.suspected).toBe(false);
  });

  it("reports nothing for a flight without silences", () => {
    expect(kinds(run(fly({ from: MUHA, to: SVMI, groundEnds: true }), IL96))).not.toContain("TRANSPONDER_GAP");
  });
});

describe("ZONE_AVOIDANCE", () => {
  it("flags a detour west of TNCF with FIR sequences, lateral offset and side", () => {
    const f = find(run(flyRoute([MUHA, ...DETOUR_WEST, SVMI], { groundEnds: true }), IL96), "ZONE_AVOIDANCE")!;
    expect(f.evidence).toMatchObject({
      zone: "TNCF",
      side: "west",
      expectedFirSequence: ["MUFH", "MKJK", "TNCF", "SVZM"],
      flownFirSequence: ["MUFH", "MKJK", "SKEC", "SVZM"],
    });
    expect(Number(f.evidence.maxOffsetKm)).toBeGreaterThan(150);
    expect(Number(f.evidence.extraDistancePct)).toBeGreaterThan(1.5);
    expect(Number(f.evidence.extraDistancePct)).toBeLessThan(3);
    expect(Number(f.evidence.greatCircleInsideZoneKm)).toBeGreaterThan(500);
  });

  it("does not flag the direct route through TNCF", () => {
    expect(kinds(run(fly({ from: MUHA, to: SVMI, groundEnds: true }), IL96))).not.toContain("ZONE_AVOIDANCE");
  });

  it("does not flag a route whose great circle misses TNCF (Havana → Maracaibo)", () => {
    expect(kinds(run(fly({ from: MUHA, to: airport("SVMC"), groundEnds: true }), IL96))).not.toContain("ZONE_AVOIDANCE");
  });

  it("does not flag a fragment that does not cover the zone crossing", () => {
    const fragment = flyRoute([MUHA, DETOUR_WEST[0]!], { groundEnds: false }).slice(0, 200);
    expect(kinds(run(fragment, IL96))).not.toContain("ZONE_AVOIDANCE");
  });

  it("does not flag when a gap's straight path crosses the zone (it may have transited dark)", () => {
    const route = flyRoute([MUHA, ...DETOUR_WEST, SVMI], { groundEnds: true });
    const w1 = route.findIndex((p) => Math.abs(p.latDeg - 14.3) < 0.02 && Math.abs(p.lonDeg + 74.1) < 0.02);
    const resume = route.findIndex((p) => p.lonDeg > -68.9 && p.latDeg < 11.6);
    const dark = [...route.slice(0, w1 + 1), ...route.slice(resume)];
    expect(kinds(run(dark, IL96))).not.toContain("ZONE_AVOIDANCE");
  });
});
