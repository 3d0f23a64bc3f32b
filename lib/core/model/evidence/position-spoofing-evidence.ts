import { z } from "zod";

const trustedPointSchema = z.object({ time: z.string(), latDeg: z.number(), lonDeg: z.number(), altitudeFt: z.number().nullable(), groundSpeedKt: z.number().nullable() });

/** POSITION_SPOOFING evidence: written by the detector, read back by the store and the pages. */
export const positionSpoofingEvidenceSchema = z.object({
  summary: z.string(),
  /** First and last untrusted report, ISO. */
  start: z.string(),
  end: z.string(),
  minutes: z.number(),
  /** Seconds the position stayed frozen while the reported ground speed said the aircraft flew on. */
  frozenS: z.number(),
  jumps: z.array(z.object({ at: z.string(), distanceKm: z.number(), impliedSpeedKt: z.number() })),
  positionsRemoved: z.number().int(),
  signs: z.array(z.enum(["frozen", "jump", "stationary"])),
  /** Last trusted position before and first trusted after the stretch. */
  lastTrusted: trustedPointSchema,
  firstTrusted: trustedPointSchema,
  /** Great-circle distance between them, and the average speed it implies (the true course across). */
  trueDistanceKm: z.number(),
  trueSpeedKt: z.number(),
});

export type PositionSpoofingEvidence = z.infer<typeof positionSpoofingEvidenceSchema>;
