/** An airborne silence inside a flight, graded (see lib/core/gaps/grade-gap.ts). */
export interface GapEvent {
  off: GapPoint;
  /** null when the gap is still open at the end of the data. */
  on: GapPoint | null;
  durationS: number;
  distanceKm: number | null;
  impliedSpeedKt: number | null;
  open: boolean;
  /** ADS-B positions stopped while MLAT / Mode S positions continued. */
  partial: boolean;
  suspected: boolean;
  confidence: number; // 0..1
  /** Other aircraft received along the silent path during it (partial gaps: the aircraft's own MLAT / Mode S positions). */
  witnessCount: number;
  /** Why it is (not) suspected: one code per criterion, passed or failed (words are made from them by describe-flag.ts). */
  reasons: GapReason[];
  /** Up to 20 witnesses' addresses. */
  witnesses: string[];
  /** Other aircraft heard next to the path just before and after the silence but not during it. */
  quietCount: number;
  /** Other aircraft received anywhere in the wider region around the path during the silence. */
  aliveCount: number;
  /** Other aircraft's crossings of the path's cells in the hours around the silence: heard, and not heard at all. */
  crossingsHeardThen: number;
  crossingsUnheardThen: number;
  /** Positions the reception map predicted along the silent path had the aircraft been transmitting. */
  expectedPositions: number;
  /** The map's chance that none of them would have been received. */
  chanceOfNone: number;
  /** The aircraft's own sampling interval before the silence, s (null when unknown). */
  ownIntervalS: number | null;
  /** The cells inside the silent path, with the reception the map measured there at its altitude band. */
  pathCells: GapPathCell[];
  /** Positions in the density window before the off point (ADS-B only for a partial gap). */
  positionsBefore: number;
}

/** One criterion of the grading: a stable code and whether the silence met it. */
export interface GapReason {
  code: GapReasonCode;
  passed: boolean;
}

export const GAP_REASON_CODES = [
  "ALTITUDE",
  "NOT_DESCENDING",
  "AWAY_FROM_AIRPORTS",
  "DENSE_BEFORE",
  "STRAIGHT_PATH",
  "MAP_EXPECTS_RECEPTION",
  "MAP_KNOWS_PATH",
  "OTHERS_RECEIVED",
  "OTHERS_NOT_QUIET",
  "CROSSINGS_HEARD_THEN",
  "FEED_ALIVE",
  "OTHER_SOURCES_CONTINUED",
] as const;
export type GapReasonCode = (typeof GAP_REASON_CODES)[number];

/** A cell inside a silent path: where, how long the aircraft would have spent there, and the map's reception. */
export interface GapPathCell {
  cell: number;
  latDeg: number;
  lonDeg: number;
  seconds: number;
  /** Positions received / predicted there by the map over its history window; null: never crossed (unknown). */
  receptionRate: number | null;
}

export interface GapPoint {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  altitudeFt: number | null;
  groundSpeedKt: number | null;
}
