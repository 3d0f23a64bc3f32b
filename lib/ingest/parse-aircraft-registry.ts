import type { Readable } from "node:stream";
import { z } from "zod";
import { CONTROL_CHARACTERS, IDENTIFIER_TEXT } from "./canonical-position";
import { CellReader } from "./cell-reader";
import { normaliseIcao24 } from "./field-values";
import { openInput } from "./open-input";
import { peekHead } from "./peek-head";
import { readCsvRows } from "./read-csv-rows";
import type { RowEvent } from "./row-event";
import { FileRefusedError } from "./types";

export const IDENTITY_SOURCES = ["opensky-aircraft-db", "plane-alert-db", "tar1090-db"] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];

export const aircraftRegistrySchema = z.object({
  icao24: z.string().regex(/^[0-9a-f]{6}$/, "not a 24-bit address (6 hex digits)"),
  registration: z.string().max(16, "longer than 16 characters").nullable(),
  typecode: z.string().regex(/^[A-Z0-9]{2,4}$/, "not an ICAO aircraft type designator (2-4 letters or digits)").nullable(),
  model: z.string().max(200, "longer than 200 characters").nullable(),
  operator: z.string().max(200, "longer than 200 characters").nullable(),
  operatorIcao: z.string().regex(/^[A-Z]{3}$/, "not a 3-letter ICAO operator designator").nullable(),
  /** plane-alert-db category, CMPG and tags; tar1090-db flags (military, interesting, pia, ladd). */
  tags: z.array(z.string().max(100, "tag longer than 100 characters")),
  identitySource: z.enum(IDENTITY_SOURCES),
});
export type AircraftRegistryRecord = z.infer<typeof aircraftRegistrySchema>;
type RegistryField = keyof AircraftRegistryRecord;

/** Each layout: how to recognise its header and which column feeds which field. */
interface Layout {
  source: IdentitySource;
  columns: Partial<Record<Exclude<RegistryField, "identitySource">, string[]>>;
}

const OPENSKY: Layout = {
  source: "opensky-aircraft-db",
  columns: {
    icao24: ["icao24"], registration: ["registration"], typecode: ["typecode"], model: ["model"],
    operator: ["operator"], operatorIcao: ["operatoricao"],
  },
};
const PLANE_ALERT: Layout = {
  source: "plane-alert-db",
  columns: {
    icao24: ["$icao"], registration: ["$registration"], typecode: ["$icao type"], model: ["$type"],
    operator: ["$operator"], tags: ["category", "#cmpg", "$tag 1", "$#tag 2", "$#tag 3"],
  },
};
const TAR1090: Layout = {
  source: "tar1090-db",
  columns: { icao24: ["icao24"], registration: ["registration"], typecode: ["typecode"], model: ["description"], tags: ["dbflags"] },
};

/** tar1090-db `dbflags` is a string of 0/1 characters, one per flag in this order. */
const TAR1090_FLAGS = ["military", "interesting", "pia", "ladd"] as const;

/**
 * Aircraft registries → identity records, the layout recognised by its header:
 * - OpenSky aircraft database (`icao24,registration,manufacturericao,...,operatoricao,...`; the
 *   2024+ snapshots quote with `'` and use camelCase names: both read);
 * - plane-alert-db (`$ICAO,$Registration,$Operator,$Type,$ICAO Type,#CMPG,$Tag 1,...,Category,$#Link`);
 * - tar1090-db CSV (`icao24,registration,typecode,dbflags,description`).
 * Cells are trimmed, addresses and codes upper/lower-cased, empty cells become null. Each row is
 * validated with `aircraftRegistrySchema`; a row is a record or one error naming the file's column.
 */
