import "server-only";
import type pg from "pg";
import { CopyDataStream } from "../db/copy-data-stream";
import { isCitus } from "../db/is-citus";
import { POSITION_COPY_COLUMNS } from "./parse-position-copy";

/** One aircraft's time range, both ends inclusive; a null end is open. */
export interface PositionRange {
  icao24: string;
  fromMs: number | null;
  toMs: number | null;
}

const hex = (icao24: string) => icao24.replace(/[^0-9a-f]/g, "");
const tsLiteral = (ms: number | null, open: string) => (ms === null ? `'${open}'` : `'${new Date(ms).toISOString()}'`);

/**
 * One binary `COPY … TO STDOUT` of the positions in these ranges, in range then time order, each
 * row keyed by its range's 1-based index (read with createPositionCopyParser). Each range reads
 * its aircraft's positions through the primary key. (COPY takes no parameters: the ranges are
 * written as literals, addresses reduced to hex digits.)
 */
export async function copyPositionRanges(client: pg.ClientBase, ranges: readonly PositionRange[]) {
  const sql = `SELECT r.ord::text, ${POSITION_COPY_COLUMNS}
    FROM unnest(ARRAY[${ranges.map((r) => `'${hex(r.icao24)}'`).join(",")}]::char(6)[],
                ARRAY[${ranges.map((r) => tsLiteral(r.fromMs, "-infinity")).join(",")}]::timestamptz[],
                ARRAY[${ranges.map((r) => tsLiteral(r.toMs, "infinity")).join(",")}]::timestamptz[])
         WITH ORDINALITY AS r(icao24, t0, t1, ord)
    CROSS JOIN LATERAL (SELECT * FROM positions p WHERE p.icao24 = r.icao24 AND p.time >= r.t0 AND p.time <= r.t1
                         ORDER BY p.time) p${
      // One server streams the ranges in order (a nested loop over them); a Citus coordinator
      // interleaves the shards' rows and must sort them.
      (await isCitus(client)) ? " ORDER BY r.ord, p.time" : ""
    }`;
  return client.query(new CopyDataStream(`COPY (${sql}) TO STDOUT (FORMAT binary)`));
}
