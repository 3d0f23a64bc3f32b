import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import type { LatLon } from "@/lib/core/geo/lat-lon";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { listFlights, type FlightSummary } from "@/lib/server/flights/list-flights";
import { importAircraftRegistry } from "@/lib/server/ingest/import-aircraft-registry";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { addWatchedZone } from "@/lib/server/reference/add-watched-zone";
import { addWatchlistEntry } from "@/lib/server/reference/add-watchlist-entry";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";
import { listWatchlistEntries } from "@/lib/server/reference/list-watchlist-entries";
import { listZones } from "@/lib/server/reference/list-zones";
import { removeWatchedZone } from "@/lib/server/reference/remove-watched-zone";
import { removeWatchlistEntry } from "@/lib/server/reference/remove-watchlist-entry";
import { setZoneWatched } from "@/lib/server/reference/set-zone-watched";
import { changeReviewStatus } from "@/lib/server/review/change-review-status";
import { setFindingPublished } from "@/lib/server/review/set-finding-published";
import { account, auditRows, reviewRow } from "./support/review-fixtures";

/**
 * Analysts edit the watchlist and the watched zones; the next `detect --all` follows. Two small
 * tracks over the open Atlantic (no airport, no FIR of interest): a Boeing 757 flying straight,
 * and a Boeing 737 that bends 275 km north around a square the test then adds as a zone.
 */
const STRAIGHT = "a1b2c3"; // B752, not on the default watchlist
const DOGLEG = "a1b2c4"; // B738
const T0_S = Date.UTC(2024, 7, 6, 14, 0) / 1000;
const ZONE_SQUARE = [[[-57.6, 24.4], [-56.4, 24.4], [-56.4, 25.6], [-57.6, 25.6], [-57.6, 24.4]]];

let dir: string;
let watchlistBefore: { kind: string; value: string; note: string | null }[];
let zonesBefore: { code: string; watched: boolean }[];

/** One position every 30 s at 450 kt along straight lon/lat legs, at FL350 (OpenSky units: m, m/s). */
function openskyRows(icao24: string, legs: LatLon[], callsign: string): string[] {
  const stepKm = (450 * 1.852 * 30) / 3600;
  const rows: string[] = [];
  let timeS = T0_S;
  for (let leg = 0; leg + 1 < legs.length; leg++) {
    const from = legs[leg]!;
    const to = legs[leg + 1]!;
    const n = Math.ceil(greatCircleDistanceKm(from, to) / stepKm);
    for (let i = leg === 0 ? 0 : 1; i <= n; i++) {
      const latDeg = from.latDeg + ((to.latDeg - from.latDeg) * i) / n;
      const lonDeg = from.lonDeg + ((to.lonDeg - from.lonDeg) * i) / n;
      rows.push([timeS, icao24, latDeg.toFixed(5), lonDeg.toFixed(5), "231.5", "", "0", callsign, "false", "", "10668", "10700", "0"].join(","));
      timeS += 30;
    }
  }
  return rows;
}

