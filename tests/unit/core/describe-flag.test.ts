import { describe, expect, it } from "vitest";
import { describeFlag } from "@/lib/core/format/describe-flag";
import { formatAltitude } from "@/lib/core/format/format-altitude";
import { detectAircraft } from "@/lib/core/detection/detect-aircraft";
import { createDetectionContext, type DetectionContext } from "@/lib/core/detection/detection-context";
import { tracksReception, uniformReception } from "./reception-lookups";
import type { AircraftRef } from "@/lib/core/model/aircraft-ref";
import { DEFAULT_DETECTION_CONFIG } from "@/lib/core/model/detection-config";
import type { FlagKind } from "@/lib/core/model/finding";
import type { ScheduleRef } from "@/lib/core/model/schedule-ref";
import type { FlagRecord } from "@/lib/core/flight-record";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { airport, DETOUR_WEST, fly, flyRoute, T0 } from "./track-factory";

const MUHA = airport("MUHA");
const SVMI = airport("SVMI");
const IL96: AircraftRef = { icao24: "0b04e2", registration: "CU-T1250", typecode: "IL96", operator: "Cubana", tags: [], identitySource: "plane-alert-db" };

/** Run the real detectors on one aircraft and return its flags as stored. */
function flags(points: TrackPoint[], aircraft: AircraftRef | null, extra: Partial<DetectionContext> = {}): FlagRecord[] {
  const ctx = createDetectionContext({ dataEndMs: points[points.length - 1]!.timeMs, ...extra });
  const flights = detectAircraft({ icao24: aircraft?.icao24 ?? "a12345", points, aircraft }, ctx);
  expect(flights).toHaveLength(1);
  return flights[0]!.findings.map((f, i) => ({ id: String(i + 1), ...f }));
}

function only(all: FlagRecord[], kind: FlagKind): FlagRecord {
  const found = all.filter((f) => f.kind === kind);
  expect(found, `one ${kind} flag`).toHaveLength(1);
  return found[0]!;
}

/** The words "switch-off" may only appear to deny it. */
const claimsSwitchOff = (s: string) => s.replace("not a suspected switch-off", "").includes("switch-off");

describe("formatAltitude", () => {
  it("uses flight levels at and above 18,000 ft and feet below", () => {
    expect(formatAltitude(35000)).toBe("FL350");
    expect(formatAltitude(18000)).toBe("FL180");
    expect(formatAltitude(17999)).toBe("17,999 ft");
    expect(formatAltitude(12500)).toBe("12,500 ft");
    expect(formatAltitude(0)).toBe("0 ft");
    expect(formatAltitude(-0.4)).toBe("0 ft");
    expect(formatAltitude(null)).toBe("unknown altitude");
  });
});

