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
