import "server-only";
import type fs from "node:fs";
import { REFERENCE_AIRPORTS } from "../../core/reference/airports";
import { selectAirports, type AirportCandidate, type AirportSelection, type ReferenceAirport } from "../../core/reference/select-airports";
import { parseOurAirportsCsv } from "../../ingest/parse-ourairports-csv";
import type { RowEvent } from "../../ingest/row-event";
import { importReferenceFile, type ReferenceImportOutcome } from "../ingest/import-reference-file";
import { upsertAirports, type AirportUpsertCounts } from "./upsert-airports";

export type AirportImportOutcome =
  | (Extract<ReferenceImportOutcome, { status: "imported" }> & {
      /** Valid rows that are not kept as airports, by reason (heliports, small airstrips, no ICAO code...). */
      skipped: AirportSelection["skipped"];
      written: AirportUpsertCounts;
    })
  | Exclude<ReferenceImportOutcome, { status: "imported" }>;

const CURATED_CODES: ReadonlySet<string> = new Set(REFERENCE_AIRPORTS.map((a) => a.icao));

/**
 * An OurAirports-format airports.csv into `airports`: large and medium airports and small ones
 * with a scheduled service (all small ones with `allSmall`), upserted by ICAO code, in one
 * transaction recorded as an import batch (the same file twice: "already imported"). The curated
 * Caribbean airports are never replaced. `accepted` counts the airports kept.
 */
export async function importAirports(request: {
  path: string;
  fileName: string;
  strict?: boolean;
  allSmall?: boolean;
  uploadedById?: number | null;
}): Promise<AirportImportOutcome> {
  let selection: AirportSelection | null = null;
  const written: AirportUpsertCounts = { inserted: 0, updated: 0 };
  const source = `import:${request.fileName}`;
  const outcome = await importReferenceFile<ReferenceAirport>({
    ...request,
    format: "ourairports-csv",
    // The whole file is read before anything is kept: two rows may claim one code, the larger airport wins.
    parse: async function* (input: fs.ReadStream, fileName: string): AsyncGenerator<RowEvent<ReferenceAirport>> {
      const candidates: AirportCandidate[] = [];
      let lastLine = 0;
      for await (const event of parseOurAirportsCsv(input, { fileName })) {
        if (event.kind === "error") yield event;
        else {
          candidates.push(event.record);
          lastLine = event.line;
        }
      }
      selection = selectAirports(candidates, { allSmall: request.allSmall ?? false, keep: CURATED_CODES });
      for (const airport of selection.airports) yield { kind: "record", line: lastLine, record: airport };
    },
    writeChunk: async (client, airports) => {
      const counts = await upsertAirports(client, airports, { sourceOf: () => source, replace: "changed" });
      written.inserted += counts.inserted;
      written.updated += counts.updated;
    },
  });
  if (outcome.status !== "imported") return outcome;
  const empty = { notAnAirport: 0, smallUnscheduled: 0, noIcaoCode: 0, curated: 0, duplicate: 0 };
  return { ...outcome, skipped: (selection as AirportSelection | null)?.skipped ?? empty, written };
}
