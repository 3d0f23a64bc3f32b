import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flightKey } from "@/lib/core/flight-record";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeDbPool } from "@/lib/server/db/pool";
import { getFlightView } from "@/lib/server/flights/get-flight-view";
import type { FlightRef } from "@/lib/server/flights/load-flight-records";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { getFindingsOverview } from "@/lib/server/public/get-findings-overview";
import { addReviewNote } from "@/lib/server/review/add-review-note";
import { changeReviewStatus } from "@/lib/server/review/change-review-status";
import { getImportBatch } from "@/lib/server/ingest/get-import-batch";
import { setFindingPublished } from "@/lib/server/review/set-finding-published";
import {
  account,
  insertFlight,
  OPENSKY_HEADER,
  openskyRows,
  removeAircraft,
  removeBatches,
  resetFlights,
  setReview,
  upsertAircraft,
  withSessionTimeZone,
} from "./support/review-fixtures";

/**
 * Who may see which flight. Readers (no session) and admins see a flight only once it is
 * published; analysts see everything with notes and the audit trail; a researcher also sees the
 * flights built from positions they uploaded, but as a bare track: no flags, no graded gaps, no
 * review. Then the public overview: published findings only, or every flagged flight.
 *
 *   OWN  0b0d01  flagged, in review, positions uploaded by `uploader` (a researcher)   6 Aug
 *   PUB  0d8d01  flagged, confirmed and published, with a note                        7 Aug
 *   HID  152d01  flagged, confirmed, not published                                     8 Aug
 *   BARE 0b0d02  not flagged                                                           8 Aug
 *   PUB2 0d8d02  flagged, confirmed and published, first position at midnight UTC      9 Aug
 */
const ICAO24S = ["0b0d01", "0d8d01", "152d01", "0b0d02", "0d8d02"];
const OWN_START_S = Date.UTC(2024, 7, 6, 16, 0) / 1000;
const PUB_START_S = Date.UTC(2024, 7, 7, 10, 0) / 1000;
const HID_START_S = Date.UTC(2024, 7, 8, 10, 0) / 1000;
const PUB2_START_S = Date.UTC(2024, 7, 9, 0, 0) / 1000;
const NOTE = `<script>alert(1)</script><img src=x onerror=alert(1)> checked against the schedule`;

let dir: string;
const batches: string[] = [];
let analyst: CurrentUser;
let uploader: CurrentUser;
let otherResearcher: CurrentUser;
let admin: CurrentUser;
let own: FlightRef, pub: FlightRef, hid: FlightRef, bare: FlightRef, pub2: FlightRef;
const key = (ref: FlightRef) => flightKey(ref.icao24, ref.id);

async function importAs(user: CurrentUser, name: string, rows: string[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [OPENSKY_HEADER, ...rows].join("\n"));
  const outcome = await importPositionsFile({ path: file, fileName: name, nowMs: Date.UTC(2024, 11, 1), uploadedById: user.id });
  if (outcome.status !== "imported") throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  batches.push(outcome.batchId);
}

