import "server-only";
import type { TrackPoint } from "../../core/model/track-point";
import { POSITION_SOURCES } from "../../ingest/canonical-position";

/**
 * The columns {@link createPositionCopyParser} reads, in order, after a leading text key column,
 * for `COPY … TO STDOUT (FORMAT binary)`: binary spares PostgreSQL formatting a million floats
 * as text and this process parsing them back (most of the load's time with text COPY). A varchar
 * and a char(n) are sent in binary as their text already: casting them to text only cost the
 * server time (10–20 % of the ordered read of a million positions on PostgreSQL 15). The source
 * goes as its index in {@link POSITION_SOURCES}: an enum is sent as its label, looked up in the
 * catalog cache for every row (~8 % of that read: 1.06 against 0.98 s a million, 6.7–7.2 against
 * 6.2–6.4 s at 11 M, `COPY … TO '/dev/null'` alternating).
 */
export const POSITION_COPY_COLUMNS = `p.time, p.lat_deg, p.lon_deg, coalesce(p.altitude_baro_ft, p.altitude_geo_ft), p.ground_speed_kt,
  p.track_deg, p.vertical_rate_fpm, p.on_ground,
  CASE p.source ${POSITION_SOURCES.map((s, i) => `WHEN '${s}' THEN ${i}::int2`).join(" ")} END, p.callsign`;

/** PostgreSQL's epoch (2000-01-01) in Unix milliseconds: binary timestamps count microseconds from it. */
const PG_EPOCH_MS = 946_684_800_000;
const SIGNATURE_BYTES = 11;
const FIELDS = 11;

/**
 * A parser for binary COPY rows of a text key and {@link POSITION_COPY_COLUMNS}: feed it the
 * stream's buffers, it calls `onRow(key, point)` per row with a point of its own.
 */
export function createPositionCopyParser(onRow: (key: string, point: TrackPoint) => void) {
  return createPositionRowParser((key, row) =>
    onRow(key, {
      timeMs: row.timeMs,
      latDeg: row.latDeg,
      lonDeg: row.lonDeg,
      altitudeFt: row.altitudeFt,
      groundSpeedKt: row.groundSpeedKt,
      trackDeg: row.trackDeg,
      verticalRateFpm: row.verticalRateFpm,
      onGround: row.onGround,
      source: row.source,
      callsign: row.callsign,
    }),
  );
}

/**
 * {@link createPositionCopyParser} without an object per row: `onRow(key, row)` gets one view
 * that the next row overwrites (copy what you keep, as PositionColumns does). Repeated keys and
 * callsigns reuse one string, sources are the list's own constants: a million rows do not carry
 * a million copies.
 */
export function createPositionRowParser(onRow: (key: string, row: Readonly<TrackPoint>) => void) {
  const row: TrackPoint = { timeMs: 0, latDeg: 0, lonDeg: 0, altitudeFt: null, groundSpeedKt: null, trackDeg: null, verticalRateFpm: null, onGround: false, source: "ADSB", callsign: null };
  let pending: Buffer | null = null;
  let headerDone = false;
  const start = new Int32Array(FIELDS);
  const size = new Int32Array(FIELDS);
  // The last key and callsign, as text and as bytes: most rows repeat them, and comparing
  // a few bytes costs far less than decoding a string per row (the load's hot loop).
  const key = repeatedText("latin1");
  const callsign = repeatedText("utf8");
  let buf: Buffer = Buffer.alloc(0);
  // DataView reads big-endian numbers as compiler intrinsics, where Buffer's readers assemble
  // them byte by byte (a fifth of the parse).
  let data = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

  /** Parse one row at `at`; the offset after it, or -1 when the row is not complete yet. */
  const readRow = (at: number): number => {
    const end = buf.length;
    if (at + 2 > end) return -1;
    const fields = data.getInt16(at);
    if (fields === -1) return end; // the trailer
    if (fields !== FIELDS) throw new Error(`detection: unexpected COPY row of ${fields} fields`);
    // Field offsets first, so a row split between buffers is parsed once it is whole.
    let o = at + 2;
    for (let f = 0; f < FIELDS; f++) {
      if (o + 4 > end) return -1;
      const len = data.getInt32(o);
      start[f] = o + 4;
      size[f] = len;
      o += 4 + Math.max(0, len);
      if (o > end) return -1;
    }
    const t = start[1]!;
    const micros = data.getInt32(t) * 4_294_967_296 + data.getUint32(t + 4);
    const source = size[9] === 2 ? POSITION_SOURCES[data.getInt16(start[9]!)] : undefined;
    if (source === undefined) throw new Error("detection: a position's source is not one of POSITION_SOURCES");
    row.timeMs = micros / 1000 + PG_EPOCH_MS;
    row.latDeg = data.getFloat64(start[2]!);
    row.lonDeg = data.getFloat64(start[3]!);
    row.altitudeFt = size[4]! < 0 ? null : data.getInt32(start[4]!);
    row.groundSpeedKt = size[5]! < 0 ? null : data.getFloat32(start[5]!);
    row.trackDeg = size[6]! < 0 ? null : data.getFloat32(start[6]!);
    row.verticalRateFpm = size[7]! < 0 ? null : data.getInt32(start[7]!);
    row.onGround = buf[start[8]!] === 1;
    row.source = source;
    row.callsign = callsign.read(buf, start[10]!, size[10]!);
    onRow(key.read(buf, start[0]!, size[0]!)!, row);
    return o;
  };

  return {
    push(chunk: Buffer) {
      buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      data = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      let at = 0;
      if (!headerDone) {
        if (buf.length < SIGNATURE_BYTES + 8) {
          pending = buf;
          return;
        }
        at = SIGNATURE_BYTES + 8 + data.getInt32(SIGNATURE_BYTES + 4);
        headerDone = true;
      }
      for (let next = readRow(at); next !== -1; next = readRow(at)) at = next;
      pending = at < buf.length ? Buffer.from(buf.subarray(at)) : null;
      buf = Buffer.alloc(0);
    },
    end() {
      if (pending && pending.length > 0 && pending.readInt16BE(0) !== -1) throw new Error("detection: COPY ended inside a row");
      pending = null;
    },
  };
}

/**
 * A text field that mostly repeats the row before: `read` returns the same string while the
 * bytes are the same (null for SQL NULL), and decodes only when they change.
 */
function repeatedText(encoding: "latin1" | "utf8") {
  let last: string | null = null;
  let bytes = Buffer.alloc(64);
  let length = -1;
  return {
    read(buf: Buffer, at: number, len: number): string | null {
      if (len < 0) return null;
      if (len === length) {
        let same = true;
        for (let i = 0; i < len; i++) {
          if (buf[at + i] !== bytes[i]) {
            same = false;
            break;
          }
        }
        if (same) return last;
      }
      if (len > bytes.length) bytes = Buffer.alloc(len);
      buf.copy(bytes, 0, at, at + len);
      length = len;
      last = buf.toString(encoding, at, at + len);
      return last;
    },
  };
}
