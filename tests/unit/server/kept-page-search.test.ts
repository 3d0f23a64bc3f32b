import { describe, expect, it } from "vitest";
import { keptPageSearch } from "@/lib/server/pages/page-cache-headers";

const search = (url: string) => keptPageSearch(new URL(url, "http://x"));

describe("the query string a kept page is keyed and rendered with", () => {
  it("keeps only the overview's own parameters, sorted", () => {
    expect(search("/?x=1")).toBe("");
    expect(search("/?to=2024-02-01&utm=a&from=2024-01-01")).toBe("?from=2024-01-01&to=2024-02-01");
  });

  it("drops every parameter of pages that read none", () => {
    expect(search("/methodology?from=2024-01-01")).toBe("");
    expect(search("/flights/abc123-4?page=2")).toBe("");
  });

  it("writes the queue's filters in one canonical form: defaults and unknown parameters out, route as origin and destination", () => {
    expect(search("/review?sort=score&dir=desc&page=1&junk=1")).toBe("");
    expect(search("/review?route=muha-svmi&kind=TRANSPONDER_GAP")).toBe(search("/review?kind=TRANSPONDER_GAP&origin=MUHA&destination=SVMI"));
    expect(search("/review?page=3&pageSize=25")).toBe("?page=3&pageSize=25");
    expect(search("/review?from=2024-03-01&to=2024-01-01")).toBe("?from=2024-01-01&to=2024-03-01");
  });
});
