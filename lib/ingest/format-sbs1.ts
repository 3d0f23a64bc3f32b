import type { CanonicalPosition } from "./canonical-position";
import { callsignOrNull } from "./field-values";
import { SBS1_STATE_MAX_AGE_MS } from "./parse-sbs1";

/**
 * One canonical position → BaseStation SBS-1 lines, as dump1090/readsb write them on port 30003:
 * MSG,1 (callsign), MSG,4 (ground speed, track, vertical rate), MSG,6 (squawk), each only when
 * it has a value, then the position: MSG,3 airborne (with altitude and on-ground 0) or MSG,2 on
 * the surface (no altitude, on-ground -1). All carry the record's time as the generated and
 * logged date/time (UTC, ms). Numbers are written with String(n), so they parse back exactly.
 *
 * What `parseSbs1` reads back: icao24, time, callsign (trimmed, upper-cased), latDeg, lonDeg,
 * altitudeBaroFt (null on the ground), groundSpeedKt, trackDeg, verticalRateFpm, squawk and
 * onGround as given; source ADSB, altitudeGeoFt null, no registration/typecode. A null field is
 * read back null only if the parser holds no value of that aircraft from the last 60 s
 * (SBS1_STATE_MAX_AGE_MS): SBS-1 cannot say "no longer known". `createSbs1Formatter` says which.
 *
 * @example formatSbs1Lines(record).join("\r\n")
 */
export function formatSbs1Lines(record: CanonicalPosition): string[] {
  const { icao24: hex, time } = record;
  const stamp = sbsDateTime(time.getTime());
  const line = (type: number, cells: Partial<Record<"callsign" | "altitude" | "gs" | "track" | "lat" | "lon" | "vrate" | "squawk" | "ground", string>>) =>
    [
      "MSG", type, 1, 1, hex.toUpperCase(), 1, stamp, stamp, cells.callsign ?? "", cells.altitude ?? "", cells.gs ?? "",
      cells.track ?? "", cells.lat ?? "", cells.lon ?? "", cells.vrate ?? "", cells.squawk ?? "", "", "", "", cells.ground ?? "",
    ].join(",");
  const lines: string[] = [];
  const callsign = callsignOrNull(record.callsign);
  if (callsign !== null) lines.push(line(1, { callsign: csvCell(callsign) }));
  const { groundSpeedKt, trackDeg, verticalRateFpm } = record;
  if (groundSpeedKt !== null || trackDeg !== null || verticalRateFpm !== null) {
    lines.push(line(4, { gs: numberCell(groundSpeedKt), track: numberCell(trackDeg), vrate: numberCell(verticalRateFpm) }));
  }
  if (record.squawk !== null) lines.push(line(6, { squawk: record.squawk }));
  const position = { lat: numberCell(record.latDeg), lon: numberCell(record.lonDeg) };
  if (record.onGround) lines.push(line(2, { ...position, ground: "-1" }));
  else lines.push(line(3, { ...position, altitude: numberCell(record.altitudeBaroFt), ground: "0" }));
  return lines;
}

export interface Sbs1Formatted {
  lines: string[];
  /** The record parseSbs1 yields for these lines, once it has read the lines formatted before them. */
  readBack: CanonicalPosition;
}

const CARRIED = ["callsign", "altitudeBaroFt", "groundSpeedKt", "trackDeg", "verticalRateFpm", "squawk"] as const;
type Carried = (typeof CARRIED)[number];
type Sent = Partial<Record<Carried, { value: string | number; atMs: number }>> & { lastMs: number };

/**
 * A formatter for one stream of records (a file or a connection, read from its start) that
 * remembers what each aircraft's lines said, so it can tell what parseSbs1 will read back:
 * `readBack` equals the record (see formatSbs1Lines for the fields) except where a field is null
 * while the same aircraft sent a value less than 60 s earlier: the parser fills that in. Records
 * of one aircraft must come in time order (other aircraft may interleave).
 */
export function createSbs1Formatter(): { format(record: CanonicalPosition): Sbs1Formatted } {
  const sent = new Map<string, Sent>();
  let calls = 0;
  return {
    format(record) {
      const lines = formatSbs1Lines(record);
      const timeMs = record.time.getTime();
      const state: Sent = sent.get(record.icao24) ?? { lastMs: timeMs };
      sent.set(record.icao24, state);
      state.lastMs = Math.max(state.lastMs, timeMs);
      const values: Record<Carried, string | number | null> = {
        // As parseSbs1 reads it: trimmed, upper case.
        callsign: callsignOrNull(record.callsign),
        altitudeBaroFt: record.onGround ? null : record.altitudeBaroFt,
        groundSpeedKt: record.groundSpeedKt,
        trackDeg: record.trackDeg,
        verticalRateFpm: record.verticalRateFpm,
        squawk: record.squawk,
      };
      const readBack: Record<Carried, string | number | null> = { ...values };
      for (const field of CARRIED) {
        const value = values[field];
        const earlier = state[field];
        if (value !== null) state[field] = { value: typeof value === "number" ? Number(numberCell(value)) : value, atMs: timeMs };
        else if (earlier !== undefined && Math.abs(timeMs - earlier.atMs) < SBS1_STATE_MAX_AGE_MS) readBack[field] = earlier.value;
        if (typeof readBack[field] === "number") readBack[field] = Number(numberCell(readBack[field] as number));
      }
      if (record.onGround) readBack.altitudeBaroFt = null;
      if (++calls % 100_000 === 0) prune(sent, timeMs);
      return {
        lines,
        readBack: {
          time: new Date(timeMs),
          icao24: record.icao24,
          latDeg: Number(numberCell(record.latDeg)),
          lonDeg: Number(numberCell(record.lonDeg)),
          altitudeGeoFt: null,
          onGround: record.onGround,
          source: "ADSB",
          ...(readBack as Pick<CanonicalPosition, Carried>),
        },
      };
    },
  };
}

/** Aircraft silent for longer than the parser keeps their values can be forgotten. */
function prune(sent: Map<string, Sent>, nowMs: number): void {
  for (const [icao24, state] of sent) if (nowMs - state.lastMs > SBS1_STATE_MAX_AGE_MS) sent.delete(icao24);
}

/** `YYYY/MM/DD,HH:MM:SS.mmm` in UTC (the generated date and time cells). */
export function sbsDateTime(timeMs: number): string {
  const iso = new Date(timeMs).toISOString(); // 2024-01-02T07:41:03.515Z
  return `${iso.slice(0, 10).replace(/-/g, "/")},${iso.slice(11, 23)}`;
}

/** -0 is written "0" by String(): it comes back as 0. */
function numberCell(value: number | null): string {
  return value === null ? "" : String(value);
}

/** Quoted only if needed: a comma or quote in a callsign would otherwise split the line. */
function csvCell(text: string): string {
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
