import { describe, expect, it } from "vitest";
import { REVIEW_STATUSES, type ReviewStatus } from "@/lib/core/flight-record";
import { addressRangesOf, countryOfIcao24 } from "@/lib/core/identity/country-of-icao24";
import { findingSignature } from "@/lib/core/review/finding-signature";
import {
  DEFAULT_QUEUE_FILTERS,
  hasActiveFilters,
  parseQueueFilters,
  queueSearchParams,
  type QueueFilters,
} from "@/lib/core/review/queue-filters";
import { allowedNextStatuses, refusePublication, refuseTransition, statusLabel } from "@/lib/core/review/review-transitions";

/**
 * The review workflow's rules (which status may follow which, when a finding may be published)
 * and the queue's URL state (filters parsed from and written back to the query string).
 */
describe("review transitions", () => {
  // The whole table, unpublished: [from, to, allowed]. Anything not listed as allowed is refused.
  const ALLOWED: [ReviewStatus, ReviewStatus][] = [
    ["NEW", "IN_REVIEW"],
    ["NEW", "DISMISSED"],
    ["IN_REVIEW", "CONFIRMED"],
    ["IN_REVIEW", "DISMISSED"],
    ["IN_REVIEW", "NEW"],
    ["CONFIRMED", "IN_REVIEW"],
    ["DISMISSED", "IN_REVIEW"],
  ];
  const allPairs = REVIEW_STATUSES.flatMap((from) => REVIEW_STATUSES.map((to) => [from, to] as [ReviewStatus, ReviewStatus]));
  const isAllowed = (from: ReviewStatus, to: ReviewStatus) => ALLOWED.some(([a, b]) => a === from && b === to);

  it.each(allPairs)("%s → %s follows the table", (from, to) => {
    const refusal = refuseTransition(from, to, false);
    if (isAllowed(from, to)) expect(refusal).toBeNull();
    else expect(refusal).toEqual(expect.any(String));
  });

  it("lists the same next statuses as the table, and none while published", () => {
    for (const from of REVIEW_STATUSES) {
      expect([...allowedNextStatuses(from, false)].sort()).toEqual(ALLOWED.filter(([a]) => a === from).map(([, b]) => b).sort());
      expect(allowedNextStatuses(from, true)).toEqual([]);
    }
  });

  it("refuses skipping review: a new finding cannot be confirmed straight away", () => {
    expect(refuseTransition("NEW", "CONFIRMED", false)).toBe("a finding that is new cannot become confirmed");
  });

  it("refuses the same status with a message naming it", () => {
    expect(refuseTransition("IN_REVIEW", "IN_REVIEW", false)).toBe("the finding is already in review");
    expect(refuseTransition("CONFIRMED", "CONFIRMED", true)).toBe("the finding is already confirmed");
  });

  it("refuses every status change of a published finding, even an otherwise allowed one", () => {
    expect(refuseTransition("CONFIRMED", "IN_REVIEW", true)).toBe("unpublish the finding before changing its status");
    for (const [from, to] of ALLOWED) expect(refuseTransition(from, to, true)).toMatch(/unpublish/);
  });

  it("labels statuses in words and shows an unknown one as it is", () => {
    expect(REVIEW_STATUSES.map(statusLabel)).toEqual(["new", "in review", "confirmed", "dismissed"]);
    expect(statusLabel("ARCHIVED")).toBe("archived");
  });
});

describe("publication rule", () => {
  it("publishes only a confirmed, unpublished finding", () => {
    expect(refusePublication("CONFIRMED", false, true)).toBeNull();
    for (const status of ["NEW", "IN_REVIEW", "DISMISSED"] as const) {
      expect(refusePublication(status, false, true)).toBe("only a confirmed finding can be published");
    }
  });

  it("refuses publishing twice and unpublishing what is not published", () => {
    expect(refusePublication("CONFIRMED", true, true)).toBe("the finding is already published");
    expect(refusePublication("CONFIRMED", false, false)).toBe("the finding is not published");
    expect(refusePublication("NEW", false, false)).toBe("the finding is not published");
  });

  it("allows unpublishing a published finding", () => {
    expect(refusePublication("CONFIRMED", true, false)).toBeNull();
  });
});

