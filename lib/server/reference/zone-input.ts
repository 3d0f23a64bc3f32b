import "server-only";
import { z } from "zod";
import { AppError } from "../app-error";

/** Zone codes are upper case, like the FIRs' ("TNCF"); analysts may add longer ones ("CURACAO-ADIZ"). */
export const zoneCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, "a zone code is 2-32 letters, digits, - or _, starting with a letter or digit, e.g. CURACAO-ADIZ");

export const zoneNameSchema = z.string().trim().min(1, "a zone needs a name").max(100, "a zone name is at most 100 characters");

/**
 * A zone code as typed ("tncf", " skec ") → the stored form ("TNCF"); BAD_REQUEST naming the problem otherwise.
 * @example parseZoneCode("skec") // "SKEC"
 */
export function parseZoneCode(code: string): string {
  const result = zoneCodeSchema.safeParse(code);
  if (!result.success) throw new AppError("BAD_REQUEST", `zone code ${JSON.stringify(code)}: ${result.error.issues[0]?.message}`);
  return result.data;
}

/** A zone name, trimmed; BAD_REQUEST when empty or too long. */
export function parseZoneName(name: string): string {
  const result = zoneNameSchema.safeParse(name);
  if (!result.success) throw new AppError("BAD_REQUEST", `zone name ${JSON.stringify(name)}: ${result.error.issues[0]?.message}`);
  return result.data;
}
