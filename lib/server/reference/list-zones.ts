import "server-only";
import { dbPool } from "../db/pool";

export interface ZoneSummary {
  code: string;
  /** FIR: seeded reference boundary (watch or unwatch it, never remove it); WATCHED: added by an analyst. */
  kind: "FIR" | "WATCHED";
  name: string;
  /** Watched zones are the ones ZONE_AVOIDANCE checks. */
  watched: boolean;
  source: string | null;
  updatedAt: string;
}

/** Every zone, watched ones first, then by code. The geometry stays in the database. */
export async function listZones(): Promise<ZoneSummary[]> {
  const { rows } = await dbPool().query<{ code: string; kind: "FIR" | "WATCHED"; name: string; watched: boolean; source: string | null; updated_at: Date }>(
    `SELECT code, kind, name, watched, source, updated_at FROM zones ORDER BY watched DESC, code`,
  );
  return rows.map((r) => ({ code: r.code, kind: r.kind, name: r.name, watched: r.watched, source: r.source, updatedAt: r.updated_at.toISOString() }));
}
