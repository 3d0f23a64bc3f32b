import "server-only";
import type pg from "pg";
import { DEFAULT_RECEPTION_CONFIG, regradeReachS } from "../../core/model/reception-config";
import { refreshReceptionForBatches } from "./refresh-reception-for-batches";

/**
 * Positions a group of pending batches holds at most: a live feed's commits (a few hundred
 * positions every second or two) are taken in together; a file's batch of a million alone.
 */
const GROUP_POSITIONS = 100_000;

interface PendingBatch {
  id: string;
  positions: number;
  first_ms: number | null;
  last_ms: number | null;
}

/**
 * Take into the reception map every committed batch it has not taken yet, inside the caller's
 * transaction (the detection run's, under its lock: one map writer at a time). An import only
 * stores its positions and its detection requests; the map work waits for the detection that
 * follows, so the import lands at the speed of COPY. Oldest first, in groups of consecutive
 * batches close in time (each group rebuilt once: a live feed's many small commits cost one
 * rebuild, not one each; on a Citus cluster each rebuild also opens a connection per shard).
 * @returns how many batches were taken in
 */
export async function refreshPendingReception(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<PendingBatch>(
    `SELECT id::text, rows_accepted AS positions, (extract(epoch FROM first_time) * 1000)::float8 AS first_ms,
            (extract(epoch FROM last_time) * 1000)::float8 AS last_ms
       FROM import_batches WHERE status = 'COMMITTED' AND map_refreshed_at IS NULL ORDER BY id FOR UPDATE`,
  );
  for (const group of groupsOf(rows)) {
    await refreshReceptionForBatches(client, group);
    await client.query(`UPDATE import_batches SET map_refreshed_at = now() WHERE id = ANY($1::bigint[])`, [group]);
  }
  return rows.length;
}

/**
 * Consecutive batches whose times lie within the silences' reach of the group's (a live feed's
 * commits, the files of consecutive days), up to GROUP_POSITIONS; a group's re-grading queues
 * the silences around its whole span, so far-apart batches stay apart.
 */
export function groupsOf(batches: readonly PendingBatch[]): string[][] {
  const reachMs = regradeReachS(DEFAULT_RECEPTION_CONFIG) * 1000;
  const groups: string[][] = [];
  let group: string[] = [];
  let positions = 0;
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  for (const b of batches) {
    const firstMs = b.first_ms ?? b.last_ms;
    const lastMs = b.last_ms ?? b.first_ms;
    const near = firstMs === null || lastMs === null || (firstMs <= toMs + reachMs && lastMs >= fromMs - reachMs);
    if (group.length > 0 && (!near || positions + b.positions > GROUP_POSITIONS)) {
      groups.push(group);
      group = [];
      positions = 0;
      fromMs = Number.POSITIVE_INFINITY;
      toMs = Number.NEGATIVE_INFINITY;
    }
    group.push(b.id);
    positions += b.positions;
    if (firstMs !== null) fromMs = Math.min(fromMs, firstMs);
    if (lastMs !== null) toMs = Math.max(toMs, lastMs);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
