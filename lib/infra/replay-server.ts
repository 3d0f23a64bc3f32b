import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { aircraftJsonDocument } from "../ingest/aircraft-json-document";
import type { CanonicalPosition } from "../ingest/canonical-position";
import { formatSbs1Lines } from "../ingest/format-sbs1";
import { AIRCRAFT_JSON_MAX_POSITION_AGE_S } from "../ingest/parse-aircraft-json";
import { parsePositions } from "../ingest/parse-positions";
import { ReplayRecords } from "./replay-records";

/** How often due records are written: small enough to look live, large enough to batch. */
export const REPLAY_TICK_MS = 25;
/** At most this many records a tick: at absurd speeds the clock runs ahead of the stream, not memory. */
export const MAX_RECORDS_PER_TICK = 20_000;
/** A client whose unsent lines pass this is too slow to follow the feed: it is disconnected. */
export const MAX_CLIENT_BUFFER_BYTES = 8 * 1024 * 1024;
/** Where readsb, tar1090 and dump1090 serve the document. */
export const AIRCRAFT_JSON_PATHS: ReadonlySet<string> = new Set(["/data/aircraft.json", "/tar1090/data/aircraft.json", "/aircraft.json"]);

export interface ReplayOptions {
  /** Any file `parsePositions` reads; row errors are skipped (counted in the log). */
  file: string;
  /** Recorded time per real time: 60 plays a minute of recording each second. */
  speed: number;
  /** SBS-1 (BaseStation) TCP port; 0 picks a free one; undefined serves none. */
  sbs1Port?: number;
  /** aircraft.json HTTP port; 0 picks a free one; undefined serves none. */
  aircraftJsonPort?: number;
  /** Address both servers listen on (default 127.0.0.1). */
  host?: string;
  /** Moves every time so the first record is at this instant (e.g. now, for a "live" demo). */
  shiftToMs?: number;
  /** Play again after the end, each pass later by the recording's span + 1 s (time never goes back). */
  loop?: boolean;
  /** Start the clock when the first SBS-1 client connects (or this many: a recorder beside the ingest) rather than at once (tests, slow consumers). */
  waitForClient?: boolean | number;
  /** "now" for the parser's future-time check (default Date.now()). */
  nowMs?: number;
  log?: (message: string) => void;
}

export interface Replay {
  /** The ports actually bound (useful with port 0), null for a server not started. */
  sbs1Port: number | null;
  aircraftJsonPort: number | null;
  /** The replayed clock: the first record's (shifted) time at the start, then advancing at `speed`. */
  streamTimeMs(): number;
  /** Resolves once the last record was sent (never with `loop`), or when stopped. */
  done: Promise<void>;
  /** Disconnects every SBS-1 client (a dropped feed); they may connect again. */
  dropClients(): void;
  /** Number of SBS-1 clients connected. */
  clients(): number;
  stop(): Promise<void>;
  /** Records sent so far (written to whoever was connected). */
  sent(): number;
}

/**
 * Replays a recording as a live receiver would serve it: SBS-1 lines on a TCP port (like
 * readsb's 30003) and aircraft.json over HTTP (like tar1090), for demos and tests of live ingest.
 *
 * The whole file is read first and held in memory, compactly (ReplayRecords, ~90 bytes a
 * position), sorted by time: a replay tool plays recordings of hours, not of years. Every
 * REPLAY_TICK_MS, the records due by the stream clock go, as one write, to every connected client;
 * a client that connects later gets the lines from then on. A slow client's lines wait in its
 * socket's buffer; past MAX_CLIENT_BUFFER_BYTES it is disconnected (it could never catch up).
 * Identities the file carries (registration, type) appear as `r`/`t` in aircraft.json.
 */
