import type { Readable } from "node:stream";
import { z } from "zod";
import { CellReader } from "./cell-reader";
import { openInput } from "./open-input";
import { readCsvRows } from "./read-csv-rows";
import type { RowEvent } from "./row-event";
import { FileRefusedError } from "./types";

export const SCHEDULE_REQUIRED_COLUMNS = ["callsign", "origin", "destination", "days", "dep_utc", "arr_utc", "valid_from", "valid_to"] as const;
export const SCHEDULE_OPTIONAL_COLUMNS = ["operator", "flight_number", "typecode"] as const;
type ScheduleColumn = (typeof SCHEDULE_REQUIRED_COLUMNS)[number] | (typeof SCHEDULE_OPTIONAL_COLUMNS)[number];

const upper = (text: string) => text.trim().toUpperCase();
const emptyToNull = (text: string) => (text.trim() === "" ? null : text.trim());

const airport = z
  .string()
  .transform(upper)
  .superRefine((code, ctx) => {
    if (/^[A-Z0-9]{3}$/.test(code)) {
      ctx.addIssue({ code: "custom", message: `"${code}" looks like an IATA code: an ICAO airport code (4 characters, e.g. MUHA) is expected` });
    } else if (!/^[A-Z][A-Z0-9]{3}$/.test(code)) {
      ctx.addIssue({ code: "custom", message: "not an ICAO airport code (4 characters, e.g. MUHA)" });
    }
  });

const hhmm = z
  .string()
  .transform((text) => text.trim().padStart(5, "0"))
  .refine((text) => /^([01]\d|2[0-3]):[0-5]\d$/.test(text), "not a UTC time HH:MM");

const isoDate = z
  .string()
  .transform((text) => text.trim())
  .refine(isCalendarDate, "not a date YYYY-MM-DD");

/** ISO weekdays (1 = Monday ... 7 = Sunday) as sorted digits; "daily" is all seven. */
const weekdays = z
  .string()
  .transform((text) => text.replace(/\s+/g, "").toLowerCase())
  .refine((text) => text === "daily" || /^[1-7]+$/.test(text), "not ISO weekday digits (1-7, e.g. 1357) or \"daily\"")
  .transform((text) => (text === "daily" ? "1234567" : [...new Set(text)].sort().join("")));

/** One schedule row as read from the file: keys are the file's column names. */
export const scheduleRowSchema = z
  .object({
    callsign: z.string().transform(upper).refine((text) => /^[A-Z0-9]{2,8}$/.test(text), "not a callsign (2-8 letters or digits)"),
    origin: airport,
    destination: airport,
    days: weekdays,
    dep_utc: hhmm,
    arr_utc: hhmm,
    valid_from: isoDate,
    valid_to: isoDate,
    operator: z.string().transform(emptyToNull).refine((text) => text === null || text.length <= 100, "longer than 100 characters"),
    flight_number: z.string().transform(emptyToNull).refine((text) => text === null || /^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/i.test(text), "not a flight number (e.g. CU123)"),
    typecode: z
      .string()
      .transform((text) => emptyToNull(text.toUpperCase()))
      .refine((text) => text === null || /^[A-Z0-9]{2,4}$/.test(text), "not an ICAO aircraft type designator (2-4 letters or digits)"),
  })
  .superRefine((row, ctx) => {
    if (row.valid_to < row.valid_from) ctx.addIssue({ code: "custom", path: ["valid_to"], message: "valid_to is before valid_from" });
  });

export interface ScheduleRecord {
  callsign: string;
  originIcao: string;
  destinationIcao: string;
  /** Sorted ISO weekday digits, e.g. "1357"; "1234567" for daily. */
  weekdays: string;
  /** "HH:MM" UTC. An arrival earlier than the departure is on the next day. */
  departureUtc: string;
  arrivalUtc: string;
  /** "YYYY-MM-DD", inclusive. */
  validFrom: string;
  validTo: string;
  operator: string | null;
  flightNumber: string | null;
  typecode: string | null;
}

/**
 * darkflight's schedule CSV → schedule records. A header is required; columns are found by name
 * (case-insensitive, any order, extra columns ignored); `operator`, `flight_number` and
 * `typecode` are optional. A row is a record or one error naming the column and the reason.
 *
 * @example callsign,origin,destination,days,dep_utc,arr_utc,valid_from,valid_to
 *          CUB123,MUHA,SVMI,1357,13:05,16:40,2025-01-01,2025-03-31
 */
export async function* parseScheduleCsv(input: Readable, options: { fileName: string }): AsyncGenerator<RowEvent<ScheduleRecord>> {
  const text = openInput(input, options.fileName);
  let reader: CellReader | null = null;
  let at: Partial<Record<ScheduleColumn, number>> = {};

  for await (const batch of readCsvRows(text, { fileName: options.fileName })) {
    for (const row of batch) {
      if (reader === null) {
        if (row.fields === undefined) throw new FileRefusedError(options.fileName, `unreadable header: ${row.error}`);
        reader = new CellReader(row.fields.map((name) => name.trim()));
        at = locateColumns(reader.header, options.fileName);
        continue;
      }
      if (row.fields === undefined) {
        yield { kind: "error", error: { line: row.line, column: null, reason: row.error } };
        continue;
      }
      const shape = reader.start(row.fields);
      if (shape !== null) {
        yield { kind: "error", error: { line: row.line, column: null, reason: shape } };
        continue;
      }
      const cells = Object.fromEntries(
        [...SCHEDULE_REQUIRED_COLUMNS, ...SCHEDULE_OPTIONAL_COLUMNS].map((column) => [column, reader!.raw(at[column]) ?? ""]),
      );
      const result = scheduleRowSchema.safeParse(cells);
      if (!result.success) {
        const issue = result.error.issues[0];
        const column = (issue?.path[0] ?? null) as ScheduleColumn | null;
        const error = { line: row.line, column: column === null ? null : reader.columnName(at[column]), reason: issue?.message ?? "invalid row" };
        yield { kind: "error", error: column === null ? error : { ...error, value: cells[column] ?? "" } };
        continue;
      }
      const r = result.data;
      yield {
        kind: "record",
        line: row.line,
        record: {
          callsign: r.callsign,
          originIcao: r.origin,
          destinationIcao: r.destination,
          weekdays: r.days,
          departureUtc: r.dep_utc,
          arrivalUtc: r.arr_utc,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          operator: r.operator,
          flightNumber: r.flight_number,
          typecode: r.typecode,
        },
      };
    }
  }
  if (reader === null) throw new FileRefusedError(options.fileName, "no header line: a schedule CSV needs one");
}

function locateColumns(header: readonly string[], fileName: string): Partial<Record<ScheduleColumn, number>> {
  const names = header.map((name) => name.toLowerCase());
  const at: Partial<Record<ScheduleColumn, number>> = {};
  for (const column of [...SCHEDULE_REQUIRED_COLUMNS, ...SCHEDULE_OPTIONAL_COLUMNS]) {
    const index = names.indexOf(column);
    if (index !== -1) at[column] = index;
  }
  const missing = SCHEDULE_REQUIRED_COLUMNS.filter((column) => at[column] === undefined);
  if (missing.length > 0) {
    throw new FileRefusedError(
      fileName,
      `missing schedule column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: the header must name ${SCHEDULE_REQUIRED_COLUMNS.join(",")}`,
    );
  }
  return at;
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
