import type { CanonicalPosition } from "./canonical-position";

/** The formats darkflight reads; stable names used by `--format` and stored on each batch. */
export const FORMAT_NAMES = ["opensky", "generic-csv", "fr24", "readsb-trace", "sbs1"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** One rejected row: where it is and why. `line` is 1-based in the (decompressed) file. */
export interface RowError {
  line: number;
  column: string | null;
  reason: string;
  value?: string;
}

/** Identity a file carries about an aircraft (readsb `r`/`t`/`desc`, registration/type columns). */
export interface AircraftIdentity {
  icao24: string;
  registration: string | null;
  typecode: string | null;
  model?: string | null;
}

/**
 * One value of a kept row (or of a file's aircraft identity) that was dropped to null or
 * adjusted to fit its column: the row stays, the report says what changed and where.
 */
export interface FieldWarning extends RowError {
  action: "dropped" | "adjusted";
}

/** `warnings` (absent when none) are the values of this row or identity dropped or adjusted. */
export type ParseEvent =
  | { kind: "record"; line: number; record: CanonicalPosition; warnings?: FieldWarning[] }
  | { kind: "error"; error: RowError }
  | { kind: "aircraft"; identity: AircraftIdentity; warnings?: FieldWarning[] };

/**
 * The whole file cannot be read (unknown format, missing required columns, binary, empty,
 * wrong encoding, truncated gzip...). Nothing of it may be written.
 */
export class FileRefusedError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(`${fileName}: ${reason}`);
    this.name = "FileRefusedError";
  }
}

export type AltitudeUnit = "ft" | "m";
export type SpeedUnit = "kt" | "ms" | "kmh";
export type VerticalRateUnit = "fpm" | "ms";

export interface ParseOptions {
  fileName: string;
  /** "now" for the time range check; the core takes no clock. */
  nowMs: number;
  /** Required by formats that carry no address (Flightradar24). */
  icao24?: string;
  /** Registration to go with `icao24` for formats that carry neither (emitted as an aircraft identity). */
  registration?: string;
  /** Generic CSV only: unit of altitude columns without a unit suffix (default ft). */
  altitudeUnit?: AltitudeUnit;
  /** Generic CSV only: unit of speed columns without a unit suffix (default kt). */
  speedUnit?: SpeedUnit;
  /** Generic CSV only: unit of vertical-rate columns without a unit suffix (default ft/min). */
  verticalRateUnit?: VerticalRateUnit;
}
