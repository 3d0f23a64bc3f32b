import { describe, expect, it } from "vitest";
import {
  describeAlert,
  describeAlertAircraft,
  describeCubaVenezuelaAlert,
  describeDarkAlert,
  describeDetourAlert,
  describeSeenAlert,
  describeSpoofingAlert,
  type DarkAlertInput,
} from "@/lib/core/alerts/describe-alert";

const cubana = { icao24: "0b04e2", registration: "CU-T1250", typecode: "IL96", callsign: "CUB1234 " };
const offTimeMs = Date.UTC(2024, 7, 1, 20, 14);
const dark: DarkAlertInput = {
  ...cubana,
  suspected: true,
  offAltitudeFt: 33_000,
  offLatDeg: 15.2,
  offLonDeg: -72.4,
  offTimeMs,
  nowMs: offTimeMs + 6 * 60_000 + 30_000,
  expectedPositions: 140.4,
  witnessCount: 5,
  placeName: "the Caribbean Sea",
};

describe("describeAlertAircraft", () => {
  it("names the registration, then type and trimmed callsign", () => {
    expect(describeAlertAircraft(cubana)).toBe("CU-T1250 (IL96, callsign CUB1234)");
  });

  it("falls back to the address, and leaves out unknowns and a callsign that only repeats the registration", () => {
    expect(describeAlertAircraft({ icao24: "0b04e2", registration: null, typecode: null, callsign: "  " })).toBe("aircraft 0b04e2");
    expect(describeAlertAircraft({ icao24: "0b04e2", registration: "CU-T1250", typecode: null, callsign: "CUT1250" })).toBe("CU-T1250");
  });
});

describe("describeDarkAlert", () => {
  it("words a suspected switch-off with the map's expectation and the aircraft received nearby", () => {
    expect(describeDarkAlert(dark)).toBe(
      "CU-T1250 (IL96, callsign CUB1234) went silent at FL330 over the Caribbean Sea 6 min ago (20:14 UTC); " +
        "the reception map expected about 140 positions there since and 5 other aircraft are being received nearby: suspected transponder switch-off.",
    );
  });

  it("never says switch-off for a silence graded only as a gap", () => {
    const s = describeDarkAlert({ ...dark, suspected: false });
    expect(s).toContain("a gap, not a suspected switch-off");
    expect(s).not.toMatch(/went silent|switched off|transponder switch-off|being received nearby/);
    expect(s).toContain("has not been received since 20:14 UTC (6 min ago), last at FL330 over the Caribbean Sea");
  });

  it("says the transponder stayed on when only ADS-B stopped", () => {
    const s = describeDarkAlert({ ...dark, partial: true, witnessCount: 12 });
    expect(s).toContain("stopped sending ADS-B positions at FL330");
    expect(s).toContain("12 MLAT / Mode S positions of the same aircraft have arrived since");
    expect(s).toContain("its transponder stayed on");
    expect(s).not.toContain("transponder switch-off");
  });

  it("uses singulars, and says so when nobody else flew there", () => {
    expect(describeDarkAlert({ ...dark, witnessCount: 1, expectedPositions: 1 })).toContain("about 1 position there since and 1 other aircraft is being received nearby");
    expect(describeDarkAlert({ ...dark, witnessCount: 0 })).toContain("no other aircraft has flown there since to compare");
  });

  it("gives coordinates without a place name, feet below the transition altitude and words for an unknown altitude", () => {
    expect(describeDarkAlert({ ...dark, placeName: null, offAltitudeFt: 12_500 })).toContain("went silent at 12,500 ft near 15.20°N 72.40°W");
    expect(describeDarkAlert({ ...dark, offAltitudeFt: null })).toContain("went silent at an unknown altitude over");
  });

  it("says 'just now' under a minute, hours past an hour, and the date when the off time was another UTC day", () => {
    expect(describeDarkAlert({ ...dark, nowMs: offTimeMs + 20_000 })).toContain("just now (20:14 UTC)");
    expect(describeDarkAlert({ ...dark, nowMs: offTimeMs - 5_000 })).toContain("just now");
    expect(describeDarkAlert({ ...dark, nowMs: offTimeMs + 75 * 60_000 })).toContain("1 h 15 min ago (20:14 UTC)");
    expect(describeDarkAlert({ ...dark, nowMs: offTimeMs + 4 * 3_600_000 })).toContain("4 h ago (2024-08-01 20:14 UTC)");
  });
});

