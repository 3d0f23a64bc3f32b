import { z } from "zod";
import { latLonSchema } from "./endpoint-evidence";

const routeEndSchema = latLonSchema.extend({ airportIcao: z.string().nullable() });

/** ZONE_AVOIDANCE evidence: the direct route through the zone, the FIRs expected and flown, how far off and how much longer. */
export const zoneAvoidanceEvidenceSchema = z.object({
  summary: z.string(),
  zone: z.string(),
  zoneName: z.string(),
  route: z.object({ from: routeEndSchema, to: routeEndSchema }),
  greatCircleKm: z.number(),
  greatCircleInsideZoneKm: z.number(),
  expectedFirSequence: z.array(z.string()),
  flownFirSequence: z.array(z.string()),
  maxOffsetKm: z.number(),
  side: z.enum(["west", "east"]),
  maxOffsetAt: latLonSchema,
  extraDistancePct: z.number(),
  routeCoverage: z.number(),
});
export type ZoneAvoidanceEvidence = z.infer<typeof zoneAvoidanceEvidenceSchema>;
