import { describe, expect, it } from "vitest";
import { detectAircraft, DETECTOR_VERSION } from "@/lib/core/detection/detect-aircraft";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { DETECTORS } from "@/lib/core/detection/registry";
import { FLAG_KINDS } from "@/lib/core/model/finding";
import type { AircraftRef } from "@/lib/core/model/aircraft-ref";
import { tracksReception } from "./reception-lookups";
import { airport, DETOUR_WEST, fly, flyRoute, T0 } from "./track-factory";

const IL96: AircraftRef = { icao24: "0b04e2", registration: "CU-T1250", typecode: "IL96", operator: "Cubana", tags: [], identitySource: "plane-alert-db" };

describe("detectAircraft", () => {
  const MUHA = airport("MUHA");
  const SVMI = airport("SVMI");
  // The report's case: Cubana Il-96, Havana → Caracas west of Curaçao, then back with the transponder off mid-way.
  const out = flyRoute([MUHA, ...DETOUR_WEST, SVMI], { groundEnds: true, callsign: "CUB1250" });
  const backStart = out[out.length - 1]!.timeMs + 2 * 3600_000;
  const back = fly({ from: SVMI, to: MUHA, groundEnds: true, startMs: backStart, silences: [[0.3, 0.6]], callsign: "CUB1251" });
  const others = [
    { icao24: "aaa001", points: fly({ from: SVMI, to: MUHA, startMs: backStart + 10 * 60_000, sampleS: 30 }) },
    { icao24: "aaa002", points: fly({ from: MUHA, to: SVMI, startMs: backStart + 15 * 60_000, sampleS: 30 }) },
  ];
  const points = [...out, ...back];
  const context = createDetectionContext({ dataEndMs: back[back.length - 1]!.timeMs, reception: tracksReception([{ icao24: "0b04e2", points }, ...others]) });
  const flights = detectAircraft({ icao24: "0B04E2", points, aircraft: IL96 }, context);

  it("finds both legs with the report's pattern and ranks them at the top", () => {
    expect(flights).toHaveLength(2);
    const [there, again] = flights;
    expect(there!.origin.airportIcao).toBe("MUHA");
    expect(there!.destination.airportIcao).toBe("SVMI");
    expect(there!.findings.map((f) => f.kind).sort()).toEqual(["CUBA_VENEZUELA", "TYPE_OF_INTEREST", "UNSCHEDULED", "ZONE_AVOIDANCE"]);
    expect(again!.findings.some((f) => f.kind === "TRANSPONDER_GAP" && f.evidence.suspected === true)).toBe(true);
    for (const f of flights) {
      expect(f.score).toBeGreaterThanOrEqual(0.75);
      expect(f.icao24).toBe("0b04e2");
      expect(f.firSequence.length).toBeGreaterThan(2);
      expect(f.distanceKm).toBeGreaterThan(2000);
      expect(f.maxAltitudeFt).toBe(35000);
      expect(f.lastSeenMs).toBeGreaterThan(f.firstSeenMs);
    }
    expect(there!.callsign).toBe("CUB1250");
    expect(there!.firstSeenMs).toBe(T0);
  });

  it("is deterministic", () => {
    expect(detectAircraft({ icao24: "0b04e2", points, aircraft: IL96 }, context)).toEqual(flights);
  });

  it("versions every detector in one string", () => {
    expect(DETECTORS.map((d) => d.kind)).toEqual([...FLAG_KINDS]);
    expect(DETECTOR_VERSION).toMatch(/^core@\d+;type-of-interest@1,cuba-venezuela@1,unscheduled@1,transponder-gap@3,zone-avoidance@1,position-spoofing@\d+$/);
    for (const f of flights.flatMap((x) => x.findings)) expect(f.ruleVersion).toMatch(/^[a-z-]+@\d+$/);
  });

  it("returns nothing for an empty track", () => {
    expect(detectAircraft({ icao24: "0b04e2", points: [], aircraft: null }, context)).toEqual([]);
  });
});

describe("an open gap at the end of a flight", () => {
  const MUHA = airport("MUHA");
  const SVMI = airport("SVMI");
  // Leaves coverage at altitude half-way, is next received 4 h later on another flight; the data runs 3 days more.
  const first = fly({ from: MUHA, to: SVMI, groundEnds: true, keep: [0, 0.5], callsign: "CUB1250" });
  const nextStartMs = first[first.length - 1]!.timeMs + 4 * 3600_000;
  const second = fly({ from: SVMI, to: MUHA, groundEnds: true, startMs: nextStartMs, callsign: "CUB1251" });
  const points = [...first, ...second];
  const dataEndMs = nextStartMs + 3 * 86_400_000;
  const flights = detectAircraft({ icao24: "0b04e2", points, aircraft: IL96 }, createDetectionContext({ dataEndMs, reception: tracksReception([{ icao24: "0b04e2", points }]) }));

  it("lasts until the aircraft's next flight starts, not until the end of the data", () => {
    expect(flights).toHaveLength(2);
    const open = flights[0]!.gaps.find((g) => g.open);
    expect(open).toBeDefined();
    expect(open!.durationS).toBe((nextStartMs - first[first.length - 1]!.timeMs) / 1000);
  });

  it("lasts at most maxOpenS (6 h) when the next flight is later", () => {
    const later = fly({ from: SVMI, to: MUHA, groundEnds: true, startMs: first[first.length - 1]!.timeMs + 10 * 3600_000, callsign: "CUB1251" });
    const [flight] = detectAircraft({ icao24: "0b04e2", points: [...first, ...later], aircraft: IL96 }, createDetectionContext({ dataEndMs, reception: null }));
    expect(flight!.gaps.find((g) => g.open)!.durationS).toBe(6 * 3600);
  });
});
