import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flightKey } from "@/lib/core/flight-record";
import { countryOfIcao24 } from "@/lib/core/identity/country-of-icao24";
import { DEFAULT_QUEUE_FILTERS, parseQueueFilters, type QueueFilters } from "@/lib/core/review/queue-filters";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeDbPool } from "@/lib/server/db/pool";
import type { FlightRef } from "@/lib/server/flights/load-flight-records";
import { listReviewQueue } from "@/lib/server/review/list-review-queue";
import { account, insertFlight, rejection, removeAircraft, resetFlights, setReview, upsertAircraft, withSessionTimeZone, type FlightSpec } from "./support/review-fixtures";

/**
 * The analysts' queue against known flights: nine flagged flights (Cuban, Venezuelan, Russian and
 * US addresses, five types, seven routes, four review states, over nine days) and one unflagged
 * flight that must never show. Each filter is checked against the flights it must return.
 */
type Name = "F1" | "F2" | "F3" | "F4" | "F5" | "F6" | "F7" | "F8" | "F9";

const AIRCRAFT: Record<string, { typecode: string | null; operator: string | null }> = {
  "0b0e01": { typecode: "IL96", operator: "Cubana de Aviación" },
  "0b0e02": { typecode: "AN26", operator: "Aerogaviota" },
  "0d8e01": { typecode: "A343", operator: "Conviasa" },
  "0d8e02": { typecode: "A343", operator: "CONVIASA" },
  "152e01": { typecode: "IL76", operator: "Rossiya 100%_special" },
  "152e02": { typecode: "il96", operator: "Rossiya" }, // lower case in the registry
  "ac1e01": { typecode: "B738", operator: "Swift Air" },
  // 0b0e03 has no registry row at all
  "0b0e04": { typecode: "C172", operator: "Aeroclub" },
};

const SPECS: Record<Name | "U1", FlightSpec> = {
  F1: { icao24: "0b0e01", firstSeen: "2024-08-01T10:00:00Z", origin: "MUHA", destination: "SVMI", score: 0.9, kinds: ["CUBA_VENEZUELA", "TYPE_OF_INTEREST"], gaps: [true] },
  F2: { icao24: "0b0e02", firstSeen: "2024-08-02T10:00:00Z", origin: "MUHA", destination: "MUVR", score: 0.4, kinds: ["TRANSPONDER_GAP"], gaps: [false] },
  F3: { icao24: "0d8e01", firstSeen: "2024-08-03T10:00:00Z", origin: "SVMI", destination: "MUHA", score: 0.85, kinds: ["CUBA_VENEZUELA"] },
  F4: { icao24: "0d8e02", firstSeen: "2024-08-04T23:30:00Z", origin: "SVMI", destination: "MUHA", score: 0.6, kinds: ["CUBA_VENEZUELA", "UNSCHEDULED"] },
  F5: { icao24: "152e01", firstSeen: "2024-08-05T10:00:00Z", origin: "UUEE", destination: "MUHA", score: 0.95, kinds: ["ZONE_AVOIDANCE", "TYPE_OF_INTEREST"] },
  F6: { icao24: "152e02", firstSeen: "2024-08-06T00:00:00Z", origin: "MUHA", destination: "UUEE", score: 0.7, kinds: ["TYPE_OF_INTEREST"] },
  F7: { icao24: "ac1e01", firstSeen: "2024-08-07T10:00:00Z", origin: "KMIA", destination: "MUHA", score: 0.2, kinds: ["UNSCHEDULED"] },
  F8: { icao24: "0b0e03", firstSeen: "2024-08-08T10:00:00Z", origin: null, destination: null, score: 0.3, kinds: ["TRANSPONDER_GAP", "TRANSPONDER_GAP"], gaps: [false, true] },
  F9: { icao24: "0b0e01", firstSeen: "2024-08-09T10:00:00Z", origin: "MUHA", destination: "MUCM", score: 0.5, kinds: ["UNSCHEDULED"] },
  // Unflagged, with the highest score and a route of its own: never in the queue or its menus.
  U1: { icao24: "0b0e04", firstSeen: "2024-08-01T12:00:00Z", origin: "MUHA", destination: "MMUN", score: 0.99, kinds: [] },
};
const ALL: Name[] = ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"];
const ICAO24S = [...new Set([...Object.keys(AIRCRAFT), ...Object.values(SPECS).map((s) => s.icao24)])];

