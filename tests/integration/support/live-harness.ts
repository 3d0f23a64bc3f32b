import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { dbPool } from "@/lib/server/db/pool";
import { importAircraftRegistry } from "@/lib/server/ingest/import-aircraft-registry";
import { importScheduleFile } from "@/lib/server/ingest/import-schedule-file";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";

export const SCENARIO = path.resolve(import.meta.dirname, "../../../fixtures/scenario");

/** The scenario's OpenSky rows (header apart), sorted by time then address as in the file. */
export function scenarioRows(): { header: string; rows: string[] } {
  const lines = zlib.gunzipSync(fs.readFileSync(path.join(SCENARIO, "positions_opensky.csv.gz"))).toString("utf8").trimEnd().split("\n");
  return { header: lines[0]!, rows: lines.slice(1) };
}

export const timeSOf = (line: string) => Number(line.slice(0, line.indexOf(",")));

/** Write the rows with time in [fromIso, toIso) as an OpenSky CSV in `dir`. */
export function writeWindow(dir: string, name: string, header: string, rows: string[], fromIso: string, toIso: string): string {
  const from = Date.parse(fromIso) / 1000;
  const to = Date.parse(toIso) / 1000;
  const file = path.join(dir, name);
  fs.writeFileSync(file, [header, ...rows.filter((l) => timeSOf(l) >= from && timeSOf(l) < to)].join("\n") + "\n");
  return file;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-live-"));
}

/** An empty database with the reference data, the scenario's registry and schedules. */
export async function resetForLive(): Promise<void> {
  await dbPool().query(
    `TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, schedules, detection_requests,
              reception_visits, reception_cells, alerts, alert_deliveries, live_feeds CASCADE`,
  );
  await dbPool().query(`DELETE FROM alert_rules WHERE channel = 'webhook'`);
  await ensureReferenceData();
  await importAircraftRegistry({ path: path.join(SCENARIO, "aircraft.csv"), fileName: "aircraft.csv" });
  await importScheduleFile({ path: path.join(SCENARIO, "schedules.csv"), fileName: "schedules.csv" });
}

export interface ReceivedHook {
  body: Record<string, unknown>;
  receivedAtMs: number;
  /** The replay's stream clock when the webhook arrived. */
  streamTimeMs: number;
}

/** A local HTTP server that records every POST (a webhook receiver, like Slack's). */
export async function startHookReceiver(streamTimeMs: () => number, status = () => 200): Promise<{ url: string; hooks: ReceivedHook[]; close(): Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      const code = status();
      if (code < 300) hooks.push({ body: JSON.parse(text) as Record<string, unknown>, receivedAtMs: Date.now(), streamTimeMs: streamTimeMs() });
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hooks, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The positions of a time window as comparable rows (the fields SBS-1 carries). */
export async function positionRows(fromIso: string, toIso: string): Promise<string[]> {
  const { rows } = await dbPool().query<{ row: string }>(
    `SELECT concat_ws('|', icao24, to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), lat_deg, lon_deg, altitude_baro_ft,
                      ground_speed_kt, track_deg, vertical_rate_fpm, coalesce(callsign, '-'), coalesce(squawk, '-'), on_ground) AS row
       FROM positions WHERE time >= $1 AND time < $2 ORDER BY icao24, time`,
    [fromIso, toIso],
  );
  return rows.map((r) => r.row);
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
