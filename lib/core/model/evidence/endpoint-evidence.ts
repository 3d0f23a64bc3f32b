import { z } from "zod";

/** How an origin or destination was established, as stored in evidence. */
export const endpointEvidenceSchema = z.object({
  airportIcao: z.string().nullable(),
  country: z.string().nullable(),
  method: z.enum(["airport", "inferred", "unknown"]),
  explanation: z.string(),
});

const latLonSchema = z.object({ latDeg: z.number(), lonDeg: z.number() });
export { latLonSchema };
