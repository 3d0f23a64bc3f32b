import { z } from "zod";
import { GAP_REASON_CODES } from "../gap-event";

const gapPointSchema = z.object({
  time: z.string(),
  latDeg: z.number(),
  lonDeg: z.number(),
  altitudeFt: z.number().nullable(),
  groundSpeedKt: z.number().nullable(),
});

/**
 * TRANSPONDER_GAP evidence: written by the detector, read back by the store and the pages. The
 * grading is stored as reason codes with the numbers behind them; words are made from them
 * (describe-gap.ts), never parsed back out of sentences.
 */
export const transponderGapEvidenceSchema = z.object({
  summary: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  minutes: z.number(),
  suspected: z.boolean(),
  confidence: z.number(),
  partial: z.boolean(),
  open: z.boolean(),
  /** Other aircraft received along the silent path during it; partial gaps: own MLAT / Mode S positions. */
  witnesses: z.number().int(),
  witnessAddresses: z.array(z.string()),
  /** Other aircraft heard next to the path just before and after, not during it. */
  quietAircraft: z.number().int(),
  /** Other aircraft received anywhere in the wider region during the silence (the feed was up). */
  aliveAircraft: z.number().int(),
  /** Other aircraft's crossings of the path's cells in the hours of the silence: heard, and heard not at all. */
  crossingsHeardThen: z.number().int(),
  crossingsUnheardThen: z.number().int(),
  expectedPositions: z.number(),
  chanceOfNone: z.number(),
  ownIntervalS: z.number().nullable(),
  positionsBefore: z.number().int(),
  offPoint: gapPointSchema,
  onPoint: gapPointSchema.nullable(),
  distanceKm: z.number().nullable(),
  impliedSpeedKt: z.number().nullable(),
  reasons: z.array(z.object({ code: z.enum(GAP_REASON_CODES), passed: z.boolean() })),
  /** The cells inside the silent path with the reception the map measured at its altitude band. */
  pathCells: z.array(
    z.object({ cell: z.number().int(), latDeg: z.number(), lonDeg: z.number(), seconds: z.number(), receptionRate: z.number().nullable() }),
  ),
  /** Altitude band index (0 lowest) the map was read at, and the history window in days. */
  band: z.number().int(),
  historyDays: z.number(),
});

export type TransponderGapEvidence = z.infer<typeof transponderGapEvidenceSchema>;
