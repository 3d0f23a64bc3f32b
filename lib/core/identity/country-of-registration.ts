import { REGISTRATION_PREFIXES, type RegistrationPrefix } from "../reference/registration-prefixes";

const BY_PREFIX = new Map(REGISTRATION_PREFIXES.map((p) => [p.prefix, p]));
const MAX_PREFIX = Math.max(...REGISTRATION_PREFIXES.map((p) => p.prefix.length));

/**
 * The State of registry of a registration, by longest matching nationality mark, or null.
 * Marks are matched with their hyphen ("CU-T1250", "RA-96012") or without it as many sources
 * write them ("YV1004", "HI1001"); one-character marks need the hyphen (G-, D-, B-) except the
 * United States' N followed by a digit.
 * @example countryOfRegistration("CU-T1250")?.country // "CU"
 * @example countryOfRegistration("N899DN")?.country   // "US"
 */
export function countryOfRegistration(registration: string | null | undefined): RegistrationPrefix | null {
  const reg = (registration ?? "").trim().toUpperCase();
  if (reg.length < 2) return null;
  for (let len = Math.min(MAX_PREFIX, reg.length - 1); len >= 1; len--) {
    const entry = BY_PREFIX.get(reg.slice(0, len));
    if (!entry) continue;
    const next = reg[len] ?? "";
    if (next === "-") return entry;
    if (entry.prefix.endsWith("-")) return entry;
    if (len === 1) {
      if (entry.prefix === "N" && /[0-9]/.test(next)) return entry;
      continue;
    }
    if (/[A-Z0-9]/.test(next)) return entry;
  }
  return null;
}
