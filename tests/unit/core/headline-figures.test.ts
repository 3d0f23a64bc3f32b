import { describe, expect, it } from "vitest";
import type { FlagKind } from "@/lib/core/model/finding";
import { headlineFigures, type FindingGroup, type GapGroup } from "@/lib/core/findings/headline-figures";

/** The overview's headline numbers, counted from hand-built groups of findings whose answers are known. */
function group(kinds: FlagKind[], typecode: string | null, flights = 1): FindingGroup {
  return { firstSeenMs: Date.UTC(2024, 7, 6), typecode, kinds, flights };
}
const gaps = (suspected: boolean, n: number): GapGroup => ({ durationS: 1800, suspected, gaps: n });

describe("headline figures", () => {
  it("is all zeros for no findings", () => {
    expect(headlineFigures([], [])).toEqual({
      flaggedFlights: 0,
      cubaVenezuelaByType: [],
      cubaVenezuelaFlights: 0,
      suspectedSwitchOffs: 0,
      gapsWithoutEvidence: 0,
      detours: 0,
    });
  });

  it("counts flagged flights, Cuba–Venezuela flights by type, suspected and unsuspected gaps, and detours, each group by its size", () => {
    const flights = [
      group(["CUBA_VENEZUELA", "TRANSPONDER_GAP", "TYPE_OF_INTEREST"], "IL96"),
      group(["CUBA_VENEZUELA"], "il96", 2), // lower case in the registry: same type
      group(["CUBA_VENEZUELA", "ZONE_AVOIDANCE"], "A343"),
      group(["CUBA_VENEZUELA"], null, 2),
      group(["CUBA_VENEZUELA"], ""),
      group(["ZONE_AVOIDANCE"], null, 3),
      group(["UNSCHEDULED"], "B738"),
      group([], null, 4), // flights without flags are not flagged flights
    ];
    expect(headlineFigures(flights, [gaps(true, 3), gaps(false, 4), gaps(true, 2)])).toEqual({
      flaggedFlights: 11,
      cubaVenezuelaByType: [
        { typecode: "IL96", flights: 3 },
        { typecode: "unknown", flights: 3 },
        { typecode: "A343", flights: 1 },
      ],
      cubaVenezuelaFlights: 7,
      suspectedSwitchOffs: 5,
      gapsWithoutEvidence: 4,
      detours: 4,
    });
  });

  it("orders types by flights, most first, then by name", () => {
    const figures = headlineFigures(
      [group(["CUBA_VENEZUELA"], "IL96"), group(["CUBA_VENEZUELA"], "A343"), group(["CUBA_VENEZUELA"], "B752"), group(["CUBA_VENEZUELA"], "B752")],
      [],
    );
    expect(figures.cubaVenezuelaByType.map((t) => t.typecode)).toEqual(["B752", "A343", "IL96"]);
    expect(figures.cubaVenezuelaByType.reduce((n, t) => n + t.flights, 0)).toBe(figures.cubaVenezuelaFlights);
  });
});
