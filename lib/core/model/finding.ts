/** Stable flag kinds, used by the database, the API, the CLI and the UI. */
export const FLAG_KINDS = ["TYPE_OF_INTEREST", "CUBA_VENEZUELA", "UNSCHEDULED", "TRANSPONDER_GAP", "ZONE_AVOIDANCE", "POSITION_SPOOFING"] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** What a detector reports: a time window and evidence a sceptical reader can check. */
export interface Finding {
  kind: FlagKind;
  windowStartMs: number;
  windowEndMs: number;
  evidence: Record<string, unknown>;
  /** e.g. "zone-avoidance@1" */
  ruleVersion: string;
  /** The thresholds in force, stored with the flag so it can be reproduced. */
  config: Record<string, unknown>;
}