describe("queue filters in the URL", () => {
  const everything: QueueFilters = {
    kind: "CUBA_VENEZUELA",
    status: "IN_REVIEW",
    type: "IL96",
    operator: "Conviasa & Co",
    country: "CU",
    origin: "MUHA",
    destination: "SVMI",
    from: "2024-08-01",
    to: "2024-08-31",
    sort: "time",
    dir: "asc",
    page: 3,
    pageSize: 100,
  };

  it.each<[string, QueueFilters]>([
    ["the defaults", DEFAULT_QUEUE_FILTERS],
    ["every field set", everything],
    ["one field set", { ...DEFAULT_QUEUE_FILTERS, kind: "TRANSPONDER_GAP" }],
    ["an operator with URL-special characters", { ...DEFAULT_QUEUE_FILTERS, operator: "A/B ?x=1&y=%2 #5" }],
    ["only a destination", { ...DEFAULT_QUEUE_FILTERS, destination: "SVMI" }],
  ])("round-trips %s: parse(queueSearchParams(x)) equals x", (_name, filters) => {
    const query = queueSearchParams(filters);
    expect(parseQueueFilters(new URLSearchParams(query))).toEqual(filters);
    // Next.js hands pages a plain record; the same query read that way gives the same filters.
    const record = Object.fromEntries(new URLSearchParams(query));
    expect(parseQueueFilters(record)).toEqual(filters);
  });

  it("leaves the defaults out of the URL", () => {
    expect(queueSearchParams(DEFAULT_QUEUE_FILTERS)).toBe("");
    expect(queueSearchParams({ ...DEFAULT_QUEUE_FILTERS, sort: "score", dir: "desc", page: 1, pageSize: 50 })).toBe("");
    expect(queueSearchParams(DEFAULT_QUEUE_FILTERS, { status: "NEW" })).toBe("?status=NEW");
    const params = new URLSearchParams(queueSearchParams(everything, { page: 1 }));
    expect(params.has("page")).toBe(false);
    expect(params.get("pageSize")).toBe("100");
  });

  it("applies a change on top of the current view", () => {
    expect(parseQueueFilters(new URLSearchParams(queueSearchParams(everything, { page: 4, kind: null })))).toEqual({ ...everything, page: 4, kind: null });
  });

  it("drops invalid values and keeps the defaults for them", () => {
    const parsed = parseQueueFilters(
      new URLSearchParams({
        kind: "NOT_A_KIND",
        status: "ARCHIVED",
        type: "TOO-LONG-TYPE",
        operator: "x".repeat(81),
        country: "CUB",
        origin: "MU HA",
        destination: "S",
        from: "2024-13-45",
        to: "yesterday",
        sort: "altitude",
        dir: "sideways",
        page: "0",
        pageSize: "30",
      }),
    );
    expect(parsed).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(hasActiveFilters(parsed)).toBe(false);
  });

  it.each(["2024-02-30", "2023-02-29", "2024-04-31", "2024-06-31"])("drops the calendar date that does not exist, %s", (day) => {
    // Date.parse rolls these over to the next month; PostgreSQL refuses them ("date/time field
    // value out of range"), so keeping one turns a hand-edited link into an error page.
    expect(parseQueueFilters({ from: day, to: day })).toEqual(DEFAULT_QUEUE_FILTERS);
  });

  it("keeps a leap day that exists", () => {
    expect(parseQueueFilters({ from: "2024-02-29" }).from).toBe("2024-02-29");
  });

  it.each([["page", "-2"], ["page", "1.5"], ["page", "abc"], ["page", "100001"], ["pageSize", "1000"], ["pageSize", "25.5"]])("drops %s=%s", (name, value) => {
    expect(parseQueueFilters({ [name]: value })).toEqual(DEFAULT_QUEUE_FILTERS);
  });

  it("ignores unknown parameters and blank values", () => {
    expect(parseQueueFilters({ utm_source: "mail", kind: "  ", status: "" })).toEqual(DEFAULT_QUEUE_FILTERS);
  });

  it("normalises case and whitespace of codes", () => {
    expect(parseQueueFilters({ type: " il96 ", country: "cu", origin: "muha" })).toMatchObject({ type: "IL96", country: "CU", origin: "MUHA" });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseQueueFilters({ kind: ["ZONE_AVOIDANCE", "CUBA_VENEZUELA"] }).kind).toBe("ZONE_AVOIDANCE");
  });

  it("reads route=MUHA-SVMI as origin and destination, and the one-sided forms", () => {
    expect(parseQueueFilters({ route: "MUHA-SVMI" })).toEqual({ ...DEFAULT_QUEUE_FILTERS, origin: "MUHA", destination: "SVMI" });
    expect(parseQueueFilters({ route: "muha-" })).toEqual({ ...DEFAULT_QUEUE_FILTERS, origin: "MUHA" });
    expect(parseQueueFilters({ route: "-SVMI" })).toEqual({ ...DEFAULT_QUEUE_FILTERS, destination: "SVMI" });
    expect(parseQueueFilters({ route: "garbage!" })).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(hasActiveFilters(parseQueueFilters({ route: "MUHA-SVMI" }))).toBe(true);
  });

  it("swaps a period given backwards", () => {
    expect(parseQueueFilters({ from: "2024-09-30", to: "2024-09-01" })).toMatchObject({ from: "2024-09-01", to: "2024-09-30" });
    expect(parseQueueFilters({ from: "2024-09-01", to: "2024-09-01" })).toMatchObject({ from: "2024-09-01", to: "2024-09-01" });
  });

  it("counts any narrowing filter as active, but not sort or page", () => {
    expect(hasActiveFilters({ ...DEFAULT_QUEUE_FILTERS, sort: "time", dir: "asc", page: 9, pageSize: 25 })).toBe(false);
    for (const change of [{ kind: "UNSCHEDULED" }, { operator: "x" }, { from: "2024-01-01" }, { destination: "SVMI" }] as Partial<QueueFilters>[]) {
      expect(hasActiveFilters({ ...DEFAULT_QUEUE_FILTERS, ...change })).toBe(true);
    }
  });
});