describe("describeFlag: TRANSPONDER_GAP", () => {
  const track = fly({ from: MUHA, to: SVMI, groundEnds: true, silences: [[0.35, 0.62]] });
  const witnesses = [
    { icao24: "aaa001", points: fly({ from: MUHA, to: SVMI, startMs: T0 + 15 * 60_000, sampleS: 30 }) },
    { icao24: "aaa002", points: fly({ from: SVMI, to: MUHA, startMs: T0 + 20 * 60_000, sampleS: 30 }) },
  ];

  it("words a suspected switch-off with what the map expected and who was received meanwhile", () => {
    const reception = tracksReception([{ icao24: "0b04e2", points: track }, ...witnesses]);
    const flag = only(flags(track, IL96, { reception }), "TRANSPONDER_GAP");
    const d = describeFlag(flag);
    expect(d.label).toBe("suspected switch-off");
    expect(d.sentence).toMatch(
      /^ADS-B silent \d+ min at FL350: at the reception measured here over 7 days, about [\d,]+ positions were expected along its path; none arrived, while 2 other aircraft were received there during the silence$/,
    );
    expect(d.sentence).toContain(`${Math.round(Number(flag.evidence.minutes))} min`);
    expect(d.details).toContain("Other aircraft received there during the silence: 2 (aaa001, aaa002)");
    expect(d.details.some((l) => /^Last position before: \d\d:\d\d:\d\d UTC, [\d.]+°N [\d.]+°W, FL350, 450 kt$/.test(l))).toBe(true);
    expect(d.details.some((l) => l.startsWith("Reception map, FL250 and above, 7 days around the silence:"))).toBe(true);
    expect(d.details.some((l) => l.startsWith("Thresholds: silences of 5 min or more are recorded; suspected only at or above 10,000 ft"))).toBe(true);
    expect(d.details).toContain("Rule version transponder-gap@3");
    expect(d.details).toContain("✓ 2 other aircraft were received in the region around it (1000 km) during the silence: the feed was up");
  });

  it("says 'at least' when the count of aircraft around a silence stopped at its cap", () => {
    const reception = tracksReception([{ icao24: "0b04e2", points: track }, ...witnesses]);
    const config = { ...DEFAULT_DETECTION_CONFIG, gaps: { ...DEFAULT_DETECTION_CONFIG.gaps, aliveCountCap: 1 } };
    const flag = only(flags(track, IL96, { reception, config }), "TRANSPONDER_GAP");
    expect(flag.evidence.aliveAircraft).toBe(1);
    expect(describeFlag(flag).details).toContain("✓ At least 1 other aircraft was received in the region around it (1000 km) during the silence: the feed was up");
  });

  it("calls a silence where nobody was ever received a gap with unknown reception", () => {
    const reception = tracksReception([{ icao24: "0b04e2", points: track }]);
    const d = describeFlag(only(flags(track, IL96, { reception }), "TRANSPONDER_GAP"));
    expect(d.label).toBe("gap");
    expect(d.sentence).toMatch(/^No positions for \d+ min at FL350\. No aircraft was ever received along its path here: the reception there is unknown \(open sea, or beyond the area the data covers\), so this is a gap, not a suspected switch-off$/);
    expect(claimsSwitchOff(d.sentence)).toBe(false);
  });

  it("calls a silence during an outage a gap, naming the aircraft that went quiet too", () => {
    const reception = uniformReception({ rate: 0.95, quiet: ["aaa001", "aaa002", "aaa003"] });
    const d = describeFlag(only(flags(track, IL96, { reception }), "TRANSPONDER_GAP"));
    expect(d.sentence).toMatch(/3 other aircraft were heard next to its path just before and after it, and not during it: a receiver or feed outage, not the aircraft, so this is a gap, not a suspected switch-off$/);
    expect(claimsSwitchOff(d.sentence)).toBe(false);
  });

  it("calls a silence in poorly covered airspace a gap, with the numbers", () => {
    const reception = uniformReception({ rate: 0.02, heardShare: 0.1, witnesses: ["aaa001"] });
    const d = describeFlag(only(flags(track, IL96, { reception }), "TRANSPONDER_GAP"));
    expect(d.sentence).toMatch(/only about \d+ positions were expected \(20 needed to judge a silence by the map\): too few to tell a switch-off from a gap in coverage, so this is a gap/);
  });

  it("says coverage is patchy when enough positions were expected but silence was not unlikely", () => {
    const reception = uniformReception({ rate: 0.5, heardShare: 0.3, witnesses: ["aaa001"] });
    const d = describeFlag(only(flags(track, IL96, { reception }), "TRANSPONDER_GAP"));
    expect(d.sentence).toMatch(/about \d+ positions were expected, but hearing none had a chance of [\d.]+ % \(0\.1 % at most counts as unlikely\): coverage there is patchy, so this is a gap/);
  });

  it("counts ADS-B positions before a silence, and says others do not count", () => {
    const other = track.map((p) => ({ ...p, source: "OTHER" as const }));
    const reception = uniformReception({ rate: 0.95, witnesses: ["aaa001"] });
    const d = describeFlag(only(flags(other, IL96, { reception }), "TRANSPONDER_GAP"));
    expect(d.details).toContain("✗ Only 0 ADS-B positions in the 10 min before (10 needed; positions placed by MLAT or of unknown source do not count): too little to say it was being received well");
    expect(d.details.join("\n")).toContain("its ADS-B sampling unknown (assumed sparse)");
    expect(d.details.join("\n")).not.toMatch(/map alone|reception was already patchy|likely poor coverage/);
  });

  it("blames the altitude when it went silent low", () => {
    const low = fly({ from: MUHA, to: SVMI, groundEnds: true, cruiseFt: 8000, silences: [[0.35, 0.62]] });
    const reception = uniformReception({ rate: 0.95, witnesses: ["aaa001"] });
    const d = describeFlag(only(flags(low, IL96, { reception }), "TRANSPONDER_GAP"));
    expect(d.label).toBe("gap");
    expect(d.sentence).toMatch(/^No positions for \d+ min at 8,000 ft\. It went silent at 8,000 ft, below 10,000 ft, where terrain and low-level coverage explain most silences, so this is a gap/);
  });

  it("says when only ADS-B stopped while MLAT continued", () => {
    const adsb = fly({ from: MUHA, to: SVMI, groundEnds: true, silences: [[0.35, 0.62]] });
    const mlat = fly({ from: MUHA, to: SVMI, groundEnds: true, keep: [0.35, 0.62], sampleS: 60, source: "MLAT" });
    const points = [...adsb, ...mlat].sort((a, b) => a.timeMs - b.timeMs);
    const flag = only(flags(points, IL96), "TRANSPONDER_GAP");
    expect(flag.evidence.partial).toBe(true);
    const d = describeFlag(flag);
    expect(d.label).toBe("suspected switch-off");
    expect(d.sentence).toMatch(/^ADS-B positions stopped for \d+ min at FL350 while \d+ MLAT \/ Mode S positions of the same aircraft continued: its transponder stayed on$/);
    expect(d.details.some((l) => l.startsWith("ADS-B only:"))).toBe(true);

    const single = [...adsb, mlat[Math.floor(mlat.length / 2)]!].sort((a, b) => a.timeMs - b.timeMs);
    // One MLAT position leaves two full silences around it as well; the ADS-B-only one is the partial gap.
    const weakFlag = flags(single, IL96).find((f) => f.kind === "TRANSPONDER_GAP" && f.evidence.partial === true)!;
    const weak = describeFlag(weakFlag);
    expect(weak.label).toBe("gap");
    expect(weak.sentence).toMatch(/^ADS-B positions stopped for \d+ min at FL350\. Only 1 MLAT \/ Mode S position continued meanwhile \(2 needed\), so this is a gap, not a suspected switch-off$/);
  });

  it("says an open gap lasts until the aircraft was next received or the data ended", () => {
    const cut = fly({ from: MUHA, to: SVMI, groundEnds: true, keep: [0, 0.6] });
    const lastMs = cut[cut.length - 1]!.timeMs;
    const reception = tracksReception([{ icao24: "0b04e2", points: cut }]);
    const flag = only(flags(cut, IL96, { reception, dataEndMs: lastMs + 40 * 60_000 }), "TRANSPONDER_GAP");
    expect(flag.evidence.open).toBe(true);
    const d = describeFlag(flag);
    const offHhmm = new Date(lastMs).toISOString().slice(11, 16);
    expect(d.sentence).toMatch(new RegExp(`^No positions after ${offHhmm} UTC \\(last seen at FL350\\), the end of its track\\. No aircraft was ever received ahead along its heading here`));
    expect(d.details[0]).toMatch(/^From 2024-08-06 \d\d:\d\d UTC, the end of the track, until the aircraft was next received or the data ended \(40 min, open gap\)$/);
  });

  it("words a suspected open gap with the reception ahead", () => {
    const cut = fly({ from: MUHA, to: SVMI, groundEnds: true, keep: [0, 0.5] });
    const last = cut[cut.length - 1]!;
    const ahead = [1, 2, 3].map((i) => ({ icao24: `bbb00${i}`, points: fly({ from: last, to: SVMI, startMs: last.timeMs - 60_000 * i, sampleS: 30 }) }));
    const reception = tracksReception([{ icao24: "0b04e2", points: cut }, ...ahead]);
    const flag = only(flags(cut, IL96, { reception, dataEndMs: last.timeMs + 30 * 60_000 }), "TRANSPONDER_GAP");
    expect(flag.evidence).toMatchObject({ open: true, suspected: true });
    expect(describeFlag(flag).sentence).toMatch(
      /^ADS-B silent after \d\d:\d\d UTC \(last seen at FL350\), the end of its track: at the reception measured ahead of it over 7 days, about [\d,]+ positions were expected along its heading; none arrived, while 3 other aircraft were received there during the silence$/,
    );
  });

  it("formats hours, and builds its words from reason codes, not from sentences", () => {
    const base = only(flags(track, IL96, { reception: uniformReception({ rate: 0.95, witnesses: ["aaa001"] }) }), "TRANSPONDER_GAP");
    const reasons = (base.evidence.reasons as { code: string; passed: boolean }[]).map((r) => (r.code === "NOT_DESCENDING" ? { ...r, passed: false } : r));
    const long: FlagRecord = { ...base, evidence: { ...base.evidence, minutes: 72.4, suspected: false, reasons } };
    expect(describeFlag(long).sentence).toBe(
      "No positions for 1 h 12 min at FL350. It was descending when it went silent: consistent with an approach below coverage, so this is a gap, not a suspected switch-off",
    );
  });

  it("falls back to the stored summary for evidence of an older rule version", () => {
    const base = only(flags(track, IL96), "TRANSPONDER_GAP");
    const old: FlagRecord = { ...base, ruleVersion: "transponder-gap@1", evidence: { summary: "gap, closed: 40 min, confidence 0.20", suspected: false, cellsOnPath: 4 } };
    expect(describeFlag(old)).toMatchObject({ label: "gap", sentence: "gap, closed: 40 min, confidence 0.20" });
  });
});

