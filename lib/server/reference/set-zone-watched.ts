import "server-only";
import { AppError } from "../app-error";
import { dbPool } from "../db/pool";
import type { ZoneSummary } from "./list-zones";
import { parseZoneCode } from "./zone-input";

/**
 * Watch or unwatch an existing zone by code, FIRs included (`SKEC` can be watched too, `TNCF`
 * unwatched). `changed: false` when it already was. NOT_FOUND for an unknown code. Takes effect
 * at the next detection (`detect --all` for stored flights).
 */
export async function setZoneWatched(request: { code: string; watched: boolean }): Promise<{ changed: boolean; zone: ZoneSummary }> {
  const code = parseZoneCode(request.code);
  const { rows } = await dbPool().query<{
    code: string;
    kind: "FIR" | "WATCHED";
    name: string;
    watched: boolean;
    source: string | null;
    updated_at: Date;
    changed: boolean;
  }>(
    // The old value comes from the same statement's snapshot, so `changed` cannot race another update.
    // The time is a value, not now(): a Citus cluster refuses volatile functions in CASE on its tables.
    `UPDATE zones z SET watched = $2, updated_at = CASE WHEN old.watched = $2 THEN z.updated_at ELSE $3::timestamptz END
       FROM zones old
      WHERE z.code = $1 AND old.id = z.id
     RETURNING z.code, z.kind, z.name, z.watched, z.source, z.updated_at, old.watched <> $2 AS changed`,
    [code, request.watched, new Date()],
  );
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", `no zone ${code} (\`zones list\` shows the codes)`);
  const { changed, updated_at, ...zone } = row;
  return { changed, zone: { ...zone, updatedAt: updated_at.toISOString() } };
}
