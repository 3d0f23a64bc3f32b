import "server-only";
import type { TrackPoint } from "../../core/model/track-point";
import type { PositionSource } from "../../ingest/canonical-position";

/**
 * The columns {@link createPositionCopyParser} reads, in order, after a leading text key column,
 * for `COPY … TO STDOUT (FORMAT binary)`: binary spares PostgreSQL formatting a million floats
 * as text and this process parsing them back (most of the load's time with text COPY).
 */
export const POSITION_COPY_COLUMNS = `p.time, p.lat_deg, p.lon_deg, coalesce(p.altitude_baro_ft, p.altitude_geo_ft), p.ground_speed_kt,
  p.track_deg, p.vertical_rate_fpm, p.on_ground, p.source::text, p.callsign::text`;

const SOURCES = new Map<string, PositionSource>(
  (["ADSB", "MLAT", "TISB", "ADSC", "MODE_S", "ASTERIX", "FLARM", "OTHER"] as const).map((s) => [s, s]),
);
/** PostgreSQL's epoch (2000-01-01) in Unix milliseconds: binary timestamps count microseconds from it. */
const PG_EPOCH_MS = 946_684_800_000;
const SIGNATURE_BYTES = 11;
const FIELDS = 11;

/**
 * A parser for binary COPY rows of a text key and {@link POSITION_COPY_COLUMNS}: feed it the
 * stream's buffers, it calls `onRow(key, point)` per row. Repeated keys and callsigns reuse one
 * string, sources are the enum's own constants: a million points do not carry a million copies.
 */
export function createPositionCopyParser(onRow: (key: string, point: TrackPoint) => void) {
  let pending: Buffer | null = null;
  let headerDone = false;
  let lastKey = "";
  let lastCallsign: string | null = null;
  const start = new Int32Array(FIELDS);
  const size = new Int32Array(FIELDS);

  /** Parse one row at `at`; the offset after it, or -1 when the row is not complete yet. */
  const row = (buf: Buffer, at: number): number => {
    if (at + 2 > buf.length) return -1;
    const fields = buf.readInt16BE(at);
    if (fields === -1) return buf.length; // the trailer
    if (fields !== FIELDS) throw new Error(`detection: unexpected COPY row of ${fields} fields`);
    // Field offsets first, so a row split between buffers is parsed once it is whole.
    let o = at + 2;
    for (let f = 0; f < FIELDS; f++) {
      if (o + 4 > buf.length) return -1;
      const len = buf.readInt32BE(o);
      start[f] = o + 4;
      size[f] = len;
      o += 4 + Math.max(0, len);
      if (o > buf.length) return -1;
    }
    const key = buf.toString("latin1", start[0]!, start[0]! + size[0]!);
    if (key !== lastKey) lastKey = key;
    const t = start[1]!;
    const micros = buf.readInt32BE(t) * 4_294_967_296 + buf.readUInt32BE(t + 4);
    const int = (f: number) => (size[f]! < 0 ? null : buf.readInt32BE(start[f]!));
    const real = (f: number) => (size[f]! < 0 ? null : buf.readFloatBE(start[f]!));
    let callsign: string | null = null;
    if (size[10]! >= 0) {
      const text = buf.toString("utf8", start[10]!, start[10]! + size[10]!);
      callsign = text === lastCallsign ? lastCallsign : (lastCallsign = text);
    }
    const source = buf.toString("latin1", start[9]!, start[9]! + size[9]!);
    onRow(lastKey, {
      timeMs: micros / 1000 + PG_EPOCH_MS,
      latDeg: buf.readDoubleBE(start[2]!),
      lonDeg: buf.readDoubleBE(start[3]!),
      altitudeFt: int(4),
      groundSpeedKt: real(5),
      trackDeg: real(6),
      verticalRateFpm: int(7),
      onGround: buf[start[8]!] === 1,
      source: SOURCES.get(source) ?? (source as PositionSource),
      callsign,
    });
    return o;
  };

  return {
    push(chunk: Buffer) {
      let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      if (!headerDone) {
        if (buf.length < SIGNATURE_BYTES + 8) {
          pending = buf;
          return;
        }
        at = SIGNATURE_BYTES + 8 + buf.readInt32BE(SIGNATURE_BYTES + 4);
        headerDone = true;
      }
      for (let next = row(buf, at); next !== -1; next = row(buf, at)) at = next;
      pending = at < buf.length ? Buffer.from(buf.subarray(at)) : null;
      buf = Buffer.alloc(0);
    },
    end() {
      if (pending && pending.length > 0 && pending.readInt16BE(0) !== -1) throw new Error("detection: COPY ended inside a row");
      pending = null;
    },
  };
}
