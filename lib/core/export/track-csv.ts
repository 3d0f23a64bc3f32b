import type { FlightRecord, GapRecord, TrackPositionRecord } from "../flight-record";
import { flagLabel } from "../format/flag-label";
import { toCsvText, type CsvCell } from "./csv-text";
import { isoUtc } from "../format/format-utc";

export const TRACK_CSV_COLUMNS = [
  "time_utc",
  "icao24",
  "callsign",
  "lat_deg",
  "lon_deg",
  "altitude_ft",
  "ground_speed_kt",
  "track_deg",
  "vertical_rate_fpm",
  "squawk",
  "on_ground",
  "source",
  "gap_after",
  "gap_after_min",
] as const;

/**
 * Every stored position of a flight as CSV, one row each, never thinned. The callsign is the
 * one each position carried (empty when that message had none). `gap_after` marks the last
 * position before a silence: "gap" or "suspected switch-off", with "(ADS-B only)" when MLAT /
 * Mode S positions continued and "(open)" when nothing came after it.
 */
export function trackCsv(flight: FlightRecord, positions: readonly TrackPositionRecord[]): string {
  const gapsByOffMs = new Map<number, GapRecord>(flight.gaps.map((g) => [g.offTimeMs, g]));
  const rows = positions.map((p): Record<(typeof TRACK_CSV_COLUMNS)[number], CsvCell> => {
    const gap = gapsByOffMs.get(p.timeMs);
    return {
      time_utc: isoUtc(p.timeMs),
      icao24: flight.icao24,
      callsign: p.callsign,
      lat_deg: p.latDeg,
      lon_deg: p.lonDeg,
      altitude_ft: p.altitudeFt,
      ground_speed_kt: p.groundSpeedKt,
      track_deg: p.trackDeg,
      vertical_rate_fpm: p.verticalRateFpm,
      squawk: p.squawk,
      on_ground: p.onGround,
      source: p.source,
      gap_after: gap ? gapText(gap) : null,
      gap_after_min: gap ? Math.round(gap.durationS / 6) / 10 : null,
    };
  });
  return toCsvText(rows, TRACK_CSV_COLUMNS);
}

function gapText(g: GapRecord): string {
  const label = flagLabel({ kind: "TRANSPONDER_GAP", suspected: g.suspected });
  return [label, g.partial ? "(ADS-B only)" : null, g.open ? "(open)" : null].filter(Boolean).join(" ");
}
