import "server-only";
import { dbPool } from "../db/pool";

/** The tables `status` reports, in schema order. */
export const COUNTED_TABLES = [
  "aircraft",
  "import_batches",
  "positions",
  "flights",
  "flags",
  "gap_events",
  "reviews",
  "notes",
  "users",
  "airports",
  "zones",
  "schedules",
  "stored_files",
  "detection_requests",
  "watchlist_entries",
  "audit_events",
  "api_tokens",
  "position_day_counts",
] as const;

export type TableCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export async function countTableRows(): Promise<TableCounts> {
  const sql = COUNTED_TABLES.map((table) => `SELECT '${table}' AS name, count(*)::bigint AS n FROM "${table}"`).join(
    " UNION ALL ",
  );
  const { rows } = await dbPool().query<{ name: (typeof COUNTED_TABLES)[number]; n: string }>(sql);
  // count(*) is bigint: pg returns it as a string; these counts fit a JS number.
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.n)])) as TableCounts;
}
