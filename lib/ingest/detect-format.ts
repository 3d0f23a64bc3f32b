import { isFr24Header } from "./parse-fr24-csv";
import { sniffDelimiter } from "./read-csv-rows";
import { GENERIC_ALIASES, resolveGenericColumns } from "./resolve-generic-columns";
import { FileRefusedError, type FormatName } from "./types";

const SBS1_LINE = /^(MSG|STA|AIR|ID|SEL|CLK),/;

/**
 * Tells the format from the first ~64 KB of decoded text, never from the file name (uploads
 * are renamed, gzipped, saved as .txt). Checked in this order:
 *
 * 1. JSON object with "icao" and "trace" keys → readsb-trace;
 * 2. BaseStation lines (MSG, STA, AIR, ID, SEL, CLK), at least one MSG among the first 50 → sbs1;
 * 3. a Flightradar24 header (flight export or granular export) → fr24;
 * 4. OpenSky state vectors: time, icao24, lat, lon plus a name only OpenSky uses (baroaltitude,
 *    geoaltitude, vertrate, lastposupdate, lastcontact) → opensky: its altitudes are metres and
 *    its speeds m/s, which the generic reader would take as ft and kt;
 * 5. time, latitude and longitude columns under any generic alias → generic-csv.
 *
 * Anything else refuses the file with what was expected.
 *
 * @example detectFormat("time,icao24,lat,lon,velocity,heading,vertrate,...,baroaltitude\n...", "x.csv") === "opensky"
 */
export function detectFormat(head: string, fileName: string): FormatName {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text === "") throw new FileRefusedError(fileName, "empty file (only whitespace)");

  if (text.startsWith("{") || text.startsWith("[")) {
    if (text.startsWith("{") && /"icao"\s*:/.test(text) && /"trace"\s*:/.test(text)) return "readsb-trace";
    throw new FileRefusedError(fileName, 'JSON, but not a readsb/tar1090 trace_full file (expected an object with "icao" and "trace")');
  }

  const lines = firstLines(text, 50);
  const firstLine = lines[0] ?? "";
  if (SBS1_LINE.test(firstLine) && lines.some((line) => line.startsWith("MSG,"))) return "sbs1";

  const delimiter = sniffDelimiter(firstLine);
  const names = firstLine.split(delimiter).map((name) => name.trim().replace(/^"(.*)"$/, "$1").trim().toLowerCase());
  if (isFr24Header(names)) return "fr24";
  const has = (name: string) => names.includes(name);
  const openskyOnly = ["baroaltitude", "geoaltitude", "vertrate", "lastposupdate", "lastcontact"];
  if (has("time") && has("icao24") && has("lat") && has("lon") && openskyOnly.some(has)) return "opensky";
  const { columns } = resolveGenericColumns(names);
  if (columns.time && columns.lat && columns.lon) return "generic-csv";
  // Two of the three named: a position CSV short of a column, which is worth saying by name.
  const needed = (["time", "lat", "lon"] as const).filter((field) => !columns[field]);
  if (needed.length === 1) {
    const field = needed[0]!;
    const word = { time: "time", lat: "latitude", lon: "longitude" }[field];
    throw new FileRefusedError(fileName, `a CSV of positions without a ${word} column (its header may name it ${GENERIC_ALIASES[field].join(", ")}); the first line is "${firstLine.slice(0, 120)}"`);
  }

  throw new FileRefusedError(
    fileName,
    "unrecognised format: expected a readsb trace_full JSON, SBS-1 BaseStation lines (MSG,...), " +
      "a Flightradar24 CSV export (Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction), " +
      "an OpenSky state vectors CSV (time,icao24,lat,lon,...,baroaltitude,...) " +
      `or a CSV with a header naming time, latitude and longitude columns; the first line is "${firstLine.slice(0, 120)}"`,
  );
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  for (const line of text.split("\n", count * 4)) {
    const trimmed = line.replace(/\r$/, "");
    if (trimmed.trim() !== "") lines.push(trimmed);
    if (lines.length >= count) break;
  }
  return lines;
}
