import "server-only";
import { AppError } from "../app-error";
import { dbPool } from "../db/pool";
import { parseWatchlistEntryInput, type WatchlistEntryInput } from "./watchlist-entry-input";

/**
 * Remove an entry from the watchlist (value normalised as when adding; tags case-insensitively).
 * NOT_FOUND when it is not there. Flags already stored stay until the next detection
 * (`detect --all` for stored flights).
 */
export async function removeWatchlistEntry(raw: { kind: string; value: string }): Promise<Pick<WatchlistEntryInput, "kind" | "value">> {
  const entry = parseWatchlistEntryInput(raw);
  const removed = await dbPool().query<{ value: string }>(
    `DELETE FROM watchlist_entries WHERE kind = $1::"WatchlistKind" AND lower(value) = lower($2) RETURNING value`,
    [entry.kind, entry.value],
  );
  const row = removed.rows[0];
  if (!row) throw new AppError("NOT_FOUND", `${entry.kind.toLowerCase()} ${entry.value} is not on the watchlist; nothing removed`);
  return { kind: entry.kind, value: row.value };
}
