import { describe, expect, it } from "vitest";
import { recentWindows } from "@/lib/server/live/stream-clocks";

const HOUR_MS = 3_600_000;
const t = Date.parse("2026-12-07T12:00:00Z");

describe("recentWindows: where flights heard lately by some clock end", () => {
  it("joins the stretches of clocks close together into one", () => {
    const clocks = { dataEndMs: t, feedClocksMs: new Map([["sbs1://roof:30003", t - 60_000], ["sbs1://replay:30003", t]]) };
    expect(recentWindows(clocks, 6 * HOUR_MS)).toEqual([{ fromMs: t - 6 * HOUR_MS - 60_000, toMs: t }]);
  });

  it("keeps a stretch per clock far apart (a 2024 recording replayed beside a real-time feed), oldest first", () => {
    const replayMs = Date.parse("2024-07-29T17:00:00Z");
    const clocks = { dataEndMs: t, feedClocksMs: new Map([["sbs1://replay:30003", replayMs], ["sbs1://roof:30003", t - 1_000]]) };
    expect(recentWindows(clocks, 6 * HOUR_MS)).toEqual([
      { fromMs: replayMs - 6 * HOUR_MS, toMs: replayMs },
      { fromMs: t - 1_000 - 6 * HOUR_MS, toMs: t },
    ]);
  });

  it("is the end of the data alone without a running feed", () => {
    expect(recentWindows({ dataEndMs: t, feedClocksMs: new Map() }, HOUR_MS)).toEqual([{ fromMs: t - HOUR_MS, toMs: t }]);
  });
});
