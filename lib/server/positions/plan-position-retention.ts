import "server-only";
import type pg from "pg";
import { partitionMonthMs } from "./position-partitions";

export interface RetentionCandidate {
  partition: string;
  monthMs: number;
  /** false for a month an earlier version's interrupted run left detached: attached again, then retired as well. */
  attached: boolean;
  /** Exact row count, when asked for (a dry run): it reads the whole month. */
  rows: number | null;
}

/** The monthly position tables entirely before `beforeMonthMs`, oldest first. */
export async function planPositionRetention(client: pg.ClientBase, beforeMonthMs: number, countRows: boolean): Promise<RetentionCandidate[]> {
  const { rows } = await client.query<{ name: string; attached: boolean }>(
    `SELECT c.relname AS name,
            EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid AND i.inhparent = 'public.positions'::regclass) AS attached
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname ~ '^positions_p[0-9]{6}$'`,
  );
  const candidates: RetentionCandidate[] = [];
  for (const row of rows) {
    const monthMs = partitionMonthMs(row.name);
    if (monthMs === null || monthMs >= beforeMonthMs) continue;
    candidates.push({ partition: row.name, monthMs, attached: row.attached, rows: null });
  }
  candidates.sort((a, b) => a.monthMs - b.monthMs);
  if (countRows) {
    for (const candidate of candidates) {
      const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM "${candidate.partition}"`);
      candidate.rows = Number(counted[0]!.n);
    }
  }
  return candidates;
}
