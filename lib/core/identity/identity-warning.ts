import { countryOfIcao24, type AddressCountry } from "./country-of-icao24";
import { countryOfRegistration } from "./country-of-registration";

/** Territories whose aircraft carry addresses from the sovereign State's block. */
const SOVEREIGN: Readonly<Record<string, string>> = {
  CW: "NL", AW: "NL", SX: "NL", BQ: "NL",
  KY: "GB", BM: "GB", VG: "GB", TC: "GB", MS: "GB", AI: "GB", IM: "GB", GG: "GB", JE: "GB",
  PR: "US", VI: "US", GU: "US",
  HK: "CN", MO: "CN",
};

const sovereignOf = (code: string): string => SOVEREIGN[code] ?? code;

export interface IdentityCheck {
  addressCountry: AddressCountry | null;
  registrationCountry: { code: string; name: string } | null;
  /** Plain words when address block and registration disagree; null when they agree or one is unknown. */
  warning: string | null;
}

/**
 * Compare the country of the ICAO address block with the country of the registration mark. A
 * mismatch is itself worth showing an analyst: re-hexed fleets, foreign or bogus military
 * addresses. Territories count as their sovereign's block (PJ- Curaçao aircraft carry Dutch addresses).
 * @example identityWarning("0d80ae", "CU-T1250").warning // "address 0d80ae is in Venezuela's block but registration CU-T1250 is registered in Cuba"
 */
export function identityWarning(icao24: string, registration: string | null | undefined): IdentityCheck {
  const addressCountry = countryOfIcao24(icao24);
  const reg = countryOfRegistration(registration);
  const registrationCountry = reg ? { code: reg.country, name: reg.name } : null;
  let warning: string | null = null;
  if (addressCountry && addressCountry.code && registrationCountry) {
    const a = sovereignOf(addressCountry.code);
    const r = sovereignOf(registrationCountry.code);
    if (a !== r) {
      warning =
        `address ${icao24.toLowerCase()} is in ${addressCountry.name}'s block but registration ` +
        `${(registration ?? "").trim().toUpperCase()} is registered in ${registrationCountry.name}`;
    }
  }
  return { addressCountry, registrationCountry, warning };
}
