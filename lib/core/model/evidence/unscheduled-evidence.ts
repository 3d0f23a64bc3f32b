import { z } from "zod";

/** UNSCHEDULED evidence: the callsign, why the flight was checked, and the nearest schedule entries with why each failed. */
export const unscheduledEvidenceSchema = z.object({
  summary: z.string(),
  callsign: z.string().nullable(),
  evaluatedBecause: z.array(z.string()),
  candidates: z.array(
    z.object({
      callsign: z.string(),
      route: z.string(),
      days: z.string(),
      departureUtc: z.string(),
      validity: z.string(),
      operator: z.string().nullable(),
      offsetMin: z.number().nullable(),
      whyNot: z.array(z.string()),
    }),
  ),
});
export type UnscheduledEvidence = z.infer<typeof unscheduledEvidenceSchema>;
