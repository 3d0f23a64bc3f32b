import "server-only";
import type { TrackPoint } from "../../core/model/track-point";
import type { PositionSource } from "../../ingest/canonical-position";

const ALTITUDE_NULL = 1;
const SPEED_NULL = 2;
const TRACK_NULL = 4;
const VERTICAL_NULL = 8;
const ON_GROUND = 16;

/**
 * Positions kept in columns (typed arrays) while a detection batch streams in, made into
 * {@link TrackPoint} objects only when the batch is handed over. Points held as objects while
 * the stream waited for the batch before to be detected survived every young-generation
 * collection meanwhile and were copied each time: parsing a million positions took 0.7–1 s so,
 * 0.15 s when nothing holds them (npm run bench:detect). Columns cost the collector nothing.
 */
export class PositionColumns {
  private capacity = 0;
  private count = 0;
  private timeMs = new Float64Array(0);
  private latDeg = new Float64Array(0);
  private lonDeg = new Float64Array(0);
  private altitudeFt = new Float64Array(0);
  private groundSpeedKt = new Float64Array(0);
  private trackDeg = new Float64Array(0);
  private verticalRateFpm = new Float64Array(0);
  private bits = new Uint8Array(0);
  // Shared strings (the parser reuses one per repeated value): a slot each, no object per row.
  private sources: PositionSource[] = [];
  private callsigns: (string | null)[] = [];

  get length(): number {
    return this.count;
  }

  /** Rows it holds without growing. */
  get capacityRows(): number {
    return this.capacity;
  }

  /** Copy a point in (it may be a view the parser reuses); its row number. */
  append(p: Readonly<TrackPoint>): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.timeMs[i] = p.timeMs;
    this.latDeg[i] = p.latDeg;
    this.lonDeg[i] = p.lonDeg;
    let bits = p.onGround ? ON_GROUND : 0;
    if (p.altitudeFt === null) bits |= ALTITUDE_NULL;
    else this.altitudeFt[i] = p.altitudeFt;
    if (p.groundSpeedKt === null) bits |= SPEED_NULL;
    else this.groundSpeedKt[i] = p.groundSpeedKt;
    if (p.trackDeg === null) bits |= TRACK_NULL;
    else this.trackDeg[i] = p.trackDeg;
    if (p.verticalRateFpm === null) bits |= VERTICAL_NULL;
    else this.verticalRateFpm[i] = p.verticalRateFpm;
    this.bits[i] = bits;
    this.sources[i] = p.source;
    this.callsigns[i] = p.callsign;
    return i;
  }

  timeMsAt(i: number): number {
    return this.timeMs[i]!;
  }

  onGroundAt(i: number): boolean {
    return (this.bits[i]! & ON_GROUND) !== 0;
  }

  /** Rows [from, to) as points, in order. */
  points(from: number, to: number): TrackPoint[] {
    const out = new Array<TrackPoint>(to - from);
    for (let i = from; i < to; i++) {
      const bits = this.bits[i]!;
      out[i - from] = {
        timeMs: this.timeMs[i]!,
        latDeg: this.latDeg[i]!,
        lonDeg: this.lonDeg[i]!,
        altitudeFt: bits & ALTITUDE_NULL ? null : this.altitudeFt[i]!,
        groundSpeedKt: bits & SPEED_NULL ? null : this.groundSpeedKt[i]!,
        trackDeg: bits & TRACK_NULL ? null : this.trackDeg[i]!,
        verticalRateFpm: bits & VERTICAL_NULL ? null : this.verticalRateFpm[i]!,
        onGround: (bits & ON_GROUND) !== 0,
        source: this.sources[i]!,
        callsign: this.callsigns[i]!,
      };
    }
    return out;
  }

  /** Forget every row; the arrays stay for the next batch. */
  clear(): void {
    // The string slots are overwritten, not emptied: an array cut to length 0 grows again in
    // small steps, which made every append five times slower. They hold only shared strings.
    this.count = 0;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const widen = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.timeMs = widen(this.timeMs);
    this.latDeg = widen(this.latDeg);
    this.lonDeg = widen(this.lonDeg);
    this.altitudeFt = widen(this.altitudeFt);
    this.groundSpeedKt = widen(this.groundSpeedKt);
    this.trackDeg = widen(this.trackDeg);
    this.verticalRateFpm = widen(this.verticalRateFpm);
    const bits = new Uint8Array(capacity);
    bits.set(this.bits);
    this.bits = bits;
    this.capacity = capacity;
  }
}
