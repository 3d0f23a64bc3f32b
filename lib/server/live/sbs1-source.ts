import "server-only";
import net from "node:net";
import { once } from "node:events";
import { pipeline, Transform } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { toTextStream } from "../../ingest/open-input";
import { parseSbs1 } from "../../ingest/parse-sbs1";
import type { FeedStatus } from "./feed-status";
import { nextReconnectDelayMs, RECONNECT_FIRST_MS, STABLE_CONNECTION_MS, withJitter, type LiveSink } from "./live-sink";

const CONNECT_TIMEOUT_MS = 10_000;
const NEWLINE = 0x0a;
/** An SBS-1 message is ~100 bytes: a "line" past this is noise, cut here rather than held. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Read BaseStation lines from `host:port` (readsb/dump1090 port 30003) until `signal` aborts,
 * reconnecting with backoff whenever the connection drops or cannot be made. The lines go
 * through the file importer's own parser (parse-sbs1.ts), so a recorded stream gives the same
 * positions as importing the recording. While the sink is full the parser is not pulled, the
 * socket stops being read and TCP slows the sender down.
 */
export async function runSbs1Source(
  address: { host: string; port: number; url: string },
  sink: LiveSink,
  status: FeedStatus,
  signal: AbortSignal,
): Promise<void> {
  let delayMs = RECONNECT_FIRST_MS;
  for (let attempt = 0; !signal.aborted; attempt++) {
    if (attempt > 0) status.reconnects += 1;
    const socket = net.connect({ host: address.host, port: address.port });
    socket.setKeepAlive(true, 30_000);
    const abort = () => socket.destroy(new Error("stopped"));
    signal.addEventListener("abort", abort, { once: true });
    let connectedAtMs: number | null = null;
    try {
      // A plain timer rather than AbortSignal.any with the process-long signal (which leaks per call on some Node versions).
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error("connect timeout"), { code: "ETIMEDOUT" })), CONNECT_TIMEOUT_MS);
      try {
        await once(socket, "connect");
      } finally {
        clearTimeout(timer);
      }
      connectedAtMs = Date.now();
      status.connected = true;
      // pipeline, not pipe: a reset socket must end the parser's loop with its error.
      const lines = decodeLines(status);
      pipeline(socket, lines, () => undefined);
      for await (const event of parseSbs1(toTextStream(lines), { fileName: address.url, nowMs: Number.MAX_SAFE_INTEGER })) {
        if (event.kind === "record") {
          const waiting = sink.record(event.record);
          if (waiting) await waiting;
        } else if (event.kind === "error") {
          status.error(`line ${event.error.line}: ${event.error.reason}`);
        }
      }
      if (!signal.aborted) status.error("the receiver closed the connection");
    } catch (error) {
      if (!signal.aborted) status.error(describeSocketError(error, address));
    } finally {
      signal.removeEventListener("abort", abort);
      socket.destroy();
      status.connected = false;
    }
    if (signal.aborted) return;
    if (connectedAtMs !== null && Date.now() - connectedAtMs >= STABLE_CONNECTION_MS) delayMs = RECONNECT_FIRST_MS;
    await sleep(withJitter(delayMs), undefined, { signal }).catch(() => undefined);
    delayMs = nextReconnectDelayMs(delayMs);
  }
}

/**
 * Counts lines (messages) as bytes pass, for the feed's messages/s, and decodes them. Unlike a
 * file's, a feed's damaged bytes (invalid UTF-8, NUL) become U+FFFD, which costs their line
 * (parse-sbs1.ts), not the connection and the lines after it. A line longer than
 * {@link MAX_LINE_BYTES} is ended there (the parser refuses what came of it, as a damaged line)
 * and the rest of it dropped up to its newline: the file reader would refuse it whole, and with
 * it the connection.
 */
function decodeLines(status: FeedStatus): Transform {
  const decoder = new TextDecoder("utf-8");
  let lineBytes = 0;
  let skipping = false;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      const nowMs = Date.now();
      // Messages counted, and whether every line fits: the usual case passes the chunk whole.
      let fits = !skipping;
      let from = 0;
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) {
        status.message(nowMs);
        if ((from === 0 ? lineBytes : 0) + (i - from) > MAX_LINE_BYTES) fits = false;
        from = i + 1;
      }
      if ((from === 0 ? lineBytes : 0) + (chunk.length - from) > MAX_LINE_BYTES) fits = false;
      const kept: Buffer[] = fits ? [chunk] : [];
      for (let start = 0; !fits && start < chunk.length; ) {
        const newline = chunk.indexOf(NEWLINE, start);
        const end = newline === -1 ? chunk.length : newline + 1;
        if (skipping) {
          if (newline !== -1) skipping = false;
        } else if (lineBytes + (end - start) > MAX_LINE_BYTES && !(newline !== -1 && lineBytes + (newline - start) <= MAX_LINE_BYTES)) {
          kept.push(chunk.subarray(start, start + Math.max(0, MAX_LINE_BYTES - lineBytes)), Buffer.from("\n"));
          status.error(`a line longer than ${MAX_LINE_BYTES / 1024} KB: cut, the rest of it dropped`);
          skipping = newline === -1;
        } else {
          kept.push(chunk.subarray(start, end));
        }
        lineBytes = newline === -1 ? lineBytes + (end - start) : 0;
        start = end;
      }
      if (fits) lineBytes = from === 0 ? lineBytes + chunk.length : chunk.length - from;
      const text = decoder.decode(kept.length === 1 ? kept[0]! : Buffer.concat(kept), { stream: true });
      callback(null, text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text);
    },
    flush(callback) {
      const rest = decoder.decode();
      callback(null, rest === "" ? undefined : rest);
    },
  });
}

function describeSocketError(error: unknown, address: { host: string; port: number }): string {
  const code = (error as { code?: string } | null)?.code;
  const where = `${address.host}:${address.port}`;
  if (code === "ECONNREFUSED") return `${where} refused the connection (is readsb serving SBS-1 there?)`;
  if (code === "ECONNRESET") return `${where} reset the connection`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `${address.host}: no such host`;
  if (code === "ETIMEDOUT") return `${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  return `${where}: ${(error as Error | null)?.message ?? String(error)}`;
}