const refs = {} as Record<Name | "U1", FlightRef>;
let analyst: CurrentUser;
let otherAnalyst: CurrentUser;

const keyOf = (name: Name | "U1") => flightKey(refs[name].icao24, refs[name].id);
const nameOf = (key: string) => (Object.keys(refs) as (Name | "U1")[]).find((n) => keyOf(n) === key) ?? key;

async function queue(change: Partial<QueueFilters> = {}) {
  return listReviewQueue(analyst, { ...DEFAULT_QUEUE_FILTERS, ...change });
}
/** The flights a view lists, by name, in the queue's order. */
async function names(change: Partial<QueueFilters> = {}): Promise<string[]> {
  const page = await queue(change);
  expect(page.total).toBe(page.rows.length); // everything fits on the default page here
  return page.rows.map((r) => nameOf(r.key));
}
const sorted = (xs: string[]) => [...xs].sort();

beforeAll(async () => {
  await resetFlights(ICAO24S);
  await removeAircraft(ICAO24S);
  [analyst, otherAnalyst] = await Promise.all([account("ANALYST"), account("ANALYST")]);
  for (const [icao24, fields] of Object.entries(AIRCRAFT)) await upsertAircraft(icao24, fields);
  for (const [name, spec] of Object.entries(SPECS)) refs[name as Name] = await insertFlight(spec);
  await setReview(refs.F2, { status: "IN_REVIEW", assigneeId: otherAnalyst.id });
  await setReview(refs.F3, { status: "CONFIRMED", published: true, assigneeId: analyst.id });
  await setReview(refs.F4, { status: "DISMISSED" });
  await setReview(refs.F5, { status: "CONFIRMED" });
  await setReview(refs.F6, { status: "NEW" });
});

afterAll(async () => {
  await resetFlights(ICAO24S);
  await removeAircraft(ICAO24S);
  await closeDbPool();
});

