import "server-only";
import { dbPool } from "../db/pool";
import type { WatchlistKind } from "./watchlist-entry-input";

export interface WatchlistEntrySummary {
  kind: WatchlistKind;
  value: string;
  note: string | null;
  createdAt: string;
}

/** The watchlist, by kind then value. */
export async function listWatchlistEntries(): Promise<WatchlistEntrySummary[]> {
  const { rows } = await dbPool().query<{ kind: WatchlistKind; value: string; note: string | null; created_at: Date }>(
    `SELECT kind, value, note, created_at FROM watchlist_entries ORDER BY kind, value`,
  );
  return rows.map((r) => ({ kind: r.kind, value: r.value, note: r.note, createdAt: r.created_at.toISOString() }));
}