describe("describeFlag: CUBA_VENEZUELA", () => {
  it("says the endpoints came from airports", () => {
    const d = describeFlag(only(flags(fly({ from: MUHA, to: SVMI, groundEnds: true }), null), "CUBA_VENEZUELA"));
    expect(d.label).toBe("cuba venezuela");
    expect(d.sentence).toBe("Flew Cuba → Venezuela (MUHA → SVMI, from the airports)");
    expect(d.details).toContain("Rule: a flight between Cuba and Venezuela, either way");
  });

  it("says which endpoint was inferred from the track", () => {
    const d = describeFlag(only(flags(fly({ from: MUHA, to: SVMI, groundEnds: true, keep: [0, 0.8] }), null), "CUBA_VENEZUELA"));
    expect(d.sentence).toBe("Flew Cuba → Venezuela (origin MUHA from the airport, destination inferred from where the track ends)");
    expect(d.details.find((l) => l.startsWith("Destination:"))).toMatch(/track ends at FL350 over water/);
  });

  it("words the reverse direction, and both ends inferred", () => {
    expect(describeFlag(only(flags(fly({ from: SVMI, to: airport("MUCU"), groundEnds: true }), null), "CUBA_VENEZUELA")).sentence).toBe(
      "Flew Venezuela → Cuba (SVMI → MUCU, from the airports)",
    );
    const both = describeFlag(only(flags(fly({ from: MUHA, to: SVMI, groundEnds: true, keep: [0.2, 0.8] }), null), "CUBA_VENEZUELA"));
    expect(both.sentence).toBe("Flew Cuba → Venezuela (inferred from where the track starts and ends)");
  });
});

