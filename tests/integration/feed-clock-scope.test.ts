import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CanonicalPosition } from "@/lib/ingest/canonical-position";
import { addAlertRule } from "@/lib/server/alerts/add-alert-rule";
import { evaluateLiveAlerts } from "@/lib/server/alerts/evaluate-live-alerts";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { commitLiveBatch } from "@/lib/server/live/commit-live-batch";
import { queueOpenSilences } from "@/lib/server/live/queue-open-silences";
import { clocksOfFixes, feedClocksOfFixes, loadStreamClocks } from "@/lib/server/live/stream-clocks";

/**
 * Which flights a feed's clock speaks for. Placed by hand: a file brings aircraft ee0001 (last
 * heard at T − 20 min), a live feed brings ee0002 (last heard at T − 10 min) and ee0003 (heard up
 * to T, the feed's clock and the end of the data). Both flights are of interest and go from Cuba
 * to Venezuela. Only the feed's aircraft is live: queued for its open silence and alerted; the
 * file's is graded at the end of the data and raises no live alert. A feed that committed nothing
 * for 6 h (this machine's time) has stopped, the only feed included.
 */
const T = Date.parse("2024-08-05T12:00:00Z");
const MIN = 60_000;
const FEED = "sbs1://127.0.0.1:30003";
const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";

const livePosition = (icao24: string, timeMs: number): CanonicalPosition => ({
  time: new Date(timeMs), icao24, callsign: "LIVE1", latDeg: 15, lonDeg: -70, altitudeBaroFt: 35000, altitudeGeoFt: null,
  groundSpeedKt: 450, trackDeg: 180, verticalRateFpm: 0, squawk: null, onGround: false, source: "ADSB",
});
const endpoint = (airportIcao: string, country: string) => ({ airportIcao, country, method: "airport", explanation: "departed from an airport" });

/** A flight ending at `lastSeenMs`, flagged as an aircraft of interest flying Cuba → Venezuela. */
async function flaggedFlight(icao24: string, lastSeenMs: number): Promise<void> {
  const pool = dbPool();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO flights (icao24, first_seen, last_seen, position_count, distance_km, detector_version)
     VALUES ($1, $2, $3, 10, 100, 'test') RETURNING id::text`,
    [icao24, new Date(lastSeenMs - 30 * MIN), new Date(lastSeenMs)],
  );
  const cubaVenezuela = { summary: "Havana to Caracas", direction: "CU→VE", basis: "airports", origin: endpoint("MUHA", "CU"), destination: endpoint("SVMI", "VE") };
  for (const [kind, evidence] of [["TYPE_OF_INTEREST", {}], ["CUBA_VENEZUELA", cubaVenezuela]] as const) {
    await pool.query(
      `INSERT INTO flags (icao24, flight_id, kind, window_start, window_end, evidence, rule_version, config)
       VALUES ($1, $2, $3::"FlagKind", $4, $5, $6, 'test', '{}')`,
      [icao24, rows[0]!.id, kind, new Date(lastSeenMs - 30 * MIN), new Date(lastSeenMs), JSON.stringify(evidence)],
    );
  }
}

let dir: string;

beforeAll(async () => {
  const pool = dbPool();
  await pool.query(
    `TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests, reception_visits, reception_cells,
              live_feed_clocks, alerts, alert_deliveries CASCADE`,
  );
  await pool.query(`DELETE FROM alert_rules`);
  await addAlertRule({ rule: "all", channel: "in-app" }, "cli");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-feed-clock-"));
  const file = path.join(dir, "file.csv");
  const rows = [30, 25, 20].map((m) => `${(T - m * MIN) / 1000},ee0001,15,-70,231.5,180,0,FILE1   ,False,False,False,1000,10668,10700,,`);
  fs.writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
  expect((await importPositionsFile({ path: file, fileName: "file.csv", nowMs: Date.now() })).status).toBe("imported");
  const live = [livePosition("ee0002", T - 15 * MIN), livePosition("ee0002", T - 10 * MIN), livePosition("ee0003", T - 10 * MIN), livePosition("ee0003", T)];
  expect((await commitLiveBatch(live, new Map(), { label: FEED, format: "sbs1" })).inserted).toBe(4);
  await flaggedFlight("ee0001", T - 20 * MIN);
  await flaggedFlight("ee0002", T - 10 * MIN);
  // What the import and the commit asked of detection is not this test's: only what the queue adds.
  await pool.query(`DELETE FROM detection_requests`);
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await dbPool().query(`TRUNCATE alerts, alert_deliveries, detection_requests, live_feed_clocks CASCADE`);
  await closeDbPool();
});

describe("a feed's clock speaks for the aircraft it heard last, while it runs", () => {
  it("measures a live fix by its feed and a file's by the end of the data; a feed quiet for 6 h has stopped, even alone", async () => {
    const fixes = [{ icao24: "ee0001", time: new Date(T - 20 * MIN) }, { icao24: "ee0002", time: new Date(T - 10 * MIN) }];
    const running = (await loadStreamClocks(dbPool()))!;
    expect(running.dataEndMs).toBe(T);
    expect([...running.feedClocksMs]).toEqual([[FEED, T]]);
    expect(await feedClocksOfFixes(dbPool(), running, fixes)).toEqual([null, T]);
    expect(await clocksOfFixes(dbPool(), running, fixes)).toEqual([T, T]);
    // Seven hours on this machine's clock without a commit: the sole feed has stopped.
    const later = (await loadStreamClocks(dbPool(), Date.now() + 7 * 60 * MIN))!;
    expect(later.feedClocksMs.size).toBe(0);
    expect(await feedClocksOfFixes(dbPool(), later, fixes)).toEqual([null, null]);
  });

  it("queues the open silence of the feed's aircraft only, not of the file's", async () => {
    expect(await queueOpenSilences(60, 6 * 3600)).toBe(1);
    const queued = await dbPool().query<{ icao24: string }>(`SELECT DISTINCT icao24 FROM detection_requests WHERE window_start = window_end`);
    expect(queued.rows.map((r) => r.icao24.trim())).toEqual(["ee0002"]);
  });

  it("raises live alerts for the feed's flight only, dated by its feed's clock", async () => {
    const raised = await evaluateLiveAlerts("http://localhost:3000");
    expect(raised.map((a) => a.rule).sort()).toEqual(["cuba-venezuela"]);
    const stored = await dbPool().query<{ icao24: string; at: Date }>(`SELECT icao24, at FROM alerts`);
    expect(stored.rows.map((r) => [r.icao24.trim(), r.at.getTime()])).toEqual([["ee0002", T]]);
  });
});
