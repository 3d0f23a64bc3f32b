import "server-only";
import { prisma } from "../db/prisma";
import type { WatchlistKind } from "./watchlist-entry-input";

export interface WatchlistEntrySummary {
  kind: WatchlistKind;
  value: string;
  note: string | null;
  createdAt: string;
}

/** The watchlist, by kind (in the enum's order) then value. */
export async function listWatchlistEntries(): Promise<WatchlistEntrySummary[]> {
  const entries = await prisma().watchlistEntry.findMany({
    select: { kind: true, value: true, note: true, createdAt: true },
    orderBy: [{ kind: "asc" }, { value: "asc" }],
  });
  return entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
}