describe("the other rules", () => {
  it("seen: where, when and which watchlist entries matched", () => {
    const seen = { ...cubana, latDeg: 15.2, lonDeg: -72.4, placeName: "the Caribbean Sea", altitudeFt: 33_000, atMs: offTimeMs };
    expect(describeSeenAlert({ ...seen, watchedBy: [{ kind: "TYPECODE", value: "IL96" }] })).toBe(
      "CU-T1250 (IL96, callsign CUB1234) seen at FL330 over the Caribbean Sea at 20:14 UTC: type IL96 is on the watchlist.",
    );
    const two = describeSeenAlert({ ...seen, placeName: undefined, watchedBy: [{ kind: "ICAO24", value: "0b04e2" }, { kind: "TAG", value: "state" }] });
    expect(two).toContain("near 15.20°N 72.40°W");
    expect(two).toContain("address 0b04e2, tag “state” are on the watchlist");
  });

  it("cuba-venezuela: both ends and the schedule verdict", () => {
    const base = { ...cubana, origin: { name: "José Martí", icao: "MUHA" }, destination: { name: null, icao: "SVMI" } };
    expect(describeCubaVenezuelaAlert({ ...base, scheduled: false })).toBe(
      "CU-T1250 (IL96, callsign CUB1234) is flying José Martí (MUHA) → SVMI, a new Cuba–Venezuela flight; no published schedule matches it.",
    );
    expect(describeCubaVenezuelaAlert({ ...base, scheduled: true })).toContain("it matches a published schedule");
    expect(describeCubaVenezuelaAlert({ ...base, destination: { name: " ", icao: null }, scheduled: null })).toContain("→ an unknown airport, a new Cuba–Venezuela flight; schedules not checked.");
  });

  it("detour: the zone, and the offset only when known", () => {
    expect(describeDetourAlert({ ...cubana, zoneName: "Maiquetía FIR", crossTrackOffsetKm: 118.6 })).toBe(
      "CU-T1250 (IL96, callsign CUB1234) is flying around Maiquetía FIR, a watched zone its direct route crosses, up to 119 km off that route.",
    );
    expect(describeDetourAlert({ ...cubana, zoneName: "Maiquetía FIR", crossTrackOffsetKm: null })).not.toContain("km");
  });

  it("spoofing: what the positions did and for how long, never called a silence", () => {
    expect(describeSpoofingAlert({ ...cubana, stretchKind: "frozen", durationS: 720 })).toBe(
      "CU-T1250 (IL96, callsign CUB1234): for 12 min its reported position froze while it flew on: suspected position spoofing or a corrupt feed, not a silence.",
    );
    expect(describeSpoofingAlert({ ...cubana, stretchKind: "Teleported", durationS: 300 })).toContain("jumped farther than any aircraft flies");
    expect(describeSpoofingAlert({ ...cubana, stretchKind: "circling", durationS: 300 })).toContain("its reported positions were circling");
  });

  it("describeAlert dispatches on the rule", () => {
    expect(describeAlert({ rule: "dark", ...dark })).toBe(describeDarkAlert(dark));
    expect(describeAlert({ rule: "detour", ...cubana, zoneName: "Z", crossTrackOffsetKm: null })).toContain("around Z");
    expect(describeAlert({ rule: "spoofing", ...cubana, stretchKind: "stationary", durationS: 60 })).toContain("hung still at altitude");
  });
});