export async function* parseAircraftRegistry(input: Readable, options: { fileName: string }): AsyncGenerator<RowEvent<AircraftRegistryRecord>> {
  const { head, text } = await peekHead(openInput(input, options.fileName));
  const firstLine = head.trimStart().split(/\r?\n/, 1)[0] ?? "";
  const quote = firstLine.startsWith("'") ? "'" : '"';
  let plan: ReturnType<typeof planColumns> | null = null;

  try {
    for await (const batch of readCsvRows(text, { fileName: options.fileName, quote })) {
      for (const row of batch) {
        if (plan === null) {
          if (row.fields === undefined) throw new FileRefusedError(options.fileName, `unreadable header: ${row.error}`);
          plan = planColumns(row.fields.map((name) => name.trim()), options.fileName);
          continue;
        }
        if (row.fields === undefined) {
          yield { kind: "error", error: { line: row.line, column: null, reason: row.error } };
          continue;
        }
        yield toEvent(plan, row.fields, row.line);
      }
    }
  } finally {
    text.destroy();
  }
  if (plan === null) throw new FileRefusedError(options.fileName, "no header line: a registry CSV needs one");
}

function planColumns(header: string[], fileName: string) {
  const names = header.map((name) => name.toLowerCase());
  const layout = names.includes("$icao")
    ? PLANE_ALERT
    : names.includes("dbflags") && names.includes("icao24")
      ? TAR1090
      : names.includes("icao24") && names.includes("registration")
        ? OPENSKY
        : null;
  if (layout === null) {
    throw new FileRefusedError(
      fileName,
      "not a known aircraft registry: expected an OpenSky aircraft database (icao24,registration,...), " +
        "a plane-alert-db ($ICAO,$Registration,...) or a tar1090-db CSV (icao24,registration,typecode,dbflags,description)",
    );
  }
  const at = (column: string): number | undefined => {
    const index = names.indexOf(column);
    return index === -1 ? undefined : index;
  };
  const columns = Object.fromEntries(
    Object.entries(layout.columns).map(([field, candidates]) => [field, candidates.map(at).filter((i) => i !== undefined)]),
  ) as Partial<Record<RegistryField, number[]>>;
  return { layout, header, columns, reader: new CellReader(header) };
}

function toEvent(plan: ReturnType<typeof planColumns>, fields: string[], line: number): RowEvent<AircraftRegistryRecord> {
  const { layout, header, columns, reader } = plan;
  const shape = reader.start(fields);
  if (shape !== null) return { kind: "error", error: { line, column: null, reason: shape } };
  const cell = (field: RegistryField): string => {
    const index = columns[field]?.[0];
    // Invisible and control characters go silently: a registration stays the registration.
    return index === undefined ? "" : (fields[index] ?? "").replace(CONTROL_CHARACTERS, "").trim();
  };
  const orNull = (text: string) => (text === "" ? null : text);
  const identifierOrNull = (text: string) => (IDENTIFIER_TEXT.test(text) ? text : null);
  const candidate = {
    icao24: normaliseIcao24(cell("icao24")),
    // A registration of other characters ("N/A", a formula) is none: the row's other facts stay.
    registration: identifierOrNull(cell("registration").toUpperCase()),
    typecode: orNull(cell("typecode").toUpperCase()),
    model: orNull(cell("model")),
    operator: orNull(cell("operator")),
    operatorIcao: orNull(cell("operatorIcao").toUpperCase()),
    tags: layout === TAR1090 ? tar1090Tags(cell("tags")) : tagsOf(columns.tags ?? [], fields),
    identitySource: layout.source,
  };
  const result = aircraftRegistrySchema.safeParse(candidate);
  if (result.success) return { kind: "record", line, record: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path[0] as RegistryField | undefined;
  const index = field === undefined ? undefined : columns[field]?.[0];
  return {
    kind: "error",
    error: {
      line,
      column: index === undefined ? null : (header[index] ?? null),
      reason: issue?.message ?? "invalid row",
      ...(index === undefined ? {} : { value: fields[index] ?? "" }),
    },
  };
}

function tagsOf(indexes: number[], fields: string[]): string[] {
  const tags = indexes.map((i) => (fields[i] ?? "").trim()).filter((tag) => tag !== "");
  return [...new Set(tags)];
}

function tar1090Tags(flags: string): string[] {
  return TAR1090_FLAGS.filter((_, i) => flags[i] === "1");
}
