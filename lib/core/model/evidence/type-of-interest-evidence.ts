import { z } from "zod";

/** TYPE_OF_INTEREST evidence: what matched the watchlist, the identity and where it came from, the address-block check. */
export const typeOfInterestEvidenceSchema = z.object({
  summary: z.string(),
  matchedBy: z.array(z.string()),
  icao24: z.string(),
  typecode: z.string().nullable(),
  registration: z.string().nullable(),
  operator: z.string().nullable(),
  tags: z.array(z.string()),
  identitySource: z.string().nullable(),
  addressCountry: z.object({ code: z.string().nullable(), name: z.string() }).passthrough().nullable(),
  registrationCountry: z.object({ code: z.string(), name: z.string() }).nullable(),
  identityWarning: z.string().nullable(),
});
export type TypeOfInterestEvidence = z.infer<typeof typeOfInterestEvidenceSchema>;
