import { z } from "zod";
import { endpointEvidenceSchema } from "./endpoint-evidence";

/** CUBA_VENEZUELA evidence: the two endpoints and whether they came from airports or were inferred. */
export const cubaVenezuelaEvidenceSchema = z.object({
  summary: z.string(),
  direction: z.string(),
  basis: z.enum(["airports", "inferred"]),
  origin: endpointEvidenceSchema,
  destination: endpointEvidenceSchema,
});
export type CubaVenezuelaEvidence = z.infer<typeof cubaVenezuelaEvidenceSchema>;
