import type { Detector } from "../detector";
import { ruleVersion } from "../detector";
import { typeOfInterestEvidenceSchema } from "../../model/evidence/type-of-interest-evidence";
import type { Finding } from "../../model/finding";
import { identityWarning } from "../../identity/identity-warning";

/** The watchlist itself is the configuration (context.watchlist); nothing else to tune. */
export type TypeOfInterestConfig = Record<string, never>;

/**
 * TYPE_OF_INTEREST: the aircraft's type is on the type watchlist (IL76, IL96, A34x by default),
 * or the aircraft itself is watched (its address, or one of its tags). The evidence shows where
 * the identity came from and checks the address block against the registration: a mismatch is
 * shown as a warning, never hidden.
 */
export const typeOfInterestDetector: Detector<TypeOfInterestConfig> = {
  kind: "TYPE_OF_INTEREST",
  version: 1,
  defaultConfig: {},
  detect(flight, ctx): Finding[] {
    const a = ctx.aircraft;
    const wl = ctx.watchlist;
    const matchedBy: string[] = [];
    const typecode = a?.typecode?.trim().toUpperCase() || null;
    if (typecode && wl.typecodes.some((t) => t.toUpperCase() === typecode)) matchedBy.push(`type ${typecode} is on the type watchlist`);
    const icao24 = flight.icao24.toLowerCase();
    if (wl.icao24s.some((x) => x.toLowerCase() === icao24)) matchedBy.push(`address ${icao24} is on the watchlist`);
    const watchedTags = new Set(wl.tags.map((t) => t.toLowerCase()));
    for (const tag of a?.tags ?? []) if (watchedTags.has(tag.toLowerCase())) matchedBy.push(`tagged "${tag}"`);
    if (matchedBy.length === 0) return [];

    const identity = identityWarning(icao24, a?.registration);
    const who = [typecode, a?.registration, a?.operator].filter(Boolean).join(", ");
    return [
      {
        kind: "TYPE_OF_INTEREST",
        windowStartMs: flight.firstSeenMs,
        windowEndMs: flight.lastSeenMs,
        ruleVersion: ruleVersion("TYPE_OF_INTEREST", 1),
        config: { typecodes: [...wl.typecodes], icao24s: [...wl.icao24s], tags: [...wl.tags] },
        evidence: typeOfInterestEvidenceSchema.parse({
          summary: `${who || icao24}: ${matchedBy.join("; ")}`,
          matchedBy,
          icao24,
          typecode,
          registration: a?.registration ?? null,
          operator: a?.operator ?? null,
          tags: a?.tags ?? [],
          identitySource: a?.identitySource ?? null,
          addressCountry: identity.addressCountry,
          registrationCountry: identity.registrationCountry,
          identityWarning: identity.warning,
        }),
      },
    ];
  },
};
