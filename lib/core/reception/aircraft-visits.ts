import { MAP_HOUR_MS, type ReceptionConfig } from "../model/reception-config";
import type { TrackPoint } from "../model/track-point";
import { altitudeBand, gridCell } from "./grid-cell";

/** What the map needs of a position. */
export type VisitPoint = Pick<TrackPoint, "timeMs" | "latDeg" | "lonDeg" | "altitudeFt" | "onGround" | "groundSpeedKt" | "trackDeg">;

/** One aircraft's visit of a cell × altitude band in an hour (a row of reception_visits). */
export interface Visit {
  hourMs: number;
  cell: number;
  band: number;
  /** Its positions received there. */
  received: number;
  /** When: each received position's milliseconds after the hour began, in time order. */
  receivedMs: number[];
  /** The positions its own sampling predicts there, in thousandths. */
  expectedMilli: number;
}

const EARTH_KM = 6371.0088;
// As PostgreSQL's radians() and degrees(): the same factor, multiplied and divided by.
const RADIANS = Math.PI / 180;
const hourOf = (ms: number) => Math.floor(ms / MAP_HOUR_MS) * MAP_HOUR_MS;

/**
 * One aircraft's visits in the hours `fromHourMs`…`toHourMs` (both inclusive), from its positions
 * sorted by time: those of those hours, and those up to a bridge and two hours either side (the
 * silences that reach into them, the sampling beside them). Reception holes are measured, not
 * guessed: a visit counts the positions received in the cell and those the aircraft's own
 * sampling predicts there:
 * - its time there between positions at most `denseMaxS` apart;
 * - across a silence of up to `bridgeMaxS` in the air at a plausible speed, along the great
 *   circle, in `bridgeStepS` pieces (a crossing heard by nobody);
 * - where a track starts or ends in the air, `openEndProjectionS` projected along its track;
 * each divided by its mean sampling interval over the hour and the hours beside it.
 * Pure: the map is the same whatever order or split the positions were imported in.
 */
export function aircraftVisits(points: readonly VisitPoint[], fromHourMs: number, toHourMs: number, config: ReceptionConfig): Visit[] {
  const n = points.length;
  if (n === 0) return [];
  const cell = (lat: number, lon: number) => gridCell(lat, lon, config.cellDeg);
  const band = (alt: number | null, ground: boolean) => altitudeBand(alt, ground, config.bandFloorsFt);

  // Sampling: the mean interval between dense pairs over each hour and the hours beside it.
  const dense = new Map<number, { pairs: number; seconds: number }>();
  for (let i = 0; i + 1 < n; i++) {
    const dt = (points[i + 1]!.timeMs - points[i]!.timeMs) / 1000;
    if (dt <= 0 || dt > config.denseMaxS) continue;
    const hour = hourOf(points[i]!.timeMs);
    const d = dense.get(hour) ?? { pairs: 0, seconds: 0 };
    d.pairs++;
    d.seconds += dt;
    dense.set(hour, d);
  }
  const intervals = new Map<number, number | undefined>();
  const intervalAt = (hour: number): number | undefined => {
    if (intervals.has(hour)) return intervals.get(hour);
    let pairs = 0;
    let seconds = 0;
    for (const h of [hour - MAP_HOUR_MS, hour, hour + MAP_HOUR_MS]) {
      const d = dense.get(h);
      if (d) {
        pairs += d.pairs;
        seconds += d.seconds;
      }
    }
    const interval = pairs > 0 ? seconds / pairs : undefined;
    intervals.set(hour, interval);
    return interval;
  };

  const visits = new Map<string, Visit>();
  const visit = (hourMs: number, c: number, b: number): Visit => {
    const key = `${hourMs} ${c} ${b}`;
    let v = visits.get(key);
    if (!v) visits.set(key, (v = { hourMs, cell: c, band: b, received: 0, receivedMs: [], expectedMilli: 0 }));
    return v;
  };
  const expect = (hourMs: number, lat: number, lon: number, b: number | null, positions: number) => {
    if (b !== null) visit(hourMs, cell(lat, lon), b).expectedMilli += positions;
  };

  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    const b = band(p.altitudeFt, p.onGround);
    if (b !== null) {
      const hourMs = hourOf(p.timeMs);
      const v = visit(hourMs, cell(p.latDeg, p.lonDeg), b);
      v.received++;
      v.receivedMs.push(p.timeMs - hourMs);
    }
    const interval = intervalAt(hourOf(p.timeMs));
    if (interval === undefined) continue;
    const next = points[i + 1];
    const dt = next ? (next.timeMs - p.timeMs) / 1000 : null;
    const prev = points[i - 1];
    const dtBefore = prev ? (p.timeMs - prev.timeMs) / 1000 : null;
    if (dt !== null && dt > 0 && dt <= config.denseMaxS) {
      expect(hourOf(p.timeMs), p.latDeg, p.lonDeg, b, dt / interval);
    } else if (next && dt !== null && dt > config.denseMaxS && dt <= config.bridgeMaxS) {
      bridge(p, next, dt, interval, config, expect);
    }
    // A track that starts or ends in the air: flown on unheard, projected along its track at its speed.
    const open = !p.onGround && p.altitudeFt !== null && p.trackDeg !== null && p.groundSpeedKt !== null && p.groundSpeedKt >= config.bridgeMinSpeedKt;
    if (open && (dt === null || dt > config.bridgeMaxS)) project(p, 1, interval, config, expect);
    if (open && (dtBefore === null || dtBefore > config.bridgeMaxS)) project(p, -1, interval, config, expect);
  }

  const out: Visit[] = [];
  for (const v of visits.values()) {
    v.expectedMilli = roundHalfEven(v.expectedMilli * 1000);
    if (v.hourMs >= fromHourMs && v.hourMs <= toHourMs && (v.received > 0 || v.expectedMilli > 0)) out.push(v);
  }
  return out;
}

