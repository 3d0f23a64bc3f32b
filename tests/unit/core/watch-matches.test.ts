import { describe, expect, it } from "vitest";
import { watchMatches } from "@/lib/core/identity/watch-matches";

const watchlist = { typecodes: ["IL96", "A343"], icao24s: ["0b04e2"], tags: ["Government"] };

describe("watchMatches: why an aircraft is of interest", () => {
  it("names every reason: type, address and tag, case-insensitively", () => {
    expect(watchMatches("0B04E2", { typecode: "il96 ", tags: ["government", "Cuba"] }, watchlist)).toEqual([
      { kind: "TYPECODE", value: "IL96" },
      { kind: "ICAO24", value: "0b04e2" },
      { kind: "TAG", value: "government" },
    ]);
  });

  it("is empty for an aircraft on no list, and without a registry entry only the address can match", () => {
    expect(watchMatches("a00001", { typecode: "B738", tags: [] }, watchlist)).toEqual([]);
    expect(watchMatches("a00001", null, watchlist)).toEqual([]);
    expect(watchMatches("0b04e2", null, watchlist)).toEqual([{ kind: "ICAO24", value: "0b04e2" }]);
  });
});