describe("the review queue", () => {
  it("lists every flagged flight and never an unflagged one", async () => {
    const page = await queue();
    expect(sorted(page.rows.map((r) => nameOf(r.key)))).toEqual(sorted(ALL));
    expect(page).toMatchObject({ total: 9, page: 1, pageCount: 1 });
    expect(page.rows.map((r) => r.key)).not.toContain(keyOf("U1"));
  });

  it("reshapes each row: status NEW without a review row, kinds, suspected gaps, block country, assignee", async () => {
    const rows = new Map((await queue()).rows.map((r) => [nameOf(r.key), r]));
    expect(rows.get("F1")).toEqual({
      key: keyOf("F1"),
      icao24: "0b0e01",
      id: refs.F1.id,
      callsign: null,
      firstSeenMs: Date.parse("2024-08-01T10:00:00Z"),
      lastSeenMs: Date.parse("2024-08-01T12:00:00Z"),
      originIcao: "MUHA",
      destinationIcao: "SVMI",
      originCountry: null,
      destinationCountry: null,
      typecode: "IL96",
      registration: null,
      operator: "Cubana de Aviación",
      blockCountry: "CU",
      score: 0.9,
      kinds: ["CUBA_VENEZUELA", "TYPE_OF_INTEREST"],
      suspectedSwitchOff: true,
      status: "NEW",
      published: false,
      assigneeEmail: null,
      // No review row yet: the stamp a first change is checked against.
      reviewVersion: 0,
    });
    expect(rows.get("F2")).toMatchObject({ status: "IN_REVIEW", assigneeEmail: otherAnalyst.email, suspectedSwitchOff: false, blockCountry: "CU" });
    expect(rows.get("F3")).toMatchObject({ status: "CONFIRMED", published: true, assigneeEmail: analyst.email, blockCountry: "VE" });
    expect(rows.get("F5")).toMatchObject({ status: "CONFIRMED", published: false, blockCountry: "RU", kinds: ["TYPE_OF_INTEREST", "ZONE_AVOIDANCE"] });
    expect(rows.get("F7")).toMatchObject({ blockCountry: "US", status: "NEW" });
    // Two flags of one kind show the kind once; no registry row leaves the aircraft fields empty.
    expect(rows.get("F8")).toMatchObject({ kinds: ["TRANSPONDER_GAP"], suspectedSwitchOff: true, typecode: null, operator: null, originIcao: null });
  });

  it.each<[string, Partial<QueueFilters>, Name[]]>([
    ["kind CUBA_VENEZUELA", { kind: "CUBA_VENEZUELA" }, ["F1", "F3", "F4"]],
    ["kind ZONE_AVOIDANCE", { kind: "ZONE_AVOIDANCE" }, ["F5"]],
    ["kind TRANSPONDER_GAP", { kind: "TRANSPONDER_GAP" }, ["F2", "F8"]],
    ["status NEW (with or without a review row)", { status: "NEW" }, ["F1", "F6", "F7", "F8", "F9"]],
    ["status IN_REVIEW", { status: "IN_REVIEW" }, ["F2"]],
    ["status CONFIRMED", { status: "CONFIRMED" }, ["F3", "F5"]],
    ["status DISMISSED", { status: "DISMISSED" }, ["F4"]],
    ["type IL96 (any case in the registry)", { type: "IL96" }, ["F1", "F6", "F9"]],
    ["type A343", { type: "A343" }, ["F3", "F4"]],
    ["type nobody flies", { type: "B77W" }, []],
    ["operator, case-insensitive substring", { operator: "conviasa" }, ["F3", "F4"]],
    ["operator, part of a name", { operator: "ssiy" }, ["F5", "F6"]],
    ["operator with a literal %", { operator: "%" }, ["F5"]],
    ["operator with a literal _", { operator: "_" }, ["F5"]],
    ["country CU", { country: "CU" }, ["F1", "F2", "F8", "F9"]],
    ["country VE", { country: "VE" }, ["F3", "F4"]],
    ["country RU", { country: "RU" }, ["F5", "F6"]],
    ["country US", { country: "US" }, ["F7"]],
    ["country with no flagged flight", { country: "GB" }, []],
    ["country without an address block", { country: "ZZ" }, []],
    ["origin MUHA", { origin: "MUHA" }, ["F1", "F2", "F6", "F9"]],
    ["destination MUHA", { destination: "MUHA" }, ["F3", "F4", "F5", "F7"]],
    ["route SVMI-MUHA", { origin: "SVMI", destination: "MUHA" }, ["F3", "F4"]],
    ["from 2024-08-06 (midnight counts)", { from: "2024-08-06" }, ["F6", "F7", "F8", "F9"]],
    ["to 2024-08-05 (the whole day)", { to: "2024-08-05" }, ["F1", "F2", "F3", "F4", "F5"]],
    ["from 2024-08-04 to 2024-08-05", { from: "2024-08-04", to: "2024-08-05" }, ["F4", "F5"]],
    ["one day", { from: "2024-08-06", to: "2024-08-06" }, ["F6"]],
    ["kind + country + status", { kind: "CUBA_VENEZUELA", country: "VE", status: "DISMISSED" }, ["F4"]],
    ["type + origin + period", { type: "IL96", origin: "MUHA", from: "2024-08-02" }, ["F6", "F9"]],
  ])("filters by %s", async (_name, change, expected) => {
    expect(sorted(await names(change))).toEqual(sorted(expected));
  });

  it("reads the period as UTC days whatever the database session's time zone", async () => {
    // F6 starts at 00:00 UTC on 6 August, F4 at 23:30 UTC on 4 August. A server whose cluster was
    // initialised outside UTC (the embedded server takes the host's zone) must not shift the days.
    for (const timeZone of ["America/Havana", "Asia/Tokyo"]) {
      await withSessionTimeZone(timeZone, async () => {
        expect(sorted(await names({ from: "2024-08-06", to: "2024-08-06" })), timeZone).toEqual(["F6"]);
        expect(sorted(await names({ from: "2024-08-04", to: "2024-08-05" })), timeZone).toEqual(["F4", "F5"]);
      });
    }
  });

  it.each<[QueueFilters["sort"], QueueFilters["dir"], Name[]]>([
    ["score", "desc", ["F5", "F1", "F3", "F6", "F4", "F9", "F2", "F8", "F7"]],
    ["score", "asc", ["F7", "F8", "F2", "F9", "F4", "F6", "F3", "F1", "F5"]],
    ["time", "asc", ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"]],
    ["time", "desc", ["F9", "F8", "F7", "F6", "F5", "F4", "F3", "F2", "F1"]],
  ])("sorts by %s %s", async (sort, dir, expected) => {
    expect(await names({ sort, dir })).toEqual(expected);
  });

  it("offers filter menus built from the flagged flights only", async () => {
    const { options } = await queue({ kind: "ZONE_AVOIDANCE" }); // the menus ignore the current filters
    expect(options.types).toEqual(["A343", "AN26", "B738", "IL76", "IL96"]);
    const expectedCountries = ["CU", "RU", "US", "VE"]
      .map((code) => ({ code, name: countryOfIcao24(ICAO24S.find((a) => countryOfIcao24(a)?.code === code)!)!.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(options.countries).toEqual(expectedCountries);
    expect(options.countries.map((c) => c.name)).toEqual(["Cuba", "Russia", "United States", "Venezuela"]);
    expect(options.routes).toEqual(["KMIA-MUHA", "MUHA-MUCM", "MUHA-MUVR", "MUHA-SVMI", "MUHA-UUEE", "SVMI-MUHA", "UUEE-MUHA"]);
  });

  it("opens a hand-edited link with a date that does not exist (the date dropped, not an error)", async () => {
    const filters = parseQueueFilters(new URLSearchParams("from=2024-02-30&to=2024-08-31&kind=CUBA_VENEZUELA"));
    const page = await listReviewQueue(analyst, filters);
    expect(sorted(page.rows.map((r) => nameOf(r.key)))).toEqual(["F1", "F3", "F4"]);
  });

  it.each(["RESEARCHER", "ADMIN"] as const)("refuses a %s (403)", async (role) => {
    const viewer = await account(role);
    const error = await rejection(listReviewQueue(viewer, DEFAULT_QUEUE_FILTERS));
    expect([error.code, error.status]).toEqual(["FORBIDDEN", 403]);
  });
});

describe("paging the queue", () => {
  const PAGING = Array.from({ length: 60 }, (_, i) => `152f${i.toString(16).padStart(2, "0")}`);
  const pagingKeys: string[] = [];

  beforeAll(async () => {
    await resetFlights(ICAO24S);
    // Four flights every six hours from 1 September (16, 16, 16 and 12 a day). Scores and times
    // repeat, so the order needs its tie-breakers to page without overlap.
    for (const [i, icao24] of PAGING.entries()) {
      const ref = await insertFlight({
        icao24,
        firstSeen: new Date(Date.parse("2024-09-01T00:00:00Z") + Math.floor(i / 4) * 6 * 3_600_000).toISOString(),
        score: (i % 3) / 10,
        kinds: ["TYPE_OF_INTEREST"],
      });
      pagingKeys.push(flightKey(ref.icao24, ref.id));
    }
    await insertFlight({ icao24: "152eff", firstSeen: "2024-09-01T00:00:00Z", score: 1, kinds: [] });
  });

  afterAll(async () => {
    await resetFlights([...PAGING, "152eff"]);
  });

  it("pages 60 flights 25 at a time: 25, 25, 10, each once, in the order of one long page", async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await queue({ page, pageSize: 25 }));
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 10]);
    for (const [i, p] of pages.entries()) expect(p).toMatchObject({ total: 60, page: i + 1, pageCount: 3 });
    const keys = pages.flatMap((p) => p.rows.map((r) => r.key));
    expect(new Set(keys).size).toBe(60);
    expect(sorted(keys)).toEqual(sorted(pagingKeys));
    const whole = await queue({ pageSize: 100 });
    expect(whole).toMatchObject({ total: 60, pageCount: 1 });
    expect(keys).toEqual(whole.rows.map((r) => r.key));
  });

  it("answers a page past the end with no rows but the true total", async () => {
    const past = await queue({ page: 4, pageSize: 25 });
    expect(past.rows).toEqual([]);
    expect(past).toMatchObject({ total: 60, page: 4, pageCount: 3 });
    const farPast = await queue({ page: 50, pageSize: 50, sort: "time", dir: "asc" });
    expect(farPast).toMatchObject({ rows: [], total: 60, pageCount: 2 });
  });

  it("pages a filtered view by its own total", async () => {
    const secondDay = await queue({ page: 1, pageSize: 25, from: "2024-09-02", to: "2024-09-02" });
    expect(secondDay).toMatchObject({ total: 16, pageCount: 1 });
    expect(secondDay.rows).toHaveLength(16);
    const fromSecond = await queue({ page: 2, pageSize: 25, from: "2024-09-02" });
    expect(fromSecond).toMatchObject({ total: 44, page: 2, pageCount: 2 });
    expect(fromSecond.rows).toHaveLength(19);
    const none = await queue({ page: 2, pageSize: 25, type: "ZZZZ" });
    expect(none).toMatchObject({ rows: [], total: 0, pageCount: 1 });
  });
});