const flightOf = (flights: FlightSummary[], icao24: string) => {
  const found = flights.filter((f) => f.icao24 === icao24);
  expect(found, `one flight of ${icao24}`).toHaveLength(1);
  return found[0]!;
};
const kindsOf = (flight: FlightSummary) => flight.flags.map((f) => f.kind);
async function detectAll() {
  await runDetection({ all: true });
  return listFlights();
}
async function zoneRow(code: string) {
  const { rows } = await dbPool().query<{ kind: string; watched: boolean; geometry: unknown }>(`SELECT kind, watched, geometry FROM zones WHERE code = $1`, [code]);
  return rows[0] ?? null;
}
const zoneCount = async () => Number((await dbPool().query<{ n: string }>(`SELECT count(*) AS n FROM zones`)).rows[0]!.n);

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, schedules, detection_requests CASCADE");
  await ensureReferenceData();
  watchlistBefore = (await dbPool().query(`SELECT kind::text, value, note FROM watchlist_entries`)).rows;
  zonesBefore = (await dbPool().query(`SELECT code, watched FROM zones`)).rows;

  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-watchlist-"));
  const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,squawk,baroaltitude,geoaltitude,position_source";
  const rows = [
    ...openskyRows(STRAIGHT, [{ latDeg: 20, lonDeg: -60 }, { latDeg: 20, lonDeg: -54 }], "TST752"),
    ...openskyRows(DOGLEG, [{ latDeg: 25, lonDeg: -62 }, { latDeg: 27.5, lonDeg: -57 }, { latDeg: 25, lonDeg: -52 }], "TST738"),
  ];
  fs.writeFileSync(path.join(dir, "tracks.csv"), [header, ...rows].join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "aircraft.csv"), `icao24,registration,typecode\n${STRAIGHT},N752TS,B752\n${DOGLEG},N738TS,B738\n`);
  const imported = await importPositionsFile({ path: path.join(dir, "tracks.csv"), fileName: "tracks.csv", nowMs: Date.parse("2026-01-01T00:00:00Z") });
  expect(imported).toMatchObject({ status: "imported", rejections: { rejected: 0 } });
  expect((await importAircraftRegistry({ path: path.join(dir, "aircraft.csv"), fileName: "aircraft.csv" })).status).toBe("imported");
});