describe("describeFlag: UNSCHEDULED", () => {
  const track = fly({ from: MUHA, to: SVMI, groundEnds: true, callsign: "CUB1250" });
  const entry = (e: Partial<ScheduleRef>): ScheduleRef => ({
    callsign: "CUB1250", originIcao: "MUHA", destinationIcao: "SVMI", weekdays: "2", departureUtc: "14:30", arrivalUtc: "18:00", validFrom: "2024-06-01", validTo: "2024-10-31", operator: "CUB", ...e,
  });

  it("names the callsign and explains the nearest candidates", () => {
    const flag = only(flags(track, IL96, { schedules: [entry({ weekdays: "1357" }), entry({ departureUtc: "09:00" })] }), "UNSCHEDULED");
    const d = describeFlag(flag);
    expect(d.label).toBe("unscheduled");
    expect(d.sentence).toBe("No published schedule matches CUB1250 on this route and day");
    const nearest = d.details.filter((l) => l.startsWith("Nearest: "));
    expect(nearest).toHaveLength(2);
    expect(nearest.join("\n")).toContain("CUB1250 MUHA → SVMI on Mon, Wed, Fri, Sun departing 14:30 UTC valid 2024-06-01 … 2024-10-31: ");
    expect(nearest.join("\n")).toContain("Tue 2024-08-06 is not one of its days 1357");
    expect(d.details).toContain("Checked because the flight is already flagged: type of interest, cuba venezuela");
    expect(d.details).toContain("Thresholds: departure within ±90 min of the scheduled time; 2 schedule entries checked");
  });

  it("says when no entry has the callsign, and when there is no callsign", () => {
    expect(describeFlag(only(flags(track, IL96), "UNSCHEDULED")).sentence).toBe("No published schedule matches CUB1250 on this route and day: no entry has this callsign or operator");
    const silent = fly({ from: MUHA, to: SVMI, groundEnds: true, callsign: null });
    expect(describeFlag(only(flags(silent, IL96, { schedules: [entry({})] }), "UNSCHEDULED")).sentence).toBe("No callsign was broadcast, so no published schedule can match it");
  });
});

