import "server-only";
import { dbPool } from "../db/pool";
import type { WatchlistEntrySummary } from "./list-watchlist-entries";
import { parseWatchlistEntryInput, type WatchlistKind } from "./watchlist-entry-input";

/**
 * Add an entry to the watchlist (validated and normalised, see watchlist-entry-input.ts). An
 * entry already there (tags compared case-insensitively, as the detector does) is left as it
 * is: `added: false`. Takes effect at the next detection (`detect --all` for stored flights).
 * @example await addWatchlistEntry({ kind: "typecode", value: "B752", note: "Conviasa" })
 */
export async function addWatchlistEntry(raw: { kind: string; value: string; note?: string }): Promise<{ added: boolean; entry: WatchlistEntrySummary }> {
  const entry = parseWatchlistEntryInput(raw);
  const pool = dbPool();
  const inserted = await pool.query<{ kind: WatchlistKind; value: string; note: string | null; created_at: Date }>(
    `INSERT INTO watchlist_entries (kind, value, note)
     SELECT $1::"WatchlistKind", $2, $3
      WHERE NOT EXISTS (SELECT 1 FROM watchlist_entries WHERE kind = $1::"WatchlistKind" AND lower(value) = lower($2))
     ON CONFLICT (kind, value) DO NOTHING
     RETURNING kind, value, note, created_at`,
    [entry.kind, entry.value, entry.note || null],
  );
  const row =
    inserted.rows[0] ??
    (
      await pool.query<{ kind: WatchlistKind; value: string; note: string | null; created_at: Date }>(
        `SELECT kind, value, note, created_at FROM watchlist_entries WHERE kind = $1::"WatchlistKind" AND lower(value) = lower($2) ORDER BY id LIMIT 1`,
        [entry.kind, entry.value],
      )
    ).rows[0]!;
  return {
    added: inserted.rows.length > 0,
    entry: { kind: row.kind, value: row.value, note: row.note, createdAt: row.created_at.toISOString() },
  };
}
