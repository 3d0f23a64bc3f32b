import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplay, type Replay } from "@/lib/infra/replay-server";
import { addAlertRule } from "@/lib/server/alerts/add-alert-rule";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { listImportBatches } from "@/lib/server/ingest/list-import-batches";
import { createLogger } from "@/lib/server/log/logger";
import { startLive, type LiveOptions } from "@/lib/server/live/run-live";
import { positionRows, resetForLive, scenarioRows, startHookReceiver, tempDir, waitFor, timeSOf, writeWindow } from "./support/live-harness";

/**
 * The live path end to end, on the article scenario: a recording replayed as a live SBS-1 feed
 * (and aircraft.json) → live ingest → PostgreSQL → detection → alerts → a webhook received by a
 * local HTTP server. Ground truth from the generator: CU-T1250 (0b04e2) switched its transponder
 * off on 29 July 2024 from 17:13:40 to 17:58:20 UTC where receivers would have heard it.
 */
const log = createLogger({ level: "silent" });
const NOW_MS = Date.parse("2026-01-01T00:00:00Z");
let dir: string;
let header: string;
let rows: string[];

/** An SBS-1 position of `icao24` at 10:00:0`second` on 2 August 2024. */
const sbs1At = (icao24: string, second: number) =>
  `MSG,3,1,1,${icao24.toUpperCase()},1,2024/08/02,10:00:0${second}.000,2024/08/02,10:00:0${second}.000,,35000,,,18.5${second},-70.1${second},,,0,0,0,0\r\n`;

/** A receiver sending what `send` writes to each connection, and the live path reading it. */
async function liveFromSbs1(send: (socket: net.Socket) => void) {
  const feed = net.createServer(send);
  await new Promise<void>((resolve) => feed.listen(0, "127.0.0.1", resolve));
  const port = (feed.address() as net.AddressInfo).port;
  const live = startLive({ sources: [{ kind: "sbs1", url: `sbs1://127.0.0.1:${port}`, host: "127.0.0.1", port }], log, publicUrl: "http://localhost:3000", flushMs: 300 });
  return {
    live,
    async stop() {
      await live.stop();
      feed.close();
    },
  };
}

/** The stored times of `icao24`'s positions, in order. */
const storedTimes = async (icao24: string) =>
  (await dbPool().query<{ time: Date }>(`SELECT time FROM positions WHERE icao24 = $1 ORDER BY time`, [icao24])).rows.map((r) => r.time.toISOString());

beforeAll(async () => {
  // The webhook receiver below listens on this machine, where webhooks may point only when allowed.
  process.env.DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS = "1";
  dir = tempDir();
  ({ header, rows } = scenarioRows());
  await resetForLive();
}, 120_000);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

async function importFile(file: string): Promise<void> {
  const outcome = await importPositionsFile({ path: file, fileName: path.basename(file), nowMs: NOW_MS });
  expect(outcome.status, file).toBe("imported");
}

function sbs1Source(replay: Replay) {
  return { kind: "sbs1" as const, url: `sbs1://127.0.0.1:${replay.sbs1Port}`, host: "127.0.0.1", port: replay.sbs1Port! };
}

/** Replay `file` into a live ingest until the replay ends and everything is committed. */
async function replayLive(
  file: string,
  speed: number,
  options: Partial<LiveOptions> & { aircraftJson?: boolean; during?: (replay: Replay) => Promise<void>; captureTo?: string } = {},
) {
  // With a recorder beside the ingest, the clock starts once both are connected: neither misses a line.
  const replay = await startReplay({ file, speed, sbs1Port: 0, aircraftJsonPort: options.aircraftJson ? 0 : undefined, waitForClient: options.captureTo ? 2 : 1, nowMs: NOW_MS });
  // A second listener records exactly what the feed sent.
  const capture = options.captureTo ? net.connect(replay.sbs1Port!, "127.0.0.1") : null;
  if (capture) {
    capture.pipe(fs.createWriteStream(options.captureTo!));
    await once(capture, "connect");
  }
  const sources: LiveOptions["sources"] = [sbs1Source(replay)];
  if (options.aircraftJson) sources.push({ kind: "aircraft-json", url: `aircraft-json+http://127.0.0.1:${replay.aircraftJsonPort}/data/aircraft.json`, httpUrl: `http://127.0.0.1:${replay.aircraftJsonPort}/data/aircraft.json` });
  const live = startLive({ sources, log, publicUrl: "http://localhost:3000", flushMs: 500, pollMs: 250, ...options });
  try {
    await options.during?.(replay);
    await replay.done;
    // The last lines may still be on their way: wait until, for two seconds, no message arrived
    // and nothing was committed. (A held-back feed also stops arriving while a slow commit, on a
    // busy Citus cluster, drains the buffer: a second without messages alone ended runs early.)
    let seen = "";
    await waitFor(async () => {
      const stats = live.stats();
      const now = `${live.statuses.reduce((n, st) => n + st.messagesTotal, 0)} ${stats.positions + stats.duplicates}`;
      if (now === seen) return true;
      seen = now;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return false;
    }, 90_000, "the feed to go quiet");
  } finally {
    await live.stop();
    await replay.stop();
    capture?.destroy();
  }
  return { live, replay };
}