describe("describeFlag: TYPE_OF_INTEREST", () => {
  const track = fly({ from: MUHA, to: airport("MKJP"), groundEnds: true });

  it("names the type, registration and operator, and why it is watched", () => {
    const d = describeFlag(only(flags(track, IL96), "TYPE_OF_INTEREST"));
    expect(d.label).toBe("type of interest");
    expect(d.sentence).toBe("Il-96 (IL96) CU-T1250, operator Cubana: type on the watchlist");
    expect(d.details).toContain("Identity from plane-alert-db for address 0b04e2");
    expect(d.details).toContain("Address block: Cuba");
    const il76: AircraftRef = { icao24: "1500ae", registration: "RA-78854", typecode: "IL76", operator: "Russian Air Force", tags: [], identitySource: "opensky" };
    expect(describeFlag(only(flags(track, il76), "TYPE_OF_INTEREST")).sentence).toBe("Il-76 (IL76) RA-78854, operator Russian Air Force: type on the watchlist");
  });

  it("adds the identity warning when address block and registration disagree", () => {
    const d = describeFlag(only(flags(track, { ...IL96, icao24: "0d80ae" }), "TYPE_OF_INTEREST"));
    expect(d.sentence).toBe(
      "Il-96 (IL96) CU-T1250, operator Cubana: type on the watchlist. Identity warning: address 0d80ae is in Venezuela's block but registration CU-T1250 is registered in Cuba",
    );
  });

  it("words a watched address or tag of an unnamed type", () => {
    const b738: AircraftRef = { icao24: "a12345", registration: "N12345", typecode: "B738", operator: null, tags: ["Dictator Alert"], identitySource: "opensky" };
    const d = describeFlag(only(flags(track, b738, { watchlist: { typecodes: [], icao24s: ["a12345"], tags: ["dictator alert"] } }), "TYPE_OF_INTEREST"));
    expect(d.sentence).toBe('B738 N12345: aircraft address on the watchlist; tagged "Dictator Alert"');
  });
});

describe("describeFlag: ZONE_AVOIDANCE", () => {
  it("says which zone, how far the direct route runs through it and how far the track stayed away", () => {
    const flag = only(flags(flyRoute([MUHA, ...DETOUR_WEST, SVMI], { groundEnds: true }), IL96), "ZONE_AVOIDANCE");
    const d = describeFlag(flag);
    expect(d.label).toBe("zone avoidance");
    expect(d.sentence).toMatch(/^Stayed outside Curaçao FIR \(TNCF\) although the direct route MUHA → SVMI crosses it for [\d,]+ km: up to \d+ km west of the direct route, \d\.\d % longer$/);
    expect(d.sentence).toContain(`${flag.evidence.greatCircleInsideZoneKm} km`);
    expect(d.details).toContain("FIRs flown: MUFH → MKJK → SKEC → SVZM");
    expect(d.details).toContain("FIRs along the direct route: MUFH → MKJK → TNCF → SVZM");
    expect(d.details).toContain("Thresholds: the direct route runs 50+ km through the zone; the track covers 60 %+ of the route; sampled every 10 km");
  });
});

describe("describeFlag: any kind", () => {
  it("falls back to the detector's summary for evidence it cannot read", () => {
    const old: FlagRecord = { id: "1", kind: "ZONE_AVOIDANCE", windowStartMs: T0, windowEndMs: T0, evidence: { summary: "avoided TNCF" }, ruleVersion: "zone-avoidance@0", config: {} };
    expect(describeFlag(old)).toEqual({ label: "zone avoidance", sentence: "avoided TNCF", details: ["Rule version zone-avoidance@0"] });
  });

  it("never writes markup", () => {
    const route = flyRoute([MUHA, ...DETOUR_WEST, SVMI], { groundEnds: true, callsign: "CUB1250" });
    const all = flags(route.filter((_, i) => i < 100 || i > 200), IL96);
    expect(all.map((f) => f.kind).sort()).toEqual(["CUBA_VENEZUELA", "TRANSPONDER_GAP", "TYPE_OF_INTEREST", "UNSCHEDULED", "ZONE_AVOIDANCE"]);
    for (const f of all) {
      const d = describeFlag(f);
      for (const line of [d.label, d.sentence, ...d.details]) expect(line).not.toMatch(/<\/?[a-z]|&[a-z]+;/i);
    }
  });
});
