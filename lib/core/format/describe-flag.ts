import type { FlagRecord } from "../flight-record";
import { flagLabel } from "./flag-label";
import { describeGap } from "./describe-gap";
import { describeCubaVenezuela } from "./describe-cuba-venezuela";
import { describeUnscheduled } from "./describe-unscheduled";
import { describeTypeOfInterest } from "./describe-type-of-interest";
import { describeZoneAvoidance } from "./describe-zone-avoidance";
import { describePositionSpoofing } from "./describe-position-spoofing";

/** A flag in plain words: a short label, one sentence a reader understands, and extra bullet lines. */
export interface FlagDescription {
  /** Same wording as {@link flagLabel}: "suspected switch-off" only when the grading suspected it. */
  label: string;
  /** Plain text, never HTML; no trailing full stop, so it reads in a table cell and in prose. */
  sentence: string;
  /** Reasons, the numbers behind them and the thresholds in force (from `flag.config`). */
  details: string[];
}

/**
 * Describe a stored flag from its typed evidence (one Zod schema per detector, see
 * lib/core/model/evidence/) and its thresholds. The wording never says more than the
 * evidence; evidence from an older rule version that its schema no longer reads falls back to
 * the detector's own summary.
 * @example describeFlag(gapFlag).sentence // "ADS-B silent 45 min at FL350: at the reception measured here over 7 days, …"
 */
export function describeFlag(flag: FlagRecord): FlagDescription {
  const label = flagLabel({ kind: flag.kind, suspected: flag.evidence.suspected });
  const described = describeByKind(flag);
  return { label, sentence: described.sentence, details: [...described.details, `Rule version ${flag.ruleVersion}`] };
}

function describeByKind(flag: FlagRecord): { sentence: string; details: string[] } {
  switch (flag.kind) {
    case "TRANSPONDER_GAP":
      return describeGap(flag);
    case "CUBA_VENEZUELA":
      return describeCubaVenezuela(flag);
    case "UNSCHEDULED":
      return describeUnscheduled(flag);
    case "TYPE_OF_INTEREST":
      return describeTypeOfInterest(flag);
    case "ZONE_AVOIDANCE":
      return describeZoneAvoidance(flag);
    case "POSITION_SPOOFING":
      return describePositionSpoofing(flag);
  }
}
