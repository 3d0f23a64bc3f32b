/**
 * A flag in plain words for lists and tables. A transponder gap is a "suspected switch-off"
 * only when the coverage model suspected it; otherwise it is only a "gap": the public wording
 * must never say more than the evidence.
 * @example flagLabel({ kind: "TRANSPONDER_GAP", suspected: false }) // "gap"
 */
export function flagLabel(flag: { kind: string; suspected?: unknown }): string {
  if (flag.kind === "TRANSPONDER_GAP") return flag.suspected === true ? "suspected switch-off" : "gap";
  return flag.kind.toLowerCase().replaceAll("_", " ");
}

/** A flag kind as a heading or menu entry. */
export const FLAG_KIND_TITLES = {
  TYPE_OF_INTEREST: "Type of interest",
  CUBA_VENEZUELA: "Cuba–Venezuela",
  UNSCHEDULED: "Unscheduled",
  TRANSPONDER_GAP: "Transponder gap",
  ZONE_AVOIDANCE: "Detour around a watched zone",
  POSITION_SPOOFING: "Position spoofing",
} as const;

/**
 * The tag a flag gets in lists and on maps: its kind's title, except that a transponder gap is
 * "suspected switch-off" or "gap" by what the coverage model found.
 * @example flagTag("TRANSPONDER_GAP", false) // "gap"
 */
export function flagTag(kind: keyof typeof FLAG_KIND_TITLES, suspected: unknown): string {
  return kind === "TRANSPONDER_GAP" ? flagLabel({ kind, suspected }) : FLAG_KIND_TITLES[kind];
}