afterAll(async () => {
  // Leave the watchlist and the zones as this file found them (the defaults: six type codes, TNCF watched).
  const pool = dbPool();
  await pool.query(`DELETE FROM watchlist_entries`);
  await pool.query(
    `INSERT INTO watchlist_entries (kind, value, note)
     SELECT kind::"WatchlistKind", value, note FROM jsonb_to_recordset($1::jsonb) AS r(kind text, value text, note text)`,
    [JSON.stringify(watchlistBefore)],
  );
  await pool.query(`DELETE FROM zones WHERE NOT (code = ANY($1::text[]))`, [zonesBefore.map((z) => z.code)]);
  await pool.query(
    `UPDATE zones z SET watched = r.watched FROM jsonb_to_recordset($1::jsonb) AS r(code text, watched boolean) WHERE z.code = r.code`,
    [JSON.stringify(zonesBefore)],
  );
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

describe("the type watchlist", () => {
  it("starts with the six default type codes (seeded by the migration)", async () => {
    const typecodes = (await listWatchlistEntries()).filter((e) => e.kind === "TYPECODE").map((e) => e.value);
    expect(typecodes).toEqual(expect.arrayContaining(["IL76", "IL96", "A342", "A343", "A345", "A346"]));
    expect(typecodes).not.toContain("B752");
  });

  it("a type code added flags that type at the next detection; removed, the flag goes", async () => {
    expect(kindsOf(flightOf(await detectAll(), STRAIGHT))).not.toContain("TYPE_OF_INTEREST");

    expect(await addWatchlistEntry({ kind: "typecode", value: " b752 ", note: "test" })).toMatchObject({ added: true, entry: { kind: "TYPECODE", value: "B752", note: "test" } });
    expect(await addWatchlistEntry({ kind: "TYPECODE", value: "B752" })).toMatchObject({ added: false, entry: { value: "B752", note: "test" } });
    let flights = await detectAll();
    const flag = flightOf(flights, STRAIGHT).flags.find((f) => f.kind === "TYPE_OF_INTEREST");
    expect(flag).toMatchObject({ typecode: "B752", matchedBy: ["type B752 is on the type watchlist"] });
    expect(kindsOf(flightOf(flights, DOGLEG))).not.toContain("TYPE_OF_INTEREST");

    expect(await removeWatchlistEntry({ kind: "typecode", value: "B752" })).toEqual({ kind: "TYPECODE", value: "B752" });
    flights = await detectAll();
    expect(kindsOf(flightOf(flights, STRAIGHT))).not.toContain("TYPE_OF_INTEREST");
    await expect(removeWatchlistEntry({ kind: "typecode", value: "B752" })).rejects.toMatchObject({ code: "NOT_FOUND", message: /B752 is not on the watchlist/ });
  });

  it("an address or a tag flags the aircraft too (tags compared case-insensitively)", async () => {
    await addWatchlistEntry({ kind: "icao24", value: DOGLEG.toUpperCase() });
    expect(flightOf(await detectAll(), DOGLEG).flags.find((f) => f.kind === "TYPE_OF_INTEREST")).toMatchObject({
      matchedBy: [`address ${DOGLEG} is on the watchlist`],
    });
    await removeWatchlistEntry({ kind: "icao24", value: DOGLEG });

    await dbPool().query(`UPDATE aircraft SET tags = ARRAY['Government'] WHERE icao24 = $1`, [STRAIGHT]);
    expect((await addWatchlistEntry({ kind: "tag", value: "government" })).added).toBe(true);
    expect((await addWatchlistEntry({ kind: "tag", value: "GOVERNMENT" })).added).toBe(false);
    expect(flightOf(await detectAll(), STRAIGHT).flags.find((f) => f.kind === "TYPE_OF_INTEREST")).toMatchObject({ matchedBy: ['tagged "Government"'] });
    await removeWatchlistEntry({ kind: "tag", value: "Government" });
    expect(kindsOf(flightOf(await detectAll(), STRAIGHT))).not.toContain("TYPE_OF_INTEREST");
  });

  it.each([
    [{ kind: "typecode", value: "IL-76" }, /typecode "IL-76": an ICAO type designator is 2-4 letters or digits/],
    [{ kind: "typecode", value: "B" }, /2-4 letters or digits/],
    [{ kind: "icao24", value: "0b04e" }, /icao24 "0b04e": a 24-bit address is 6 hex digits/],
    [{ kind: "icao24", value: "0b04eg" }, /6 hex digits/],
    [{ kind: "tag", value: "x".repeat(101) }, /a tag is at most 100 characters/],
    [{ kind: "tag", value: "   " }, /a tag cannot be empty/],
    [{ kind: "aircraft", value: "IL76" }, /unknown watchlist kind "aircraft": expected typecode, icao24, tag/],
  ])("refuses %o, writing nothing", async (entry, message) => {
    const before = await listWatchlistEntries();
    await expect(addWatchlistEntry(entry)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    expect(await listWatchlistEntries()).toEqual(before);
  });
});

describe("a decided finding at re-detection", () => {
  it("stays as it is while its flags do not change; goes back to review, unpublished, when they do", async () => {
    await addWatchlistEntry({ kind: "typecode", value: "B752" });
    const flight = flightOf(await detectAll(), STRAIGHT);
    expect(kindsOf(flight)).toContain("TYPE_OF_INTEREST");
    const ref = { icao24: STRAIGHT, id: flight.id };
    const analyst = await account("ANALYST");
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    await setFindingPublished(analyst, ref, true);

    // Same flags at the next detection: the decision and the publication stand.
    expect(flightOf(await detectAll(), STRAIGHT).id).toBe(flight.id);
    expect(await reviewRow(ref)).toMatchObject({ status: "CONFIRMED", published: true });

    // The type leaves the watchlist: the flag the decision stood behind is gone.
    await removeWatchlistEntry({ kind: "typecode", value: "B752" });
    expect(kindsOf(flightOf(await detectAll(), STRAIGHT))).not.toContain("TYPE_OF_INTEREST");
    expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW", published: false });
    const trail = (await auditRows(ref)).slice(-2);
    expect(trail.map((a) => [a.action, a.actor_email])).toEqual([
      ["unpublished", "re-detection"],
      ["review-status", "re-detection"],
    ]);
    expect(trail[1]!.details).toMatchObject({ from: "CONFIRMED", to: "IN_REVIEW", reason: "its flags changed at re-detection: Type of interest, Unscheduled, gap → gap" });
    await dbPool().query(`DELETE FROM reviews WHERE icao24 = $1`, [STRAIGHT]);
  });
});

describe("watched zones", () => {
  const featureCollection = (coordinates: unknown) =>
    JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { name: "test square" }, geometry: { type: "Polygon", coordinates } }] });

  it("a zone added from GeoJSON is watched: a track bending around it is ZONE_AVOIDANCE; unwatched it is not", async () => {
    expect(kindsOf(flightOf(await detectAll(), DOGLEG))).not.toContain("ZONE_AVOIDANCE");

    const added = await addWatchedZone({ code: "test-square", name: "Test square", geojson: featureCollection(ZONE_SQUARE), fileName: "square.geojson" });
    expect(added).toMatchObject({ code: "TEST-SQUARE", kind: "WATCHED", watched: true, polygonCount: 1, vertexCount: 5, bbox: [-57.6, 24.4, -56.4, 25.6] });
    expect((await listZones()).find((z) => z.code === "TEST-SQUARE")).toMatchObject({ kind: "WATCHED", watched: true, source: "analyst, from square.geojson" });
    expect((await zoneRow("TEST-SQUARE"))?.geometry).toEqual({ type: "Polygon", coordinates: ZONE_SQUARE });

    let flights = await detectAll();
    expect(flightOf(flights, DOGLEG).flags.find((f) => f.kind === "ZONE_AVOIDANCE")).toMatchObject({
      zone: "TEST-SQUARE",
      maxOffsetKm: expect.toSatisfy((km: number) => km > 250),
    });
    expect(kindsOf(flightOf(flights, STRAIGHT))).not.toContain("ZONE_AVOIDANCE");

    expect(await setZoneWatched({ code: "test-square", watched: false })).toMatchObject({ changed: true, zone: { code: "TEST-SQUARE", watched: false } });
    expect(kindsOf(flightOf(await detectAll(), DOGLEG))).not.toContain("ZONE_AVOIDANCE");
    expect((await setZoneWatched({ code: "TEST-SQUARE", watched: true })).changed).toBe(true);
    expect((await setZoneWatched({ code: "TEST-SQUARE", watched: true })).changed).toBe(false);
    flights = await detectAll();
    expect(kindsOf(flightOf(flights, DOGLEG))).toContain("ZONE_AVOIDANCE");

    expect(await removeWatchedZone("test-square")).toMatchObject({ code: "TEST-SQUARE", kind: "WATCHED" });
    expect(await zoneRow("TEST-SQUARE")).toBeNull();
    expect(kindsOf(flightOf(await detectAll(), DOGLEG))).not.toContain("ZONE_AVOIDANCE");
  });

  it("a FIR can be watched and unwatched by code", async () => {
    expect(await zoneRow("SKEC")).toMatchObject({ kind: "FIR", watched: false });
    expect(await setZoneWatched({ code: "skec", watched: true })).toMatchObject({ changed: true, zone: { code: "SKEC", kind: "FIR", watched: true } });
    expect((await listZones()).filter((z) => z.watched).map((z) => z.code)).toEqual(expect.arrayContaining(["SKEC", "TNCF"]));
    expect(await setZoneWatched({ code: "TNCF", watched: false })).toMatchObject({ changed: true, zone: { watched: false } });
    await setZoneWatched({ code: "SKEC", watched: false });
    await setZoneWatched({ code: "TNCF", watched: true });
    await expect(setZoneWatched({ code: "ZZZZ", watched: true })).rejects.toMatchObject({ code: "NOT_FOUND", message: /no zone ZZZZ/ });
  });

  it("seeded FIRs cannot be removed, only unwatched; their codes cannot be taken", async () => {
    const tncf = await zoneRow("TNCF");
    await expect(removeWatchedZone("TNCF")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/zone TNCF \(Curaçao FIR\) is a seeded FIR: it cannot be removed, only unwatched/),
    });
    await expect(addWatchedZone({ code: "TNCF", name: "Mine", geojson: featureCollection(ZONE_SQUARE), fileName: "x.geojson" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/zone TNCF already exists: a FIR/),
    });
    expect(await zoneRow("TNCF")).toEqual(tncf);
    await expect(removeWatchedZone("NOPE")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  const square = ZONE_SQUARE[0]!;
  it.each([
    ["not JSON", "{ type: Polygon", /bad\.geojson is not a usable zone: not JSON/],
    ["an empty file", "  \n", /the file is empty/],
    ["a point", JSON.stringify({ type: "Point", coordinates: [-57, 25] }), /GeoJSON type "Point" cannot be a zone: a zone is a Polygon or MultiPolygon/],
    ["a feature without geometry", JSON.stringify({ type: "Feature", geometry: null, properties: {} }), /geometry: the Feature has no geometry/],
    ["two features", JSON.stringify({ type: "FeatureCollection", features: [{}, {}] }), /the FeatureCollection holds 2 features; one zone per file/],
    ["an open ring", featureCollection([square.slice(0, 4)]), /features\[0\]\.geometry\.coordinates\[0\]: ring is not closed: it starts at \[-57\.6, 24\.4\] and ends at \[-57\.6, 25\.6\]/],
    ["a 3-position ring", featureCollection([[[-57, 25], [-56, 25], [-57, 25]]]), /coordinates\[0\]: a ring needs at least 4 positions .* found 3/],
    ["a longitude out of range", featureCollection([[[-57, 25], [-56, 25], [-56, 26], [-257, 25], [-57, 25]]]), /coordinates\[0\]\[3\]: longitude -257 is outside -180…180/],
    ["lat/lon swapped", JSON.stringify({ type: "Polygon", coordinates: [[[25, -157], [25, -156], [26, -156], [25, -157]]] }), /coordinates\[0\]\[0\]: latitude -157 is outside -90…90 \(GeoJSON positions are \[longitude, latitude\]\)/],
    ["a string coordinate", JSON.stringify({ type: "Polygon", coordinates: [[[-57, "25"], [-56, 25], [-56, 26], [-57, 25]]] }), /coordinates\[0\]\[0\]\[1\]: a coordinate must be a number/],
    ["a bad ring inside a MultiPolygon", JSON.stringify({ type: "MultiPolygon", coordinates: [ZONE_SQUARE, [[[-50, 20], [-49, 20], [-49, 21]]]] }), /coordinates\[1\]\[0\]: a ring needs at least 4 positions/],
    ["a ring across the antimeridian", JSON.stringify({ type: "Polygon", coordinates: [[[179, 10], [-179, 10], [-179, 11], [179, 11], [179, 10]]] }), /crosses the antimeridian/],
    ["a flat ring", JSON.stringify({ type: "Polygon", coordinates: [[[-57, 25], [-56, 25], [-55, 25], [-57, 25]]] }), /ring encloses no area/],
  ])("refuses %s with a clear message, writing nothing", async (_what, geojson, message) => {
    const before = await zoneCount();
    await expect(addWatchedZone({ code: "BAD-ZONE", name: "Bad", geojson, fileName: "bad.geojson" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(message),
    });
    expect(await zoneRow("BAD-ZONE")).toBeNull();
    expect(await zoneCount()).toBe(before);
  });

  it("accepts a bare MultiPolygon and a Feature, dropping altitudes", async () => {
    const withAltitude = [[[-57.6, 24.4, 100], [-56.4, 24.4, 100], [-56.4, 25.6, 100], [-57.6, 24.4, 100]]];
    await addWatchedZone({ code: "MP", name: "Multi", geojson: JSON.stringify({ type: "MultiPolygon", coordinates: [withAltitude, ZONE_SQUARE] }), fileName: "mp.json" });
    expect((await zoneRow("MP"))?.geometry).toEqual({
      type: "MultiPolygon",
      coordinates: [[[[-57.6, 24.4], [-56.4, 24.4], [-56.4, 25.6], [-57.6, 24.4]]], ZONE_SQUARE],
    });
    await addWatchedZone({ code: "FEAT", name: "Feature", geojson: JSON.stringify({ type: "Feature", properties: null, geometry: { type: "Polygon", coordinates: ZONE_SQUARE } }), fileName: "f.json" });
    expect(await zoneRow("FEAT")).toMatchObject({ kind: "WATCHED", watched: true });
    await removeWatchedZone("MP");
    await removeWatchedZone("FEAT");
  });
});
