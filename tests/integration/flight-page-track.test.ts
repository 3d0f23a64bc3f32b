import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMapTrack, encodeMapTrack } from "@/lib/core/flights/map-track";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { fillMissingMapTracks } from "@/lib/server/flights/fill-missing-map-tracks";
import { getFlightPage } from "@/lib/server/flights/get-flight-page";
import { getFlightView } from "@/lib/server/flights/get-flight-view";
import type { FlightRef } from "@/lib/server/flights/load-flight-records";
import { loadMapTracks } from "@/lib/server/flights/load-map-tracks";
import { loadProfilePositions } from "@/lib/server/flights/load-profile-positions";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { account, insertFlight, OPENSKY_HEADER, openskyRows, removeBatches, resetFlights } from "./support/review-fixtures";

/**
 * What the flight page reads instead of every position: the profile thinned in PostgreSQL (the
 * count exact, the ends and each gap's edges kept) and the map track stored at detection
 * (flights.map_track), with the positions as the fallback for flights detected before it.
 * Aircraft 0b0a10: 1,500 positions every 10 s from 2031-04-02 10:00 UTC.
 */
const ICAO24 = "0b0a10";
const START_S = Date.UTC(2031, 3, 2, 10, 0) / 1000;
const COUNT = 1500;
const STEP_S = 10;
let dir: string;
let batchId: string;
let analyst: CurrentUser;
let ref: FlightRef;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-page-track-"));
  await resetFlights([ICAO24]);
  analyst = await account("ANALYST");
  const file = path.join(dir, "track.csv");
  fs.writeFileSync(file, [OPENSKY_HEADER, ...openskyRows(ICAO24, START_S, COUNT, STEP_S)].join("\n"));
  const outcome = await importPositionsFile({ path: file, fileName: "track.csv", nowMs: Date.UTC(2031, 4, 1) });
  if (outcome.status !== "imported") throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  batchId = outcome.batchId;
  // One gap, off at +20 min and on at +30 min (the fixture's), both on stored positions.
  ref = await insertFlight({
    icao24: ICAO24,
    firstSeen: new Date(START_S * 1000).toISOString(),
    lastSeen: new Date((START_S + (COUNT - 1) * STEP_S) * 1000).toISOString(),
    score: 0.7,
    kinds: ["TRANSPONDER_GAP"],
    gaps: [true],
  });
});

