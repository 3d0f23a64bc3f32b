import { describe, expect, it } from "vitest";
import { flagLabel, flagTag } from "@/lib/core/format/flag-label";
import { formatCount } from "@/lib/core/format/format-count";
import { formatScore } from "@/lib/core/format/format-score";

describe("flagLabel", () => {
  it("calls a gap a suspected switch-off only when the coverage model suspected it", () => {
    expect(flagLabel({ kind: "TRANSPONDER_GAP", suspected: true })).toBe("suspected switch-off");
    expect(flagLabel({ kind: "TRANSPONDER_GAP", suspected: false })).toBe("gap");
    expect(flagLabel({ kind: "TRANSPONDER_GAP" })).toBe("gap");
  });

  it("words the other kinds plainly", () => {
    expect(flagLabel({ kind: "ZONE_AVOIDANCE" })).toBe("zone avoidance");
    expect(flagLabel({ kind: "TYPE_OF_INTEREST" })).toBe("type of interest");
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(221650)).toBe("221,650");
    expect(formatCount(0)).toBe("0");
  });
});

describe("flagTag", () => {
  it("says gap or suspected switch-off for transponder gaps, the kind's title otherwise", () => {
    expect(flagTag("TRANSPONDER_GAP", false)).toBe("gap");
    expect(flagTag("TRANSPONDER_GAP", undefined)).toBe("gap");
    expect(flagTag("TRANSPONDER_GAP", true)).toBe("suspected switch-off");
    expect(flagTag("ZONE_AVOIDANCE", true)).toBe("Detour around a watched zone");
  });
});

describe("formatScore", () => {
  it("rounds down, so only the top score reads 1.00", () => {
    expect(formatScore(0.999)).toBe("0.99");
    expect(formatScore(1)).toBe("1.00");
    expect(formatScore(0.58)).toBe("0.58");
    expect(formatScore(0)).toBe("0.00");
  });
});
