import type { Detector } from "../detector";
import { ruleVersion } from "../detector";
import { typeOfInterestEvidenceSchema } from "../../model/evidence/type-of-interest-evidence";
import type { Finding } from "../../model/finding";
import { identityWarning } from "../../identity/identity-warning";
import { watchMatches } from "../../identity/watch-matches";

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
    const typecode = a?.typecode?.trim().toUpperCase() || null;
    const icao24 = flight.icao24.toLowerCase();
    const matchedBy = watchMatches(icao24, a, wl).map((m) =>
      m.kind === "TYPECODE" ? `type ${m.value} is on the type watchlist` : m.kind === "ICAO24" ? `address ${m.value} is on the watchlist` : `tagged "${m.value}"`,
    );
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
