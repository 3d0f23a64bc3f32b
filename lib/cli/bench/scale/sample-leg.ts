import type { Position } from "../../../../fixtures/scenario/observe-flight";
import { receptionAt, type Outage } from "../../../../fixtures/scenario/receivers";
import type { FleetAircraft } from "./regional-fleet";
import type { PlannedLeg } from "./plan-day";

/**
 * A uniform draw in [0, 1) addressed by (seed, sample, slot): random access, so a leg that
 * crosses midnight gives the same samples in whichever day file it is written.
 */
export function draw(seed: number, sample: number, slot: number): number {
  let h = (seed ^ Math.imul(sample + 1, 0x9e3779b1) ^ Math.imul(slot + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Roughly normal noise (sum of three draws, bounded at ±3·sd), as the scenario's Random.noise. */
function noiseAt(seed: number, sample: number, slot: number, sd: number): number {
  return (draw(seed, sample, slot) + draw(seed, sample, slot + 1) + draw(seed, sample, slot + 2) - 1.5) * 2 * sd;
}

/** Coverage changes slowly along a track: the network is asked once per 30-s bucket. */
const COVERAGE_BUCKET_S = 30;

/**
 * The state vectors one leg yields, in time order: a broadcast every `sampleIntervalS` ± 1 s
 * while the aircraft moves, kept when some working receiver decodes it (the scenario's receiver
 * model: real holes over open water, outages), dropped while the transponder is off. Quantised
 * as ADS-B reports (25 ft, 64 ft/min), with ~10 m of position noise.
 */
export class LegSampler {
  private sample = 0;
  /** Time of the next broadcast, s. */
  nextS: number;
  private bucket = -1;
  private probability = 0;
  private readonly endS: number;

  constructor(
    private readonly aircraft: FleetAircraft,
    private readonly leg: PlannedLeg,
    private readonly outages: readonly Outage[],
  ) {
    this.nextS = Math.ceil(leg.kinematics.startMs / 1000) + (leg.seed % aircraft.sampleIntervalS);
    this.endS = Math.floor(leg.kinematics.endMs / 1000);
  }

  get done(): boolean {
    return this.nextS > this.endS;
  }

  /** Move past the broadcasts before `timeS` without computing them (a leg from the day before). */
  skipTo(timeS: number): void {
    while (!this.done && this.nextS < timeS) this.advance();
  }

  /** The next broadcast's position if it was heard, else null; call while not `done`. */
  take(): Position | null {
    const timeS = this.nextS;
    const n = this.sample;
    this.advance();
    const { leg, aircraft } = this;
    const timeMs = timeS * 1000;
    if (leg.silence !== null && timeMs >= leg.silence.fromMs && timeMs <= leg.silence.toMs) return null;
    const state = leg.kinematics.stateAt(timeMs);
    const bucket = Math.floor(timeS / COVERAGE_BUCKET_S);
    if (bucket !== this.bucket) {
      this.bucket = bucket;
      this.probability = receptionAt(state.lonLat, state.altitudeFt, timeMs, this.outages).probability;
    }
    if (draw(leg.seed, n, 1) >= this.probability) return null;
    const altitudeFt = state.onGround ? null : Math.round(state.altitudeFt / 25) * 25;
    return {
      timeS,
      icao24: aircraft.identity.icao24,
      callsign: leg.callsign,
      squawk: leg.squawk,
      lonLat: [state.lonLat[0] + noiseAt(leg.seed, n, 2, 0.0001), state.lonLat[1] + noiseAt(leg.seed, n, 5, 0.0001)],
      altitudeFt,
      geoAltitudeFt: altitudeFt === null || !aircraft.identity.reportsGeoAltitude ? null : Math.round((altitudeFt * 1.04 + 60) / 25) * 25,
      groundSpeedKt: Math.max(0, Math.round(state.groundSpeedKt + (state.onGround ? 0 : noiseAt(leg.seed, n, 8, 1.5)))),
      trackDeg: (state.trackDeg + noiseAt(leg.seed, n, 11, 0.3) + 360) % 360,
      verticalRateFpm: state.onGround ? null : Math.round(state.verticalRateFpm / 64) * 64,
      onGround: state.onGround,
      source: "ADSB",
    };
  }

  private advance(): void {
    const jitter = draw(this.leg.seed, this.sample, 0);
    this.nextS += this.aircraft.sampleIntervalS + (jitter < 1 / 3 ? -1 : jitter < 2 / 3 ? 0 : 1);
    this.sample++;
  }
}
