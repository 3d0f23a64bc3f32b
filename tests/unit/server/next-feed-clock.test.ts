import { describe, expect, it } from "vitest";
import { CLOCK_STEP_BACK_MS, nextFeedClockMs } from "@/lib/server/live/commit-live-batch";

const t = Date.parse("2024-07-29T17:18:40Z");

describe("nextFeedClockMs: a feed's clock after a batch", () => {
  it("starts at the batch's newest position", () => {
    expect(nextFeedClockMs(null, t)).toBe(t);
    expect(nextFeedClockMs(undefined, t)).toBe(t);
  });

  it("moves on with newer batches", () => {
    expect(nextFeedClockMs(t, t + 2_000)).toBe(t + 2_000);
  });

  it("does not go back for a batch a little behind (stragglers): what it graded stays graded", () => {
    expect(nextFeedClockMs(t, t - 2_000)).toBe(t);
    expect(nextFeedClockMs(t, t - CLOCK_STEP_BACK_MS)).toBe(t);
  });

  it("follows a feed that went back for real (a replay started again, a receiver's clock stepped back)", () => {
    expect(nextFeedClockMs(t, t - CLOCK_STEP_BACK_MS - 1)).toBe(t - CLOCK_STEP_BACK_MS - 1);
    expect(nextFeedClockMs(t, t - 24 * 3_600_000)).toBe(t - 24 * 3_600_000);
  });
});