const window = (startS: number, count: number, stepS = 60) => ({
  firstSeen: new Date(startS * 1000).toISOString(),
  lastSeen: new Date((startS + (count - 1) * stepS) * 1000).toISOString(),
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-flight-view-"));
  await resetFlights(ICAO24S);
  await removeAircraft(ICAO24S);
  [analyst, uploader, otherResearcher, admin] = await Promise.all([account("ANALYST"), account("RESEARCHER"), account("RESEARCHER"), account("ADMIN")]);

  await importAs(uploader, "own.csv", openskyRows("0b0d01", OWN_START_S, 30));
  await importAs(analyst, "analyst.csv", [
    ...openskyRows("0d8d01", PUB_START_S, 400, 20),
    ...openskyRows("152d01", HID_START_S, 40),
    ...openskyRows("0d8d02", PUB2_START_S, 20),
  ]);
  await upsertAircraft("0d8d01", { typecode: "A343", operator: "Conviasa", registration: "YV1004" });

  own = await insertFlight({ icao24: "0b0d01", ...window(OWN_START_S, 30), callsign: "TSTD01", origin: "MUHA", score: 0.8, kinds: ["CUBA_VENEZUELA", "TRANSPONDER_GAP"], gaps: [true] });
  pub = await insertFlight({ icao24: "0d8d01", ...window(PUB_START_S, 400, 20), score: 0.9, kinds: ["CUBA_VENEZUELA"], gaps: [true, false] });
  hid = await insertFlight({ icao24: "152d01", ...window(HID_START_S, 40), callsign: "CNV4100", origin: "MUHA", destination: "SVMI", originCountry: "CU", destinationCountry: "VE", score: 0.7, kinds: ["TYPE_OF_INTEREST"] });
  bare = await insertFlight({ icao24: "0b0d02", firstSeen: new Date(HID_START_S * 1000).toISOString(), score: 0, kinds: [] });
  pub2 = await insertFlight({ icao24: "0d8d02", ...window(PUB2_START_S, 20), score: 0.6, kinds: ["ZONE_AVOIDANCE"] });

  // Reviews through the real workflow (so the audit trail is the real one) ...
  for (const ref of [pub, pub2]) {
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    await setFindingPublished(analyst, ref, true);
  }
  await addReviewNote(analyst, pub, NOTE);
  await changeReviewStatus(analyst, hid, "IN_REVIEW");
  await changeReviewStatus(analyst, hid, "CONFIRMED");
  // ... and the researcher's own flight is being reviewed: they must still not learn that.
  await setReview(own, { status: "IN_REVIEW", assigneeId: analyst.id });
});

afterAll(async () => {
  await resetFlights(ICAO24S);
  await removeBatches(batches);
  await removeAircraft(ICAO24S);
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a reader without a session", () => {
  it("gets nothing for an unpublished flight, flagged or not", async () => {
    for (const ref of [own, hid, bare]) expect(await getFlightView(key(ref), null), key(ref)).toBeNull();
  });

  it("sees a published finding without notes, audit trail, analysts or assignee", async () => {
    const view = await getFlightView(key(pub), null);
    expect(view).not.toBeNull();
    expect(view).toMatchObject({ analyst: false, findingsVisible: true, notes: [], audit: [], analysts: [] });
    expect(view!.review).toEqual({ status: "CONFIRMED", assigneeEmail: null, published: true, publishedAtMs: expect.any(Number) });
    expect(view!.flight).toMatchObject({ key: key(pub), icao24: "0d8d01", id: pub.id, score: 0.9 });
    expect(view!.flight.flags.map((f) => f.kind)).toEqual(["CUBA_VENEZUELA"]);
    expect(view!.flight.gaps.map((g) => g.suspected)).toEqual([true, false]);
    expect(view!.flight.aircraft).toMatchObject({ typecode: "A343", operator: "Conviasa", registration: "YV1004" });
    expect(view!.positions).toHaveLength(400);
    expect(view!.positions[0]).toMatchObject({ timeMs: PUB_START_S * 1000, latDeg: 22, lonDeg: -80 });
  });
});

describe("an analyst", () => {
  it("sees every flight, flagged or not, published or not", async () => {
    for (const ref of [own, pub, hid, bare, pub2]) {
      const view = await getFlightView(key(ref), analyst);
      expect(view, key(ref)).not.toBeNull();
      expect(view).toMatchObject({ analyst: true, findingsVisible: true });
    }
    expect((await getFlightView(key(bare), analyst))!.review).toBeNull();
  });

  it("gets the notes as typed, the audit trail, the assignee and the analysts", async () => {
    const view = (await getFlightView(key(pub), analyst))!;
    expect(view.notes).toEqual([{ id: expect.any(String), authorEmail: analyst.email, body: NOTE, createdAtMs: expect.any(Number) }]);
    expect(view.audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["review-status", analyst.email],
      ["review-status", analyst.email],
      ["published", analyst.email],
      ["note-added", analyst.email],
    ]);
    expect(view.audit[0]!.details).toEqual({ from: "NEW", to: "IN_REVIEW" });
    expect(view.review).toMatchObject({ status: "CONFIRMED", assigneeEmail: analyst.email, published: true });
    expect(view.analysts).toContainEqual({ id: analyst.id, email: analyst.email });
    expect(view.analysts.every((a) => a.id !== uploader.id && a.id !== admin.id)).toBe(true);
    const hidden = (await getFlightView(key(hid), analyst))!;
    expect(hidden.review).toMatchObject({ status: "CONFIRMED", published: false });
    expect(hidden.flight.flags.map((f) => f.kind)).toEqual(["TYPE_OF_INTEREST"]);
  });
});

