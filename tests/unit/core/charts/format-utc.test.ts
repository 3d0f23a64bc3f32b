import { describe, expect, it } from "vitest";
import { formatUtcDateTime, formatUtcHhMm } from "@/lib/core/format/format-utc";

describe("format-utc", () => {
  it("formats in UTC whatever the local zone", () => {
    const t = Date.UTC(2024, 7, 6, 4, 5, 9);
    expect(formatUtcHhMm(t)).toBe("04:05");
    expect(formatUtcDateTime(t)).toBe("2024-08-06 04:05:09 UTC");
  });
});
