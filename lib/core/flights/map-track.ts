import type { GapRecord } from "../flight-record";
import { thinTrackForMap } from "./thin-track-for-map";

/** One point of a map track: what a map draws and its tooltips show. */
export interface MapTrackPoint {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  altitudeFt: number | null;
}

/** Points a flight page's map needs at most; the overview asks for fewer (thinned again). */
export const MAP_TRACK_MAX_POINTS = 2000;

/** The stored form's first byte: a later format can be told apart. */
const FORMAT_VERSION = 1;
/** Coordinates are stored in 1e-5 degrees (≈ 1 m), times in whole seconds, altitudes in whole feet. */
const COORDINATE_UNITS_PER_DEG = 1e5;
/** The most bytes one point takes: four varints of at most eight bytes (any safe integer). */
const MAX_POINT_BYTES = 32;
const HEADER_BYTES = 1 + 5 + 8;

/**
 * Thin a flight's points for maps (gaps' off and on points kept) and encode them for storage
 * (`flights.map_track`, bytea). Each point is four varints of differences from the point before:
 * seconds, latitude and longitude in 1e-5° (≈ 1 m), and altitude in feet (0 for unknown). A
 * 500-point track takes ~3 kB, where the same columns as JSON text took ~13 kB: writing and
 * compressing that text was about a quarter of detection's time (npm run bench:detect).
 */
export function encodeMapTrack(points: readonly MapTrackPoint[], gaps: readonly Pick<GapRecord, "offTimeMs">[]): Uint8Array<ArrayBuffer> {
  const kept = thinTrackForMap(points, gaps, MAP_TRACK_MAX_POINTS);
  const out = new Writer(HEADER_BYTES + kept.length * MAX_POINT_BYTES);
  const t0Ms = kept[0]?.timeMs ?? 0;
  out.byte(FORMAT_VERSION);
  out.unsigned(kept.length);
  out.float64(t0Ms);
  let lastS = 0;
  let lastLat = 0;
  let lastLon = 0;
  let lastAltitude = 0;
  for (const p of kept) {
    // Rounded absolute values, then differences: rounding never accumulates along the track.
    const s = Math.round((p.timeMs - t0Ms) / 1000);
    const lat = Math.round(p.latDeg * COORDINATE_UNITS_PER_DEG);
    const lon = Math.round(p.lonDeg * COORDINATE_UNITS_PER_DEG);
    out.signed(s - lastS);
    out.signed(lat - lastLat);
    out.signed(lon - lastLon);
    if (p.altitudeFt === null) out.unsigned(0);
    else {
      const altitude = Math.round(p.altitudeFt);
      // +1 leaves 0 for unknown; the difference is from the last known altitude.
      out.unsigned(zigzag(altitude - lastAltitude) + 1);
      lastAltitude = altitude;
    }
    lastS = s;
    lastLat = lat;
    lastLon = lon;
  }
  return out.done();
}

/** The points of a stored map track, in time order. Throws on bytes that are not one. */
export function decodeMapTrack(bytes: Uint8Array): MapTrackPoint[] {
  const input = new Reader(bytes);
  const version = input.byte();
  if (version !== FORMAT_VERSION) throw new Error(`map track: unknown format ${version}`);
  const count = input.unsigned();
  const t0Ms = input.float64();
  // Each point takes at least four bytes: a count past that is not a track (and allocates nothing).
  if (count * 4 > input.remaining()) throw new Error("map track: ends early");
  const points: MapTrackPoint[] = new Array(count);
  let s = 0;
  let lat = 0;
  let lon = 0;
  let altitude = 0;
  for (let i = 0; i < count; i++) {
    s += input.signed();
    lat += input.signed();
    lon += input.signed();
    const a = input.unsigned();
    if (a !== 0) altitude += unzigzag(a - 1);
    points[i] = { timeMs: t0Ms + s * 1000, latDeg: lat / COORDINATE_UNITS_PER_DEG, lonDeg: lon / COORDINATE_UNITS_PER_DEG, altitudeFt: a === 0 ? null : altitude };
  }
  if (!input.atEnd()) throw new Error("map track: bytes after the last point");
  return points;
}

// Zigzag maps small signed numbers to small unsigned ones (0, -1, 1, -2 → 0, 1, 2, 3), with
// arithmetic rather than bit operations so values past 32 bits stay exact.
const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

class Writer {
  private readonly bytes: Uint8Array<ArrayBuffer>;
  private at = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }
  byte(b: number) {
    this.bytes[this.at++] = b;
  }
  unsigned(n: number) {
    while (n >= 0x80) {
      this.bytes[this.at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.at++] = n;
  }
  signed(n: number) {
    this.unsigned(zigzag(n));
  }
  float64(v: number) {
    new DataView(this.bytes.buffer).setFloat64(this.at, v);
    this.at += 8;
  }
  done(): Uint8Array<ArrayBuffer> {
    return this.bytes.slice(0, this.at);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new Error("map track: ends early");
    return this.bytes[this.at++]!;
  }
  unsigned(): number {
    let n = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      if (scale > 2 ** 42) throw new Error("map track: varint too long");
    }
  }
  signed(): number {
    return unzigzag(this.unsigned());
  }
  float64(): number {
    if (this.at + 8 > this.bytes.length) throw new Error("map track: ends early");
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).getFloat64(this.at);
    this.at += 8;
    return v;
  }
  remaining(): number {
    return this.bytes.length - this.at;
  }
  atEnd(): boolean {
    return this.at === this.bytes.length;
  }
}
