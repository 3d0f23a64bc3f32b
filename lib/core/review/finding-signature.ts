import { flagTag } from "../format/flag-label";
import type { FlagKind } from "../model/finding";

/**
 * What an analyst's decision stands behind: the flags of a flight, as their tags (a transponder
 * gap counts as "gap" or "suspected switch-off"), sorted and de-duplicated. When re-detection
 * changes it, the decision no longer covers what the flight shows.
 * @example findingSignature([{ kind: "TRANSPONDER_GAP", evidence: { suspected: true } }]) // "suspected switch-off"
 */
export function findingSignature(flags: readonly { kind: FlagKind; evidence: Record<string, unknown> }[]): string {
  return [...new Set(flags.map((f) => flagTag(f.kind, f.evidence.suspected)))].sort().join(", ");
}
