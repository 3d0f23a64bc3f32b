import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CanonicalPosition } from "@/lib/ingest/canonical-position";
import { formatSbs1Lines } from "@/lib/ingest/format-sbs1";
import { parseAircraftJson } from "@/lib/ingest/parse-aircraft-json";
import { parseSbs1 } from "@/lib/ingest/parse-sbs1";
import type { ParseEvent } from "@/lib/ingest/types";
import { startReplay, type Replay } from "@/lib/infra/replay-server";

const NOW_MS = Date.UTC(2200, 0, 1);
const START_MS = Date.UTC(2024, 7, 12, 9, 0, 0, 250);
let dir: string;
let sbsFile: string;
let csvFile: string;
let original: CanonicalPosition[];
const replays: Replay[] = [];

/**
 * Three aircraft, one position each every 2 s for 200 s. A field is either always known or
 * never (SBS-1 cannot say "no longer known", see format-sbs1.ts), so the file parses to these
 * exact records and replaying them must give them again.
 */
function generated(): CanonicalPosition[] {
  const records: CanonicalPosition[] = [];
  for (let s = 0; s < 200; s += 2) {
    for (const [k, icao24] of ["4ca2d6", "40621d", "0b04e2"].entries()) {
      const onGround = k === 2 && s < 60;
      records.push({
        time: new Date(START_MS + s * 1000 + k * 7), icao24, callsign: k === 1 ? null : `TST${k}0${s % 7}`,
        latDeg: 20 + k + s / 1000.3, lonDeg: -75 - s / 997.1, altitudeBaroFt: onGround ? null : 1000 * k + s * 10,
        altitudeGeoFt: null, groundSpeedKt: 100.25 + s, trackDeg: (s * 1.7) % 360, verticalRateFpm: k === 1 ? null : 64 * (k - 1),
        squawk: k === 1 ? null : "2000", onGround, source: "ADSB",
      });
    }
  }
  return records;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-replay-"));
  original = generated();
  sbsFile = path.join(dir, "feed.sbs");
  fs.writeFileSync(sbsFile, `${original.flatMap(formatSbs1Lines).join("\r\n")}\r\n`);
  csvFile = path.join(dir, "positions.csv");
  fs.writeFileSync(
    csvFile,
    ["time,hex,lat,lon,altitude,registration,type", "2024-08-12T09:00:00.250Z,7c6b2d,20.1,-75.2,33000,CU-T1250,IL96", "2024-08-12T09:00:30Z,7c6b2d,20.2,-75.3,33100,CU-T1250,IL96", "2024-08-12T09:01:00Z,0b04e2,23.4,-82.3,0,,"].join("\n"),
  );
  return () => fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(replays.splice(0).map((replay) => replay.stop()));
});

async function replay(options: Partial<Parameters<typeof startReplay>[0]>): Promise<Replay> {
  const started = await startReplay({ file: sbsFile, speed: 100, sbs1Port: 0, aircraftJsonPort: 0, nowMs: NOW_MS, ...options });
  replays.push(started);
  return started;
}

/** Connects and collects everything the server writes until the socket closes. */
function listen(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  const client = { socket, text: "", closed: false };
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (client.text += chunk));
  socket.on("close", () => (client.closed = true));
  socket.on("error", () => undefined);
  return client;
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function records(events: AsyncIterable<ParseEvent> | ParseEvent[]) {
  const out: CanonicalPosition[] = [];
  for await (const event of events) {
    if (event.kind === "error") throw new Error(`row error: ${JSON.stringify(event.error)}`);
    if (event.kind === "record") out.push(event.record);
  }
  return out;
}
const parsedSbs1 = (text: string) => records(parseSbs1(Readable.from([text]), { fileName: "x.sbs", nowMs: NOW_MS }));