type Expect = (hourMs: number, lat: number, lon: number, band: number | null, positions: number) => void;

/** A silence in the air at a plausible speed: the great circle between its ends, cut into pieces. */
function bridge(p: VisitPoint, q: VisitPoint, dt: number, interval: number, config: ReceptionConfig, expect: Expect): void {
  if (p.onGround || q.onGround || p.altitudeFt === null || q.altitudeFt === null) return;
  if (Math.abs(q.lonDeg - p.lonDeg) >= 180) return;
  const a =
    Math.sin((q.latDeg - p.latDeg) * RADIANS / 2) ** 2 +
    Math.cos(p.latDeg * RADIANS) * Math.cos(q.latDeg * RADIANS) * Math.sin((q.lonDeg - p.lonDeg) * RADIANS / 2) ** 2;
  const speedKt = (EARTH_KM * 2 * Math.asin(Math.sqrt(a))) / 1.852 / (dt / 3600);
  if (!(speedKt >= config.bridgeMinSpeedKt && speedKt <= config.bridgeMaxSpeedKt)) return;
  const pieces = Math.ceil(dt / config.bridgeStepS);
  const b = altitudeBand(Math.min(p.altitudeFt, q.altitudeFt), false, config.bandFloorsFt);
  for (let k = 0; k < pieces; k++) {
    const f = (k + 0.5) / pieces;
    const hourMs = hourOf(p.timeMs + Math.floor(((k + 0.5) * (q.timeMs - p.timeMs)) / pieces));
    expect(hourMs, p.latDeg + f * (q.latDeg - p.latDeg), p.lonDeg + f * (q.lonDeg - p.lonDeg), b, dt / pieces / interval);
  }
}

/** The first (`dir` −1) or last (+1) position of a track in the air, flown on along its track. */
function project(p: VisitPoint, dir: 1 | -1, interval: number, config: ReceptionConfig, expect: Expect): void {
  const phi = p.latDeg * RADIANS;
  const theta = (p.trackDeg! + (dir === 1 ? 0 : 180)) * RADIANS;
  const b = altitudeBand(p.altitudeFt, false, config.bandFloorsFt);
  const steps = Math.ceil(config.openEndProjectionS / config.bridgeStepS);
  for (let k = 0; k < steps; k++) {
    const delta = (p.groundSpeedKt! * 1.852 * (((k + 0.5) * config.bridgeStepS) / 3600)) / EARTH_KM;
    const phi2 = Math.asin(Math.sin(phi) * Math.cos(delta) + Math.cos(phi) * Math.sin(delta) * Math.cos(theta));
    const lat = phi2 / RADIANS;
    const lon = p.lonDeg + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi), Math.cos(delta) - Math.sin(phi) * Math.sin(phi2)) / RADIANS;
    expect(hourOf(p.timeMs + dir * (k + 0.5) * config.bridgeStepS * 1000), lat, lon, b, config.bridgeStepS / interval);
  }
}

/** PostgreSQL's round() of a double: to the nearest integer, halves to even. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