describe("a researcher", () => {
  it("sees the flight built from their own upload as a bare track: no flags, no graded gaps, no review", async () => {
    const view = await getFlightView(key(own), uploader);
    expect(view).not.toBeNull();
    expect(view).toMatchObject({ analyst: false, findingsVisible: false, review: null, notes: [], audit: [], analysts: [] });
    expect(view!.flight.flags).toEqual([]);
    expect(view!.flight.score).toBe(0);
    expect(view!.flight.gaps).toHaveLength(1);
    expect(view!.flight.gaps[0]).toMatchObject({ suspected: false, confidence: 0, witnessCount: 0 });
    expect(view!.positions.map((p) => p.timeMs)).toEqual(Array.from({ length: 30 }, (_, i) => (OWN_START_S + i * 60) * 1000));
  });

  it("gets nothing for a flight built from someone else's upload", async () => {
    expect(await getFlightView(key(own), otherResearcher)).toBeNull();
    expect(await getFlightView(key(hid), uploader)).toBeNull();
    expect(await getFlightView(key(bare), uploader)).toBeNull();
  });

  it("does not open someone else's flight by uploading positions inside its span, however many", async () => {
    // Two positions between the analyst's 40 of HID (a minute apart): the flight is not theirs.
    await importAs(otherResearcher, "planted.csv", [...openskyRows("152d01", HID_START_S + 30, 1), ...openskyRows("152d01", HID_START_S + 90, 1)]);
    expect(await getFlightView(key(hid), otherResearcher)).toBeNull();
    expect(await getFlightView(key(hid), otherResearcher, "page")).toBeNull();
    // More than the flight's own, a second apart between the first and the last: still not theirs.
    await importAs(otherResearcher, "planted-many.csv", openskyRows("152d01", HID_START_S + 1, 100, 1));
    expect(await getFlightView(key(hid), otherResearcher)).toBeNull();
    // Their import's page lists the flight it touched, but links only what opens for them.
    const planted = await getImportBatch(batches[batches.length - 1]!, otherResearcher);
    expect(planted!.flights.map((f) => [f.icao24, f.id, f.opens])).toEqual([["152d01", hid.id, false]]);
    // ... and not its callsign or route, which others' positions made.
    expect(planted!.flights[0]).toMatchObject({ callsign: null, origin: null, destination: null, originCountry: null, destinationCountry: null });
    const theirs = await getImportBatch(batches[0]!, uploader);
    expect(theirs!.flights.map((f) => [f.icao24, f.id, f.opens])).toEqual([["0b0d01", own.id, true]]);
    expect(theirs!.flights[0]).toMatchObject({ callsign: "TSTD01", origin: "MUHA" });
  });

  it("sees a published finding like any reader", async () => {
    const view = await getFlightView(key(pub), otherResearcher);
    expect(view).toMatchObject({ analyst: false, findingsVisible: true, notes: [], audit: [] });
    expect(view!.review).toMatchObject({ published: true, assigneeEmail: null });
    expect(view!.flight.flags).toHaveLength(1);
  });
});

describe("an admin", () => {
  it("sees only published findings, like a reader", async () => {
    for (const ref of [own, hid, bare]) expect(await getFlightView(key(ref), admin), key(ref)).toBeNull();
    const view = await getFlightView(key(pub), admin);
    expect(view).toMatchObject({ analyst: false, findingsVisible: true, notes: [], audit: [], analysts: [] });
    expect(view!.review!.assigneeEmail).toBeNull();
  });
});

describe("flight keys", () => {
  it.each([
    "",
    "nonsense",
    "0d8d01",
    "0d8d01-",
    "0d8d01-0",
    "0d8d01-01",
    "0d8d01-abc",
    "zzzzzz-1",
    "0d8d1-1",
    "0d8d01-1234567890123456789",
    "0d8d01-1 OR 1=1",
    "../0d8d01-1",
  ])("answers %j with null, for any viewer", async (bad) => {
    expect(await getFlightView(bad, analyst)).toBeNull();
    expect(await getFlightView(bad, null)).toBeNull();
  });

  it("answers a well-formed key of no flight, or of another aircraft's flight id, with null", async () => {
    expect(await getFlightView("0d8d01-999999999999", analyst)).toBeNull();
    expect(await getFlightView(flightKey("152d01", pub.id), analyst)).toBeNull();
    expect(await getFlightView(flightKey("0b0d01", pub.id), null)).toBeNull();
  });

  it("accepts a key in upper case", async () => {
    expect((await getFlightView(key(pub).toUpperCase(), null))?.flight.key).toBe(key(pub));
  });
});