export async function startReplay(options: ReplayOptions): Promise<Replay> {
  const { speed } = options;
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`speed must be a positive number (got ${speed})`);
  const log = options.log ?? (() => undefined);
  const host = options.host ?? "127.0.0.1";
  const { records, identities } = await loadRecords(options.file, options.nowMs ?? Date.now(), log);
  const count = records.length;
  const firstMs = records.timeAt(0);
  const shiftMs = options.shiftToMs === undefined ? 0 : options.shiftToMs - firstMs;
  const passMs = records.timeAt(count - 1) - firstMs + 1000;

  let clockStart: number | null = null;
  let next = 0;
  let pass = 0;
  let sent = 0;
  let finished = false;
  let timer: NodeJS.Timeout | null = null;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const latest = new Map<string, CanonicalPosition>();
  const sockets = new Set<net.Socket>();
  const streamTimeMs = () => firstMs + shiftMs + (clockStart === null ? 0 : Math.floor((performance.now() - clockStart) * speed));

  const startClock = () => {
    if (clockStart !== null) return;
    clockStart = performance.now();
    timer = setInterval(() => advance(), REPLAY_TICK_MS);
  };
  const finish = () => {
    finished = true;
    if (timer) clearInterval(timer);
    timer = null;
    resolveDone();
  };

  /** Sends every record due by the stream clock (also run before serving a document, so both agree). */
  function advance(nowMs = streamTimeMs()): void {
    if (clockStart === null || finished) return;
    let chunk = "";
    for (let n = 0; n < MAX_RECORDS_PER_TICK; n++) {
      if (next === count) {
        if (!options.loop) {
          finish();
          break;
        }
        next = 0;
        pass++;
      }
      const offsetMs = shiftMs + pass * passMs;
      if (records.timeAt(next) + offsetMs > nowMs) break;
      const record = records.at(next++, offsetMs);
      chunk += `${formatSbs1Lines(record).join("\r\n")}\r\n`;
      latest.set(record.icao24, record);
      sent++;
    }
    if (chunk !== "") broadcast(chunk);
  }

  function broadcast(chunk: string): void {
    for (const socket of sockets) {
      if (socket.writableLength > MAX_CLIENT_BUFFER_BYTES) {
        log(`SBS-1 client ${socket.remoteAddress}:${socket.remotePort} is not reading (${socket.writableLength} bytes waiting): disconnected`);
        socket.destroy();
        continue;
      }
      socket.write(chunk);
    }
  }

  function currentDocument(): string {
    const nowMs = streamTimeMs();
    advance(nowMs);
    const positions: CanonicalPosition[] = [];
    for (const [icao24, record] of latest) {
      // Gone from the picture for good: later positions of this aircraft put it back.
      if (nowMs - record.time.getTime() > AIRCRAFT_JSON_MAX_POSITION_AGE_S * 1000) latest.delete(icao24);
      else positions.push({ ...record, ...identities.get(icao24) });
    }
    return JSON.stringify(aircraftJsonDocument(positions, nowMs, sent));
  }

  const servers: (net.Server | http.Server)[] = [];
  const close = () => Promise.all(servers.map((server) => closeServer(server)));
  let sbs1Port: number | null = null;
  let aircraftJsonPort: number | null = null;
  try {
    if (options.sbs1Port !== undefined) {
      const server = net.createServer((socket) => {
        sockets.add(socket);
        socket.setNoDelay(true);
        // A feed is one-way: whatever the client sends is read and ignored.
        socket.resume();
        socket.on("error", () => socket.destroy());
        socket.on("close", () => sockets.delete(socket));
        log(`SBS-1 client connected from ${socket.remoteAddress}:${socket.remotePort}`);
        if (options.waitForClient && sockets.size >= (options.waitForClient === true ? 1 : options.waitForClient)) startClock();
      });
      servers.push(server);
      sbs1Port = await listen(server, options.sbs1Port, host);
    }
    if (options.aircraftJsonPort !== undefined) {
      const server = http.createServer((request, response) => {
        const pathname = new URL(request.url ?? "/", "http://replay").pathname;
        if (!AIRCRAFT_JSON_PATHS.has(pathname)) return void response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
        if (request.method !== "GET" && request.method !== "HEAD") {
          return void response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("method not allowed\n");
        }
        const body = currentDocument();
        response.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
        response.end(request.method === "HEAD" ? undefined : body);
      });
      servers.push(server);
      aircraftJsonPort = await listen(server, options.aircraftJsonPort, host);
    }
  } catch (error) {
    await close();
    throw error;
  }
  if (!options.waitForClient || sbs1Port === null) startClock();

  let stopped: Promise<void> | null = null;
  const dropClients = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    sbs1Port,
    aircraftJsonPort,
    streamTimeMs,
    done,
    dropClients,
    clients: () => sockets.size,
    sent: () => sent,
    stop: () => {
      stopped ??= (async () => {
        finish();
        dropClients();
        await close();
      })();
      return stopped;
    },
  };
}

interface Identity {
  registration: string | null;
  typecode: string | null;
}

async function loadRecords(file: string, nowMs: number, log: (message: string) => void) {
  const fileName = path.basename(file);
  const { format, events } = await parsePositions(fs.createReadStream(file), { fileName, nowMs });
  const records = new ReplayRecords();
  const identities = new Map<string, Identity>();
  let rejected = 0;
  for await (const event of events) {
    if (event.kind === "record") records.push(event.record);
    else if (event.kind === "aircraft") {
      const { icao24, registration, typecode } = event.identity;
      identities.set(icao24, { registration, typecode });
    } else rejected++;
  }
  if (records.length === 0) throw new Error(`${fileName}: no positions to replay (${rejected} rows rejected)`);
  records.sortByTime();
  const range = `${new Date(records.timeAt(0)).toISOString()} to ${new Date(records.timeAt(records.length - 1)).toISOString()}`;
  log(`${fileName} (${format}): ${records.length} positions, ${range}${rejected > 0 ? `, ${rejected} rows rejected and skipped` : ""}`);
  return { records, identities };
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function closeServer(server: net.Server | http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive HTTP connections would hold close() open.
    if (server instanceof http.Server) server.closeAllConnections();
  });
}