describe("startReplay", () => {
  it("plays every record of the file to an SBS-1 client, which reads them back as parsing the file does", async () => {
    const started = await replay({ speed: 400, waitForClient: true });
    expect(started.sbs1Port).toBeGreaterThan(0);
    expect(started.streamTimeMs()).toBe(START_MS);
    const client = listen(started.sbs1Port!);
    await started.done;
    expect(started.sent()).toBe(original.length);
    const expectedLines = original.flatMap(formatSbs1Lines).length;
    await until(() => client.text.split("\r\n").length - 1 === expectedLines);
    const fromFile = await parsedSbs1(fs.readFileSync(sbsFile, "utf8"));
    expect(fromFile).toEqual(original);
    expect(await parsedSbs1(client.text)).toEqual(fromFile);
  });

  it("serves aircraft.json with the stream clock as now and each aircraft's latest position", async () => {
    const started = await replay({ speed: 60, sbs1Port: undefined });
    expect(started.sbs1Port).toBeNull();
    await until(() => started.sent() > 30);
    const before = started.streamTimeMs();
    const response = await fetch(`http://127.0.0.1:${started.aircraftJsonPort}/data/aircraft.json`);
    const after = started.streamTimeMs();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const document = parseAircraftJson(await response.text(), { fileName: "aircraft.json", nowMs: NOW_MS });
    expect(document.streamTimeMs).toBeGreaterThanOrEqual(before);
    expect(document.streamTimeMs).toBeLessThanOrEqual(after);
    // Mid-replay: the latest record of each aircraft up to `now`, read back exactly.
    expect(document.streamTimeMs).toBeLessThan(original.at(-1)!.time.getTime());
    const latest = new Map<string, CanonicalPosition>();
    for (const record of original) if (record.time.getTime() <= document.streamTimeMs) latest.set(record.icao24, record);
    expect(await records(document.events)).toEqual([...latest.values()]);
  });

  it("answers on readsb's and tar1090's paths, 404 elsewhere; shifts times and names aircraft from the file", async () => {
    const shiftToMs = Date.UTC(2025, 0, 1);
    // Slow enough that the first aircraft's position (30 s of stream time older than the last) is
    // still under aircraft.json's 60 s age limit while the three requests run: 600 ms here.
    const started = await replay({ file: csvFile, speed: 50, sbs1Port: undefined, shiftToMs });
    await started.done;
    const url = (p: string) => `http://127.0.0.1:${started.aircraftJsonPort}${p}`;
    expect((await fetch(url("/data/receiver.json"))).status).toBe(404);
    expect((await fetch(url("/aircraft.json"))).status).toBe(200);
    const text = await (await fetch(url("/tar1090/data/aircraft.json"))).text();
    const { events } = parseAircraftJson(text, { fileName: "aircraft.json", nowMs: NOW_MS });
    expect(events.filter((e) => e.kind === "aircraft").map((e) => e.identity)).toEqual([
      { icao24: "7c6b2d", registration: "CU-T1250", typecode: "IL96", model: null },
    ]);
    expect((await records(events)).map((r) => [r.icao24, r.time.toISOString()])).toEqual([
      ["7c6b2d", "2025-01-01T00:00:29.750Z"],
      ["0b04e2", "2025-01-01T00:00:59.750Z"],
    ]);
  });

  it("dropClients closes every SBS-1 connection; a client connecting again gets the lines from then on", async () => {
    const started = await replay({ speed: 20, aircraftJsonPort: undefined });
    const first = listen(started.sbs1Port!);
    await until(() => first.text.includes("MSG,3"));
    started.dropClients();
    await until(() => first.closed);
    expect(started.clients()).toBe(0);
    const sentAtReconnect = started.sent();
    const second = listen(started.sbs1Port!);
    await until(() => (second.text.match(/MSG,[23],/g) ?? []).length >= 3);
    const received = await parsedSbs1(second.text.slice(0, second.text.lastIndexOf("\r\n") + 2));
    // Nothing from before the reconnection is sent again.
    expect(received[0]!.time.getTime()).toBeGreaterThanOrEqual(original[Math.max(0, sentAtReconnect - 1)]!.time.getTime());
  });

  it("loops with each pass later by the recording's span + 1 s, so time never goes back", async () => {
    const started = await replay({ file: csvFile, speed: 2000, aircraftJsonPort: undefined, waitForClient: true, loop: true });
    const client = listen(started.sbs1Port!);
    await until(() => (client.text.match(/MSG,[23],/g) ?? []).length >= 7);
    const received = await parsedSbs1(client.text.slice(0, client.text.lastIndexOf("\r\n") + 2));
    const times = received.slice(0, 7).map((r) => r.time.getTime() - START_MS);
    const passMs = 59_750 + 1000;
    expect(times).toEqual([0, 29_750, 59_750, passMs, passMs + 29_750, passMs + 59_750, 2 * passMs]);
  });

  it("refuses a file without positions", async () => {
    const empty = path.join(dir, "nothing.csv");
    fs.writeFileSync(empty, "time,hex,lat,lon\n2024-08-12T09:00:00Z,zzzzzz,1,1\n");
    await expect(replay({ file: empty })).rejects.toThrow(/no positions to replay \(1 rows rejected\)/);
    await expect(replay({ file: path.join(dir, "missing.sbs") })).rejects.toThrow(/ENOENT/);
  });
});