describe("live ingest from a replayed feed", () => {
  it("stores what a file import stores, and a dark alert reaches the webhook while CU-T1250 is still silent", async () => {
    await importFile(writeWindow(dir, "history.csv", header, rows, "2024-07-28T00:00:00Z", "2024-07-29T16:40:00Z"));
    await runDetection();
    let clock = () => 0;
    const receiver = await startHookReceiver(() => clock());
    await addAlertRule({ rule: "all", channel: "webhook", webhookUrl: receiver.url, webhookFormat: "json" }, "cli");
    const liveFile = writeWindow(dir, "live.csv", header, rows, "2024-07-29T16:40:00Z", "2024-07-29T18:10:00Z");
    const recording = path.join(dir, "recorded.sbs");
    try {
      await replayLive(liveFile, 90, {
        captureTo: recording,
        during: async (replay) => {
          clock = () => replay.streamTimeMs();
        },
      });
    } finally {
      await receiver.close();
    }

    const dark = receiver.hooks.filter((h) => h.body.rule === "dark" && h.body.icao24 === "0b04e2");
    expect(dark, JSON.stringify(receiver.hooks.map((h) => [h.body.rule, h.body.icao24]))).toHaveLength(1);
    const hook = dark[0]!;
    // Received while the transponder was still off (it came back at 17:58:20), after the 5-min minimum.
    expect(hook.streamTimeMs).toBeLessThan(Date.parse("2024-07-29T17:58:20Z"));
    expect(Date.parse(hook.body.at as string)).toBeGreaterThanOrEqual(Date.parse("2024-07-29T17:18:40Z"));
    expect(hook.body).toMatchObject({ registration: "CU-T1250", typecode: "IL96" });
    for (const field of ["rule", "icao24", "registration", "callsign", "typecode", "summary", "at", "url"]) expect(hook.body).toHaveProperty(field);
    expect(hook.body.summary).toMatch(/suspected transponder switch-off/);
    expect(hook.body.url).toMatch(/^http:\/\/localhost:3000\/flights\/0b04e2-\d+$/);
    // Heard again after 45 min of silence: "seen" anew (a watchlisted type), after the dark alert.
    const seen = receiver.hooks.find((h) => h.body.rule === "seen" && h.body.icao24 === "0b04e2");
    expect(seen?.body.summary).toMatch(/^CU-T1250 \(IL96, callsign CUB1250\) seen at FL\d+ .* type IL96 is on the watchlist\.$/);
    expect(Date.parse(seen!.body.at as string)).toBeGreaterThanOrEqual(Date.parse("2024-07-29T17:58:20Z"));
    // No alert for an ordinary airliner's silence (none is of interest).
    expect(receiver.hooks.filter((h) => h.body.rule === "dark").map((h) => h.body.icao24)).toEqual(["0b04e2"]);
    const log = await dbPool().query(`SELECT status, attempts FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.rule = 'dark'`);
    expect(log.rows).toEqual([{ status: "delivered", attempts: 1 }]);

    // Importing the recording of what the feed sent stores exactly the same positions.
    const live = await positionRows("2024-07-29T16:40:00Z", "2024-07-29T18:10:00Z");
    expect(live.length).toBeGreaterThan(1000);
    await dbPool().query(`DELETE FROM positions WHERE time >= '2024-07-29T16:40:00Z' AND time < '2024-07-29T18:10:00Z'`);
    await importFile(recording);
    expect(await positionRows("2024-07-29T16:40:00Z", "2024-07-29T18:10:00Z")).toEqual(live);
    // And the recording is the scenario's window: every position of the file, none lost on the way.
    expect(live.length).toBe(rows.filter((l) => timeSOf(l) >= Date.parse("2024-07-29T16:40:00Z") / 1000 && timeSOf(l) < Date.parse("2024-07-29T18:10:00Z") / 1000).length);
  }, 300_000);

  it("a dropped SBS-1 connection comes back, and aircraft.json's repeated fixes store nothing twice", async () => {
    const from = "2024-07-30T12:00:00Z";
    const to = "2024-07-30T12:40:00Z";
    const file = writeWindow(dir, "drop.csv", header, rows, from, to);
    let outage: [number, number] = [0, 0];
    const { live } = await replayLive(file, 60, {
      aircraftJson: true,
      during: async (replay) => {
        await waitFor(() => replay.streamTimeMs() > Date.parse("2024-07-30T12:15:00Z"), 60_000, "the replay to reach 12:15");
        const droppedMs = replay.streamTimeMs();
        replay.dropClients();
        await waitFor(() => replay.clients() === 0, 10_000, "the drop");
        await waitFor(() => replay.clients() > 0, 60_000, "the reconnection");
        outage = [droppedMs, replay.streamTimeMs()];
      },
    });
    const sbs1 = live.statuses.find((s) => s.kind === "sbs1")!;
    expect(sbs1.reconnects).toBeGreaterThanOrEqual(1);
    expect(live.stats().duplicates).toBeGreaterThan(0);
    // The feeds' small batches stay out of the imports history, and each is still found by its id.
    const { rows: liveBatches } = await dbPool().query<{ id: string }>(`SELECT id::text FROM import_batches WHERE dataset = 'live' ORDER BY id`);
    expect(liveBatches.length).toBeGreaterThan(5);
    expect((await listImportBatches()).filter((b) => b.dataset === "live")).toEqual([]);
    expect(await listImportBatches({ id: liveBatches[0]!.id })).toEqual([expect.objectContaining({ id: liveBatches[0]!.id, dataset: "live", status: "COMMITTED" })]);

    const stored = await positionRows(from, to);
    const { rows: keys } = await dbPool().query<{ n: number; distinct_keys: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (icao24, time))::int AS distinct_keys FROM positions WHERE time >= $1 AND time < $2`,
      [from, to],
    );
    expect(keys[0]!.n).toBe(keys[0]!.distinct_keys);
    await dbPool().query(`DELETE FROM positions WHERE time >= $1 AND time < $2`, [from, to]);
    await importFile(file);
    const imported = await positionRows(from, to);
    const importedSet = new Set(imported);
    // Every stored position is the file's, unchanged; what is missing (if aircraft.json did not
    // bring it meanwhile) fell in the outage.
    expect(stored.filter((r) => !importedSet.has(r))).toEqual([]);
    const storedSet = new Set(stored);
    const missing = imported.filter((r) => !storedSet.has(r)).map((r) => Date.parse(`${r.split("|")[1]}Z`));
    for (const t of missing) {
      expect(t).toBeGreaterThanOrEqual(outage[0] - 5_000);
      expect(t).toBeLessThanOrEqual(outage[1] + 5_000);
    }
  }, 300_000);

  it("a 20× faster replay is held back by the bounded buffer: same positions, never more records in memory than it holds", async () => {
    const from = "2024-07-31T12:00:00Z";
    const to = "2024-07-31T18:00:00Z";
    const file = writeWindow(dir, "speed.csv", header, rows, from, to);
    const run = async (speed: number) => {
      const { live } = await replayLive(file, speed, { highWater: 500 });
      const stored = await positionRows(from, to);
      await dbPool().query(`DELETE FROM positions WHERE time >= $1 AND time < $2`, [from, to]);
      return { stored, peakBuffered: live.stats().peakBufferedRecords };
    };
    const slow = await run(1_200);
    const fast = await run(24_000);
    expect(slow.stored.length).toBeGreaterThan(1000);
    expect(fast.stored).toEqual(slow.stored);
    // The fast feed filled the buffer (the source was held back), never past it.
    expect(fast.peakBuffered).toBeGreaterThanOrEqual(500);
    expect(fast.peakBuffered).toBeLessThanOrEqual(501);
    // What the ingest did not take waited in the kernel's socket buffers and at the sender (TCP
    // backpressure), and the feed never dropped the client (the same positions arrived). The
    // records in the ingest's memory are the buffer's, bounded above; a process-heap sample in a
    // test worker shared with other files is too noisy to bound.
  }, 300_000);

  it("a damaged SBS-1 line costs that line only: not the connection, not the lines after it", async () => {
    const icao24 = "0c0e01";
    const msg = (second: number) => sbs1At(icao24, second);
    const { live, stop } = await liveFromSbs1((socket) => {
      socket.write(msg(1));
      socket.write(Buffer.concat([Buffer.from(msg(2).slice(0, 30)), Buffer.from([0xff, 0xfe]), Buffer.from(msg(2).slice(30))])); // not UTF-8
      socket.write(msg(3).replace("35000", "35\u00000")); // a NUL
      socket.write(`"noise\r\n`); // a quote never closed
      socket.write(msg(4));
      socket.write(msg(5)); // and the connection stays open
    });
    try {
      await waitFor(async () => (await storedTimes(icao24)).length >= 3, 20_000, "the three whole lines stored");
      expect(await storedTimes(icao24)).toEqual(["2024-08-02T10:00:01.000Z", "2024-08-02T10:00:04.000Z", "2024-08-02T10:00:05.000Z"]);
      expect(live.statuses[0]).toMatchObject({ connected: true, reconnects: 0 });
      expect(live.statuses[0]!.lastError).toMatch(/line 4: unterminated quoted field/);
    } finally {
      await stop();
      await dbPool().query(`DELETE FROM positions WHERE icao24 = $1`, [icao24]);
    }
  }, 60_000);

  it("a line of megabytes costs that line only: cut and dropped, the connection and the lines after it kept", async () => {
    const icao24 = "0c0e05";
    const { live, stop } = await liveFromSbs1((socket) => {
      socket.write(sbs1At(icao24, 1));
      const noise = Buffer.alloc(256 * 1024, 0x41);
      for (let i = 0; i < 8; i++) socket.write(noise); // 2 MB without a newline
      socket.write("\r\n");
      socket.write(sbs1At(icao24, 2));
      socket.write(sbs1At(icao24, 3));
    });
    try {
      await waitFor(async () => (await storedTimes(icao24)).length >= 3, 20_000, "the three whole lines stored");
      expect(await storedTimes(icao24)).toEqual(["2024-08-02T10:00:01.000Z", "2024-08-02T10:00:02.000Z", "2024-08-02T10:00:03.000Z"]);
      expect(live.statuses[0]).toMatchObject({ connected: true, reconnects: 0 });
      expect(live.statuses[0]!.errors).toBeGreaterThanOrEqual(1);
    } finally {
      await stop();
      await dbPool().query(`DELETE FROM positions WHERE icao24 = $1`, [icao24]);
    }
  }, 60_000);

  it("a position hours ahead of the clock is dropped and said: the stream's clock stays, no aircraft looks silent", async () => {
    const [early, jumper] = ["0c0e02", "0c0e03"];
    const at = (ms: number) => {
      const iso = new Date(ms).toISOString();
      return `${iso.slice(0, 10).replace(/-/g, "/")},${iso.slice(11, 23)}`;
    };
    const msg = (icao24: string, ms: number) => `MSG,3,1,1,${icao24.toUpperCase()},1,${at(ms)},${at(ms)},,35000,,,18.5,-70.1,,,0,0,0,0\r\n`;
    const nowMs = Math.floor(Date.now() / 1000) * 1000;
    const { live, stop } = await liveFromSbs1((socket) => {
      socket.write(msg(early, nowMs - 2_000));
      socket.write(msg(jumper, nowMs + 2 * 3_600_000)); // a bad clock: two hours ahead
      socket.write(msg(early, nowMs - 1_000));
    });
    try {
      const stored = async (icao24: string) => (await dbPool().query(`SELECT 1 FROM positions WHERE icao24 = $1`, [icao24])).rowCount;
      await waitFor(async () => (await stored(early)) === 2, 20_000, "both of the early aircraft's positions stored");
      expect(await stored(jumper)).toBe(0);
      expect(live.statuses[0]!.lastError).toMatch(/0c0e03: a position 1\d\d min ahead of this machine's clock and of this feed's latest \(dropped\)/);
      expect(live.statuses[0]!.streamTimeMs).toBe(nowMs - 1_000);
    } finally {
      await stop();
      await dbPool().query(`DELETE FROM positions WHERE icao24 = ANY($1::char(6)[])`, [[early, jumper]]);
    }
  }, 60_000);

  it("an aircraft.json past 16 MB is a failed poll, refused before it is held whole, and polling goes on", async () => {
    let served = 0;
    const big = http.createServer((request, response) => {
      served += 1;
      // Without a length (chunked) on odd polls: refused as it streams in, not only by its header.
      const body = Buffer.alloc(17 * 1024 * 1024, 0x20);
      response.writeHead(200, served % 2 === 1 ? { "content-type": "application/json" } : { "content-type": "application/json", "content-length": body.length });
      response.end(body);
    });
    await new Promise<void>((resolve) => big.listen(0, "127.0.0.1", resolve));
    const httpUrl = `http://127.0.0.1:${(big.address() as net.AddressInfo).port}/data/aircraft.json`;
    const live = startLive({ sources: [{ kind: "aircraft-json", url: `aircraft-json+${httpUrl}`, httpUrl }], log, publicUrl: "http://localhost:3000", pollMs: 200 });
    try {
      await waitFor(() => live.statuses[0]!.errors >= 3, 30_000, "three refused polls");
      expect(live.statuses[0]!.lastError).toMatch(/sent more than 16 MB: not an aircraft\.json/);
      expect(served).toBeGreaterThanOrEqual(3);
    } finally {
      await live.stop();
      big.closeAllConnections();
      await new Promise((resolve) => big.close(resolve));
    }
  }, 60_000);

  it("aircraft.json from a receiver whose clock steps back 10 min: its fixes are stored all the same", async () => {
    const icao24 = "0c0e04";
    const startS = Math.floor(Date.now() / 1000) - 60;
    // Each poll a new document: times go on by 1 s, then step back 600 s and go on from there.
    let poll = 0;
    const nowOf = (n: number) => (n < 3 ? startS + n : startS - 600 + n);
    const server = http.createServer((_request, response) => {
      const now = nowOf(poll);
      poll += 1;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ now, messages: poll, aircraft: [{ hex: icao24, lat: 18.5, lon: -70.1, alt_baro: 35000, seen_pos: 0, seen: 0 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const httpUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/data/aircraft.json`;
    const live = startLive({ sources: [{ kind: "aircraft-json", url: `aircraft-json+${httpUrl}`, httpUrl }], log, publicUrl: "http://localhost:3000", pollMs: 100, flushMs: 200 });
    try {
      const stored = async () => (await dbPool().query<{ s: number }>(`SELECT extract(epoch FROM time)::int AS s FROM positions WHERE icao24 = $1 ORDER BY time`, [icao24])).rows.map((r) => r.s);
      await waitFor(async () => (await stored()).includes(startS - 596), 20_000, "fixes after the clock stepped back");
      expect(await stored()).toEqual(expect.arrayContaining([startS, startS + 1, startS + 2, startS - 597, startS - 596]));
    } finally {
      await live.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await dbPool().query(`DELETE FROM positions WHERE icao24 = $1`, [icao24]);
    }
  }, 60_000);

  it("a source nobody answers is retried with backoff and said in words; stopping does not wait for it", async () => {
    const live = startLive({ sources: [{ kind: "sbs1", url: "sbs1://127.0.0.1:9", host: "127.0.0.1", port: 9 }], log, publicUrl: "http://localhost:3000" });
    await waitFor(() => live.statuses[0]!.reconnects >= 1, 10_000, "a reconnection attempt");
    expect(live.statuses[0]!.connected).toBe(false);
    expect(live.statuses[0]!.lastError).toBe("127.0.0.1:9 refused the connection (is readsb serving SBS-1 there?)");
    const startedMs = Date.now();
    await live.stop();
    expect(Date.now() - startedMs).toBeLessThan(5_000);
  });
});
