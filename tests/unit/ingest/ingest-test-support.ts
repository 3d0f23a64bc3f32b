import fs from "node:fs";
import { Readable } from "node:stream";
import type { CanonicalPosition } from "@/lib/ingest/canonical-position";
import type { AircraftIdentity, FieldWarning, ParseEvent, ParseOptions, RowError } from "@/lib/ingest/types";
import { sharedDataPath } from "../../support/shared-data";

/** A fixed "now" so the future-time rule does not depend on the clock. */
export const NOW_MS = Date.UTC(2026, 0, 1);

export const options = (extra: Partial<ParseOptions> = {}): ParseOptions => ({ fileName: "test-file", nowMs: NOW_MS, ...extra });

/** A byte stream of `content`, optionally cut into small chunks to exercise chunk boundaries. */
export function streamOf(content: string | Buffer, chunkSize?: number): Readable {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  if (!chunkSize) return Readable.from([bytes]);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

export interface Collected {
  records: CanonicalPosition[];
  lines: number[];
  errors: RowError[];
  /** Values dropped or adjusted in kept rows and identities. */
  warnings: FieldWarning[];
  aircraft: AircraftIdentity[];
  /** Event kinds in order, to check that identities precede records. */
  kinds: ParseEvent["kind"][];
}

export async function collect(events: AsyncIterable<ParseEvent>): Promise<Collected> {
  const out: Collected = { records: [], lines: [], errors: [], warnings: [], aircraft: [], kinds: [] };
  for await (const event of events) {
    out.kinds.push(event.kind);
    if (event.kind === "record") {
      out.records.push(event.record);
      out.lines.push(event.line);
      out.warnings.push(...(event.warnings ?? []));
    } else if (event.kind === "error") out.errors.push(event.error);
    else {
      out.aircraft.push(event.identity);
      out.warnings.push(...(event.warnings ?? []));
    }
  }
  return out;
}

export const realPath = (name: string) => sharedDataPath("real", name);
export const referencePath = (name: string) => sharedDataPath("reference", name);
export const realStream = (name: string) => fs.createReadStream(realPath(name));

/** Data rows of a shared CSV split naively on commas (fine for files without quoted commas). */
export function naiveCsvRows(file: string): string[][] {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.slice(1).map((line) => line.split(","));
}

export const iso = (date: Date) => date.toISOString();
