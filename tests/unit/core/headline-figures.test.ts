import { describe, expect, it } from "vitest";
import type { FlagKind } from "@/lib/core/model/finding";
import type { AircraftRecord, FlagRecord, FlightRecord, GapRecord } from "@/lib/core/flight-record";
import { headlineFigures } from "@/lib/core/findings/headline-figures";

/** The overview's headline numbers, counted from hand-built findings whose answers are known. */
type Finding = Pick<FlightRecord, "flags" | "gaps" | "aircraft">;

function flag(kind: FlagKind, n = 0): FlagRecord {
  return { id: String(n), kind, windowStartMs: 0, windowEndMs: 60_000, evidence: { summary: kind }, ruleVersion: "1", config: {} };
}

function gap(suspected: boolean): GapRecord {
  return {
    offTimeMs: 0, offLatDeg: 20, offLonDeg: -75, offAltitudeFt: 35000, offSpeedKt: 450,
    onTimeMs: 1_800_000, onLatDeg: 18, onLonDeg: -72, onAltitudeFt: 35000, onSpeedKt: 450,
    durationS: 1800, distanceKm: 380, impliedSpeedKt: 410, open: false, partial: false,
    suspected, confidence: suspected ? 0.8 : 0, witnessCount: suspected ? 9 : 0,
  };
}

function aircraft(typecode: string | null): AircraftRecord {
  return { registration: null, typecode, model: null, operator: null, blockCountry: null, tags: [], identitySource: null };
}

function finding(kinds: FlagKind[], options: { typecode?: string | null; gaps?: boolean[]; noAircraft?: boolean } = {}): Finding {
  return {
    flags: kinds.map((k, i) => flag(k, i)),
    gaps: (options.gaps ?? []).map(gap),
    aircraft: options.noAircraft ? null : aircraft(options.typecode ?? null),
  };
}

describe("headline figures", () => {
  it("is all zeros for no findings", () => {
    expect(headlineFigures([])).toEqual({
      flaggedFlights: 0,
      cubaVenezuelaByType: [],
      cubaVenezuelaFlights: 0,
      suspectedSwitchOffs: 0,
      gapsWithoutEvidence: 0,
      detours: 0,
    });
  });

  it("counts flagged flights, Cuba–Venezuela flights by type, suspected and unsuspected gaps, and detours", () => {
    const findings: Finding[] = [
      finding(["CUBA_VENEZUELA", "TYPE_OF_INTEREST", "TRANSPONDER_GAP"], { typecode: "IL96", gaps: [true, false] }),
      finding(["CUBA_VENEZUELA"], { typecode: "il96" }), // lower case in the registry: same type
      finding(["CUBA_VENEZUELA", "ZONE_AVOIDANCE"], { typecode: "A343", gaps: [true] }),
      finding(["CUBA_VENEZUELA"], { typecode: null }),
      finding(["CUBA_VENEZUELA"], { noAircraft: true }),
      finding(["CUBA_VENEZUELA"], { typecode: "" }),
      finding(["ZONE_AVOIDANCE", "ZONE_AVOIDANCE"], { gaps: [false, false, false] }), // two flags, one detour
      finding(["UNSCHEDULED"], { typecode: "B738" }),
      finding([], { gaps: [true] }), // a flight without flags is not a flagged flight
    ];
    expect(headlineFigures(findings)).toEqual({
      flaggedFlights: 8,
      cubaVenezuelaByType: [
        { typecode: "unknown", flights: 3 },
        { typecode: "IL96", flights: 2 },
        { typecode: "A343", flights: 1 },
      ],
      cubaVenezuelaFlights: 6,
      suspectedSwitchOffs: 3,
      gapsWithoutEvidence: 4,
      detours: 2,
    });
  });

  it("counts a flight with several Cuba–Venezuela flags once", () => {
    const figures = headlineFigures([finding(["CUBA_VENEZUELA", "CUBA_VENEZUELA"], { typecode: "IL76" })]);
    expect(figures.cubaVenezuelaFlights).toBe(1);
    expect(figures.cubaVenezuelaByType).toEqual([{ typecode: "IL76", flights: 1 }]);
  });

  it("orders types by flights, most first, then by name", () => {
    const figures = headlineFigures([
      finding(["CUBA_VENEZUELA"], { typecode: "IL96" }),
      finding(["CUBA_VENEZUELA"], { typecode: "A343" }),
      finding(["CUBA_VENEZUELA"], { typecode: "B752" }),
      finding(["CUBA_VENEZUELA"], { typecode: "B752" }),
    ]);
    expect(figures.cubaVenezuelaByType.map((t) => t.typecode)).toEqual(["B752", "A343", "IL96"]);
    expect(figures.cubaVenezuelaByType.reduce((n, t) => n + t.flights, 0)).toBe(figures.cubaVenezuelaFlights);
  });
});
