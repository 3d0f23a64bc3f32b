import { POSITION_SOURCES, type CanonicalPosition } from "../ingest/canonical-position";

const NONE = -1;

/**
 * Positions held for a replay, column by column (~90 bytes a record instead of ~400 for an
 * object): numbers in plain arrays of doubles (NaN for null), texts interned once. Records are
 * read back by their rank in time order (`sortByTime` first), as equal canonical records.
 */
export class ReplayRecords {
  private readonly timeMs: number[] = [];
  private readonly latDeg: number[] = [];
  private readonly lonDeg: number[] = [];
  private readonly altitudeBaroFt: number[] = [];
  private readonly altitudeGeoFt: number[] = [];
  private readonly groundSpeedKt: number[] = [];
  private readonly trackDeg: number[] = [];
  private readonly verticalRateFpm: number[] = [];
  /** Interned text indices: icao24, callsign, squawk; flags: source index × 2 + onGround. */
  private readonly icao24: number[] = [];
  private readonly callsign: number[] = [];
  private readonly squawk: number[] = [];
  private readonly flags: number[] = [];
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private order: Uint32Array | null = null;

  get length(): number {
    return this.timeMs.length;
  }

  push(record: CanonicalPosition): void {
    const orNaN = (value: number | null) => (value === null ? Number.NaN : value);
    this.timeMs.push(record.time.getTime());
    this.latDeg.push(record.latDeg);
    this.lonDeg.push(record.lonDeg);
    this.altitudeBaroFt.push(orNaN(record.altitudeBaroFt));
    this.altitudeGeoFt.push(orNaN(record.altitudeGeoFt));
    this.groundSpeedKt.push(orNaN(record.groundSpeedKt));
    this.trackDeg.push(orNaN(record.trackDeg));
    this.verticalRateFpm.push(orNaN(record.verticalRateFpm));
    this.icao24.push(this.intern(record.icao24));
    this.callsign.push(this.intern(record.callsign));
    this.squawk.push(this.intern(record.squawk));
    this.flags.push(POSITION_SOURCES.indexOf(record.source) * 2 + (record.onGround ? 1 : 0));
    this.order = null;
  }

  /** Orders the records by time; records of the same ms keep their file order. */
  sortByTime(): void {
    const order = Uint32Array.from(this.timeMs.keys());
    const times = this.timeMs;
    // Uint32Array#sort takes a comparator: stable by index on equal times.
    order.sort((a, b) => times[a]! - times[b]! || a - b);
    this.order = order;
  }

  /** Time of the record of rank `rank` (0 = earliest). */
  timeAt(rank: number): number {
    return this.timeMs[this.indexOf(rank)]!;
  }

  /** The icao24 of the record of rank `rank`, without building the record. */
  icao24At(rank: number): string {
    return this.texts[this.icao24[this.indexOf(rank)]!]!;
  }

  /** The record of rank `rank` with its time moved by `shiftMs`. */
  at(rank: number, shiftMs = 0): CanonicalPosition {
    const i = this.indexOf(rank);
    const nullable = (value: number) => (Number.isNaN(value) ? null : value);
    const text = (index: number) => (index === NONE ? null : this.texts[index]!);
    const flags = this.flags[i]!;
    return {
      time: new Date(this.timeMs[i]! + shiftMs),
      icao24: this.texts[this.icao24[i]!]!,
      callsign: text(this.callsign[i]!),
      latDeg: this.latDeg[i]!,
      lonDeg: this.lonDeg[i]!,
      altitudeBaroFt: nullable(this.altitudeBaroFt[i]!),
      altitudeGeoFt: nullable(this.altitudeGeoFt[i]!),
      groundSpeedKt: nullable(this.groundSpeedKt[i]!),
      trackDeg: nullable(this.trackDeg[i]!),
      verticalRateFpm: nullable(this.verticalRateFpm[i]!),
      squawk: text(this.squawk[i]!),
      onGround: (flags & 1) === 1,
      source: POSITION_SOURCES[flags >> 1]!,
    };
  }

  private indexOf(rank: number): number {
    if (this.order === null) this.sortByTime();
    return this.order![rank]!;
  }

  private intern(text: string | null): number {
    if (text === null) return NONE;
    let index = this.textIndex.get(text);
    if (index === undefined) {
      index = this.texts.length;
      this.texts.push(text);
      this.textIndex.set(text, index);
    }
    return index;
  }
}
