import { describe, expect, it } from "vitest";
import { ALTITUDE_BANDS, altitudeBand } from "@/lib/core/map/altitude-band";
import { formatUtcIso } from "@/lib/core/format/format-utc";
import { gapDurationMin, gapMarkerLabel } from "@/lib/core/map/gap-marker-label";

describe("altitudeBand", () => {
  it("puts each altitude in its 10,000 ft band, lower bound inclusive", () => {
    expect(altitudeBand(0).id).toBe("low");
    expect(altitudeBand(9_999).id).toBe("low");
    expect(altitudeBand(10_000).id).toBe("mid");
    expect(altitudeBand(19_999).id).toBe("mid");
    expect(altitudeBand(20_000).id).toBe("high");
    expect(altitudeBand(30_000).id).toBe("cruise");
    expect(altitudeBand(43_000).id).toBe("cruise");
  });

  it("never reads a missing altitude as the ground", () => {
    expect(altitudeBand(null).id).toBe("unknown");
    expect(altitudeBand(Number.NaN).id).toBe("unknown");
    expect(altitudeBand(-300).id).toBe("low"); // a field below sea level or a low-pressure day
  });

  it("gives every band a distinct colour and a label with units", () => {
    expect(new Set(ALTITUDE_BANDS.map((b) => b.colour)).size).toBe(ALTITUDE_BANDS.length);
    for (const b of ALTITUDE_BANDS.filter((b) => b.id !== "unknown")) expect(b.label).toMatch(/ft/);
    expect(ALTITUDE_BANDS.map((b) => b.id)).toEqual(["low", "mid", "high", "cruise", "unknown"]);
  });
});

describe("map tooltip text", () => {
  it("formats instants as ISO UTC to the second", () => {
    expect(formatUtcIso(Date.UTC(2024, 2, 1, 12, 34, 56, 789))).toBe("2024-03-01T12:34:56Z");
    expect(formatUtcIso(Number.NaN)).toBe("unknown time");
  });

  it("rounds gap lengths to whole minutes, at least one", () => {
    expect(gapDurationMin(2_820)).toBe(47);
    expect(gapDurationMin(40)).toBe(1);
    expect(gapDurationMin(0)).toBe(0);
  });

  it("says 'suspected switch-off' only when the coverage model suspected one", () => {
    const t = Date.UTC(2024, 7, 6, 14, 0);
    const suspected = gapMarkerLabel("off", { timeMs: t, altitudeFt: 35_000, durationS: 2_820, suspected: true, open: false });
    expect(suspected).toBe("ADS-B lost 2024-08-06T14:00:00Z · 35,000 ft · suspected switch-off of 47 min");
    const plain = gapMarkerLabel("on", { timeMs: t, altitudeFt: null, durationS: 600, suspected: false, open: false });
    expect(plain).toBe("ADS-B back 2024-08-06T14:00:00Z · altitude unknown · after gap of 10 min");
    expect(plain).not.toMatch(/switch-off/);
  });

  it("describes an open gap as the end of the track", () => {
    const label = gapMarkerLabel("off", { timeMs: 0, altitudeFt: 31_000, durationS: 3_600, suspected: false, open: true });
    expect(label).toContain("the track ends here (open gap, 60 min until next received or the end of the data)");
  });
});