afterAll(async () => {
  await resetFlights([ICAO24]);
  await removeBatches([batchId]);
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

const key = () => `${ref.icao24}-${ref.id}`;
const offMs = (START_S + 20 * 60) * 1000;
const onMs = (START_S + 30 * 60) * 1000;

describe("the flight page's track", () => {
  it("thins the profile in SQL: exact count, every k-th position, the ends and the gap's edges kept", async () => {
    const profile = await loadProfilePositions(ICAO24, START_S * 1000, (START_S + (COUNT - 1) * STEP_S) * 1000, [{ offTimeMs: offMs, onTimeMs: onMs }], 100);
    expect(profile.count).toBe(COUNT);
    expect(profile.points.length).toBeGreaterThanOrEqual(100);
    expect(profile.points.length).toBeLessThanOrEqual(104);
    const times = profile.points.map((p) => p.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(START_S * 1000);
    expect(times.at(-1)).toBe((START_S + (COUNT - 1) * STEP_S) * 1000);
    expect(times).toContain(offMs);
    expect(times).toContain(onMs);
    expect(profile.points[0]).toEqual({ timeMs: START_S * 1000, altitudeFt: expect.closeTo(32808, 0), groundSpeedKt: expect.closeTo(447.1, 0) });
  });

  it("gives the page a thinned track and no positions; the exports keep every position", async () => {
    const page = await getFlightView(key(), analyst, "page");
    expect(page?.positions).toEqual([]);
    expect(page?.page?.positionCount).toBe(COUNT);
    expect(page!.page!.profile.length).toBeLessThanOrEqual(1204);
    // No stored map track (detected before the column): the positions, thinned.
    expect(page!.page!.map.length).toBeGreaterThan(1);
    expect(page!.page!.map.length).toBeLessThanOrEqual(2000);
    expect(page!.page!.map[0]).toMatchObject({ timeMs: START_S * 1000, latDeg: 22, lonDeg: -80 });

    const exported = await getFlightView(key(), analyst);
    expect(exported?.positions).toHaveLength(COUNT);
    expect(exported?.page).toBeNull();
  });

  it("reads the map track detection stored rather than the positions", async () => {
    const stored = encodeMapTrack(
      [
        { timeMs: START_S * 1000, latDeg: 22, lonDeg: -80, altitudeFt: 32000 },
        { timeMs: (START_S + 600) * 1000, latDeg: 21.5, lonDeg: -79.5, altitudeFt: null },
        { timeMs: (START_S + 1200) * 1000, latDeg: 21, lonDeg: -79, altitudeFt: 33000 },
      ],
      [],
    );
    await dbPool().query(`UPDATE flights SET map_track = $3 WHERE icao24 = $1 AND id = $2`, [ref.icao24, ref.id, Buffer.from(stored)]);
    const view = await getFlightView(key(), analyst, "page");
    const [track] = await loadMapTracks([view!.flight]);
    expect(track).toEqual([
      { timeMs: START_S * 1000, latDeg: 22, lonDeg: -80, altitudeFt: 32000 },
      { timeMs: (START_S + 600) * 1000, latDeg: 21.5, lonDeg: -79.5, altitudeFt: null },
      { timeMs: (START_S + 1200) * 1000, latDeg: 21, lonDeg: -79, altitudeFt: 33000 },
    ]);
    expect((await getFlightView(key(), analyst, "page"))?.page?.map).toEqual(track);
  });

  it("keeps an analyst's drawn track until the flight is detected again", async () => {
    const first = await getFlightPage(key(), analyst);
    expect(first?.view.analyst).toBe(true);
    expect(first?.view.page.positionCount).toBe(COUNT);
    const again = await getFlightPage(key(), analyst);
    expect(again?.map).toBe(first?.map);
    expect(again?.profile).toBe(first?.profile);

    // Re-detection rewrites the stored track and its time: the next page draws the new one.
    const moved = encodeMapTrack(
      [
        { timeMs: START_S * 1000, latDeg: 15, lonDeg: -70, altitudeFt: 30000 },
        { timeMs: (START_S + 600) * 1000, latDeg: 15.5, lonDeg: -69.5, altitudeFt: 30000 },
      ],
      [],
    );
    await dbPool().query(`UPDATE flights SET map_track = $3, detected_at = now() + interval '1 second' WHERE icao24 = $1 AND id = $2`, [
      ref.icao24,
      ref.id,
      Buffer.from(moved),
    ]);
    const after = await getFlightPage(key(), analyst);
    expect(after?.map).not.toBe(first?.map);
    expect(after?.view.page.map.map((p) => p.latDeg)).toEqual([15, 15.5]);
  });

  it("packs the track of a flight stored without one from its positions, as its page drew them, and only then", async () => {
    await dbPool().query(`UPDATE flights SET map_track = NULL WHERE icao24 = $1 AND id = $2`, [ref.icao24, ref.id]);
    const view = await getFlightView(key(), analyst, "page");
    const [fromPositions] = await loadMapTracks([view!.flight]);
    expect(fromPositions!.length).toBeGreaterThan(1);

    expect(await fillMissingMapTracks()).toBeGreaterThanOrEqual(1);
    const { rows } = await dbPool().query<{ map_track: Buffer | null }>(`SELECT map_track FROM flights WHERE icao24 = $1 AND id = $2`, [ref.icao24, ref.id]);
    const packed = decodeMapTrack(rows[0]!.map_track!);
    // The same points (gaps' edges kept), to the second and 1e-5 degree.
    expect(packed.map((p) => p.timeMs)).toEqual(fromPositions!.map((p) => p.timeMs));
    packed.forEach((p, i) => {
      expect(p.latDeg).toBeCloseTo(fromPositions![i]!.latDeg, 5);
      expect(p.lonDeg).toBeCloseTo(fromPositions![i]!.lonDeg, 5);
    });
    expect(packed.map((p) => p.timeMs)).toContain(offMs);

    // A stored track is never rewritten: the fill asks only for empty ones.
    const drawn = Buffer.from(encodeMapTrack([{ timeMs: START_S * 1000, latDeg: 1, lonDeg: 2, altitudeFt: 3 }], []));
    await dbPool().query(`UPDATE flights SET map_track = $3 WHERE icao24 = $1 AND id = $2`, [ref.icao24, ref.id, drawn]);
    await fillMissingMapTracks();
    const again = await dbPool().query<{ map_track: Buffer }>(`SELECT map_track FROM flights WHERE icao24 = $1 AND id = $2`, [ref.icao24, ref.id]);
    expect(again.rows[0]!.map_track.equals(drawn)).toBe(true);
  });
});
