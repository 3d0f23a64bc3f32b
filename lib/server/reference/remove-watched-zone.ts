import "server-only";
import { AppError } from "../app-error";
import { dbPool } from "../db/pool";
import type { ZoneSummary } from "./list-zones";
import { parseZoneCode } from "./zone-input";

/**
 * Remove a zone an analyst added (kind WATCHED). Seeded FIRs are refused (CONFLICT): they name the
 * FIR sequence of every flight and would be seeded again at the next start; unwatch them instead.
 * NOT_FOUND for an unknown code.
 */
export async function removeWatchedZone(rawCode: string): Promise<ZoneSummary> {
  const code = parseZoneCode(rawCode);
  const pool = dbPool();
  const { rows } = await pool.query<{ code: string; name: string; watched: boolean; source: string | null; updated_at: Date }>(
    `DELETE FROM zones WHERE code = $1 AND kind = 'WATCHED' RETURNING code, name, watched, source, updated_at`,
    [code],
  );
  const row = rows[0];
  if (row) return { code: row.code, kind: "WATCHED", name: row.name, watched: row.watched, source: row.source, updatedAt: row.updated_at.toISOString() };

  const existing = await pool.query<{ name: string }>(`SELECT name FROM zones WHERE code = $1`, [code]);
  const fir = existing.rows[0];
  if (!fir) throw new AppError("NOT_FOUND", `no zone ${code} (\`zones list\` shows the codes)`);
  throw new AppError(
    "CONFLICT",
    `zone ${code} (${fir.name}) is a seeded FIR: it cannot be removed, only unwatched (\`zones unwatch ${code}\`); nothing removed`,
  );
}
