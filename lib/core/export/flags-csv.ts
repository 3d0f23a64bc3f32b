import type { FlightRecord } from "../flight-record";
import { describeFlag } from "../format/describe-flag";
import { toCsvText, type CsvCell } from "./csv-text";
import { isoUtc } from "../format/format-utc";

export const FLAGS_CSV_COLUMNS = ["kind", "label", "sentence", "details", "window_start_utc", "window_end_utc", "rule_version"] as const;

/**
 * A flight's flags as CSV, one row each, in plain words (see {@link describeFlag}); the detail
 * lines are joined with " | " so a row stays one record. The full evidence is in the case file.
 */
export function flagsCsv(flight: FlightRecord): string {
  const rows = flight.flags.map((f): Record<(typeof FLAGS_CSV_COLUMNS)[number], CsvCell> => {
    const d = describeFlag(f);
    return {
      kind: f.kind,
      label: d.label,
      sentence: d.sentence,
      details: d.details.join(" | "),
      window_start_utc: isoUtc(f.windowStartMs),
      window_end_utc: isoUtc(f.windowEndMs),
      rule_version: f.ruleVersion,
    };
  });
  return toCsvText(rows, FLAGS_CSV_COLUMNS);
}
