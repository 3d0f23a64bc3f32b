import { describe, expect, it } from "vitest";
import { parseSeenVersion, refuseStaleChange } from "@/lib/core/review/seen-review";

const STALE_NEW = "changed since your page was loaded: it is now new; reload to see who changed it";

describe("refuseStaleChange", () => {
  it("refuses a page whose version is behind, though the status it showed is back", () => {
    expect(refuseStaleChange({ status: "NEW", version: 2 }, { status: "NEW", version: 0 })).toBe(STALE_NEW);
    expect(refuseStaleChange({ status: "NEW", version: 2 }, { version: 0 })).toBe(STALE_NEW);
  });

  it("refuses a page whose status differs (an old page that sends no version)", () => {
    expect(refuseStaleChange({ status: "CONFIRMED", version: 2 }, { status: "IN_REVIEW" })).toBe(
      "changed since your page was loaded: it is now confirmed; reload to see who changed it",
    );
  });

  it("lets a page through that showed what is there now, or that showed nothing", () => {
    expect(refuseStaleChange({ status: "IN_REVIEW", version: 3 }, { status: "IN_REVIEW", version: 3 })).toBeNull();
    expect(refuseStaleChange({ status: "IN_REVIEW", version: 3 }, { status: "IN_REVIEW" })).toBeNull();
    expect(refuseStaleChange({ status: "NEW", version: 0 }, {})).toBeNull();
    expect(refuseStaleChange({ status: "NEW", version: 0 }, undefined)).toBeNull();
  });
});

describe("parseSeenVersion", () => {
  it("reads a version a form sends", () => {
    expect(parseSeenVersion("0")).toBe(0);
    expect(parseSeenVersion("17")).toBe(17);
    expect(parseSeenVersion("2147483647")).toBe(2_147_483_647);
  });

  it("takes a missing one as an old page's (no version), not as an error", () => {
    expect(parseSeenVersion(null)).toBeUndefined();
    expect(parseSeenVersion(undefined)).toBeUndefined();
    expect(parseSeenVersion("")).toBeUndefined();
  });

  it("refuses what is not a version of an integer column", () => {
    for (const raw of ["-1", "1.5", "1e3", " 3", "abc", "2147483648", "99999999999", "3\u0000"]) expect(parseSeenVersion(raw), raw).toBeNull();
    expect(parseSeenVersion(new File(["1"], "v.txt"))).toBeNull();
  });
});