describe("the findings overview", () => {
  const keysOf = (o: Awaited<ReturnType<typeof getFindingsOverview>>) => o.findings.map((f) => f.flight.key);

  it("shows readers exactly the published findings, newest first, with their publication time and a thinned track", async () => {
    const overview = await getFindingsOverview({ from: null, to: null }, "published");
    expect(overview.scope).toBe("published");
    expect(keysOf(overview)).toEqual([key(pub2), key(pub)]);
    expect(overview).toMatchObject({ spanFrom: "2024-08-07", spanTo: "2024-08-09" });
    for (const finding of overview.findings) expect(finding.publishedAtMs).toEqual(expect.any(Number));
    const pubFinding = overview.findings.find((f) => f.flight.key === key(pub))!;
    expect(pubFinding.points.length).toBeLessThanOrEqual(250);
    expect(pubFinding.points.length).toBeGreaterThan(1);
    expect(pubFinding.points[0]).toEqual({ timeMs: PUB_START_S * 1000, latDeg: 22, lonDeg: -80, altitudeFt: expect.any(Number) });
    expect(overview.findings.find((f) => f.flight.key === key(pub2))!.points).toHaveLength(20);
  });

  it("shows every flagged flight in the all-flagged scope, published or not, never an unflagged one", async () => {
    const overview = await getFindingsOverview({ from: null, to: null }, "all-flagged");
    expect(keysOf(overview)).toEqual([key(pub2), key(hid), key(pub), key(own)]);
    expect(overview).toMatchObject({ scope: "all-flagged", spanFrom: "2024-08-06", spanTo: "2024-08-09" });
    const publishedAt = new Map(overview.findings.map((f) => [f.flight.key, f.publishedAtMs]));
    expect(publishedAt.get(key(hid))).toBeNull();
    expect(publishedAt.get(key(own))).toBeNull();
    expect(publishedAt.get(key(pub))).toEqual(expect.any(Number));
    // The all-flagged scope is the analysts' view: findings in full.
    expect(overview.findings.find((f) => f.flight.key === key(own))!.flight.flags).toHaveLength(2);
  });

  it.each<[string | null, string | null, "published" | "all-flagged", string[]]>([
    ["2024-08-07", "2024-08-07", "published", ["pub"]],
    ["2024-08-08", null, "published", ["pub2"]],
    [null, "2024-08-08", "published", ["pub"]],
    ["2024-08-09", "2024-08-09", "published", ["pub2"]],
    ["2024-08-01", "2024-08-05", "published", []],
    ["2024-08-06", "2024-08-08", "all-flagged", ["hid", "pub", "own"]],
    ["2024-08-08", "2024-08-08", "all-flagged", ["hid"]],
  ])("limits the period from %s to %s (%s)", async (from, to, scope, expected) => {
    const names = { pub: key(pub), pub2: key(pub2), hid: key(hid), own: key(own) } as Record<string, string>;
    const overview = await getFindingsOverview({ from, to }, scope);
    expect(keysOf(overview)).toEqual(expected.map((n) => names[n]));
    // The span offered for the period picker is the whole scope's, not the period's.
    expect(overview.spanTo).toBe("2024-08-09");
  });

  it("reads the period as UTC days whatever the database session's time zone", async () => {
    // PUB2's first position is at 00:00 UTC on 9 August.
    await withSessionTimeZone("America/Havana", async () => {
      const overview = await getFindingsOverview({ from: "2024-08-09", to: "2024-08-09" }, "published");
      expect(keysOf(overview)).toEqual([key(pub2)]);
      const before = await getFindingsOverview({ from: null, to: "2024-08-08" }, "published");
      expect(keysOf(before)).toEqual([key(pub)]);
    });
  });
});
