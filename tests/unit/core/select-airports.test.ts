import { describe, expect, it } from "vitest";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { mergeReferenceAirports } from "@/lib/core/reference/merge-reference-airports";
import { selectAirports, type AirportCandidate } from "@/lib/core/reference/select-airports";

const candidate = (over: Partial<AirportCandidate>): AirportCandidate => ({
  ident: "KAAA", type: "medium_airport", icao: "KAAA", iata: null, name: "A", country: "US",
  latDeg: 40, lonDeg: -100, elevationFt: 1000, scheduledService: false, ...over,
});

describe("selectAirports", () => {
  it("keeps large and medium airports and scheduled small ones, never heliports, seaplane bases or closed fields", () => {
    const { airports, skipped } = selectAirports([
      candidate({ ident: "KLRG", icao: "KLRG", type: "large_airport" }),
      candidate({ ident: "KMED", icao: "KMED", type: "medium_airport" }),
      candidate({ ident: "KSCH", icao: "KSCH", type: "small_airport", scheduledService: true }),
      candidate({ ident: "KSTR", icao: "KSTR", type: "small_airport" }),
      candidate({ ident: "KHEL", icao: "KHEL", type: "heliport", scheduledService: true }),
      candidate({ ident: "KSEA", icao: "KSEA", type: "seaplane_base" }),
      candidate({ ident: "KCLO", icao: "KCLO", type: "closed" }),
      candidate({ ident: "AZ-0013", icao: null, type: "large_airport" }),
    ]);
    expect(airports.map((a) => [a.icao, a.kind])).toEqual([["KLRG", "large"], ["KMED", "medium"], ["KSCH", "small"]]);
    expect(skipped).toEqual({ notAnAirport: 3, smallUnscheduled: 1, noIcaoCode: 1, curated: 0, duplicate: 0 });
  });

  it("takes every small airport on request, and leaves curated codes alone", () => {
    const { airports, skipped } = selectAirports(
      [candidate({ ident: "KSTR", icao: "KSTR", type: "small_airport" }), candidate({ ident: "MUHA", icao: "MUHA", type: "large_airport" })],
      { allSmall: true, keep: new Set(["MUHA"]) },
    );
    expect(airports.map((a) => a.icao)).toEqual(["KSTR"]);
    expect(skipped.curated).toBe(1);
  });

  it("gives a code claimed twice to the larger airport, then to the row whose ident is the code, whatever the order", () => {
    const own = candidate({ ident: "KGEG", icao: "KGEG", name: "own", type: "medium_airport" });
    const other = candidate({ ident: "5A8", icao: "KGEG", name: "other", type: "medium_airport" });
    const larger = candidate({ ident: "X1", icao: "KGEG", name: "larger", type: "large_airport" });
    expect(selectAirports([own, other]).airports[0]?.name).toBe("own");
    expect(selectAirports([other, own]).airports[0]?.name).toBe("own");
    expect(selectAirports([own, larger, other]).airports[0]?.name).toBe("larger");
    expect(selectAirports([own, larger, other]).skipped.duplicate).toBe(2);
  });
});

describe("mergeReferenceAirports", () => {
  it("keeps every curated Caribbean fact and adds the rest of the world", () => {
    const worldwide = [
      { icao: "MUHA", iata: "HAV", name: "Other name", country: "CU", latDeg: 23.5, lonDeg: -82, elevationFt: 999, kind: "large" as const },
      { icao: "KMSP", iata: "MSP", name: "Minneapolis", country: "US", latDeg: 44.882, lonDeg: -93.221802, elevationFt: 841, kind: "large" as const },
    ];
    const merged = mergeReferenceAirports(REFERENCE_AIRPORTS, worldwide);
    expect(merged).toHaveLength(REFERENCE_AIRPORTS.length + 1);
    const curatedMuha = REFERENCE_AIRPORTS.find((a) => a.icao === "MUHA")!;
    expect(merged.find((a) => a.icao === "MUHA")).toEqual({ ...curatedMuha, kind: "large" });
    expect(merged.find((a) => a.icao === "KMSP")?.kind).toBe("large");
    for (const a of REFERENCE_AIRPORTS) expect(merged.find((m) => m.icao === a.icao)).toMatchObject({ ...a, elevationFt: a.elevationFt ?? null });
    expect(merged.map((a) => a.icao)).toEqual(merged.map((a) => a.icao).sort());
  });
});