describe("address ranges of a country", () => {
  const inside = (hex: string, ranges: [string, string][]) => ranges.some(([lo, hi]) => hex >= lo && hex <= hi);
  const hex = (n: number) => n.toString(16).padStart(6, "0");

  it("gives Cuba its one block", () => {
    expect(addressRangesOf("CU")).toEqual([["0b0000", "0b0fff"]]);
    expect(addressRangesOf("cu")).toEqual([["0b0000", "0b0fff"]]);
    const cu = addressRangesOf("CU");
    for (const address of ["0b0000", "0b04e2", "0b0fff"]) expect([inside(address, cu), countryOfIcao24(address)?.code]).toEqual([true, "CU"]);
    for (const address of ["0affff", "0b1000", "0d80ae", "15770c"]) {
      expect(inside(address, cu)).toBe(false);
      expect(countryOfIcao24(address)?.code).not.toBe("CU");
    }
  });

  it.each(["CU", "VE", "RU", "GB", "CN", "US"])("covers exactly the addresses countryOfIcao24 gives to %s", (code) => {
    const ranges = addressRangesOf(code);
    expect(ranges.length).toBeGreaterThan(0);
    for (const [lo, hi] of ranges) {
      expect(lo <= hi).toBe(true);
      // Each range's edges and middle belong to the country; the addresses just outside do not (or are another's).
      const a = parseInt(lo, 16);
      const b = parseInt(hi, 16);
      for (const n of [a, b, Math.floor((a + b) / 2)]) expect(countryOfIcao24(hex(n))?.code).toBe(code);
      for (const n of [a - 1, b + 1]) {
        if (n < 0 || n > 0xffffff || inside(hex(n), ranges)) continue;
        expect(countryOfIcao24(hex(n))?.code ?? null, hex(n)).not.toBe(code);
      }
    }
    // A sample over the whole address space: in a range ⇔ countryOfIcao24 says this country.
    const mismatches: string[] = [];
    for (let n = 0; n < 0x1000000; n += 0x137) {
      const address = hex(n);
      if (inside(address, ranges) !== (countryOfIcao24(address)?.code === code)) mismatches.push(address);
    }
    expect(mismatches).toEqual([]);
  });

  it("cuts nested territories out of the sovereign's ranges", () => {
    const gb = addressRangesOf("GB");
    expect(inside("424200", gb)).toBe(false); // Bermuda
    expect(inside("406b58", gb)).toBe(true);
    expect(gb.length).toBeGreaterThan(1);
  });

  it("returns no range for a code without an allocated block", () => {
    expect(addressRangesOf("ZZ")).toEqual([]);
  });
});

describe("findingSignature", () => {
  it("is the sorted, distinct tags of the flags, a gap counted as gap or suspected switch-off", () => {
    expect(findingSignature([])).toBe("");
    expect(
      findingSignature([
        { kind: "TRANSPONDER_GAP", evidence: { suspected: false } },
        { kind: "CUBA_VENEZUELA", evidence: {} },
        { kind: "TRANSPONDER_GAP", evidence: { suspected: false } },
      ]),
    ).toBe("Cuba–Venezuela, gap");
    expect(findingSignature([{ kind: "TRANSPONDER_GAP", evidence: { suspected: true } }])).not.toBe(findingSignature([{ kind: "TRANSPONDER_GAP", evidence: { suspected: false } }]));
  });
});
