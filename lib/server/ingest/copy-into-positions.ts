import "server-only";
import type pg from "pg";
import { refusalReason } from "../../ingest/refusal-reason";
import { dbPool } from "../db/pool";
import { isUniqueViolation } from "../db/is-unique-violation";
import { ensurePositionPartitions } from "../positions/position-partitions";
import { copyParsedPositions, CopyFailure, type StagedFile } from "./copy-parsed-positions";
import { COPY_COLUMNS } from "./copy-text-row";
import type { ImportRequest } from "./import-request";
import type { FilePass } from "./read-file-once";

/**
 * The main path COPYs into `positions` under a savepoint, from the one read of the file. Only if
 * that meets a row already stored does the fallback run: `openPass` reads the file a second time
 * (the rare path) into a staging table whose rows then move over skipping those already there.
 */
export async function copyIntoPositions(
  client: pg.PoolClient,
  request: ImportRequest,
  icao24: string | undefined,
  batchId: string,
  openPass: () => Promise<FilePass>,
  totalBytes: number,
  createdMonthsMs: number[],
): Promise<{ staged: StagedFile; duplicates: number }> {
  await client.query("SAVEPOINT direct_copy");
  try {
    const pass = await openPass();
    const staged = await copyParsedPositions(client, request, icao24, { ...pass, totalBytes }, "positions", batchId, createdMonthsMs);
    await client.query("RELEASE SAVEPOINT direct_copy");
    return { staged, duplicates: 0 };
  } catch (error) {
    if (!isUniqueViolation(error instanceof CopyFailure ? error.serverError : error)) throw error;
  }
  await client.query("ROLLBACK TO SAVEPOINT direct_copy");
  await client.query(`CREATE TEMP TABLE staging_positions (LIKE positions INCLUDING DEFAULTS) ON COMMIT DROP`);
  const pass = await openPass();
  const staged = await copyParsedPositions(client, request, icao24, { ...pass, totalBytes }, "staging_positions", batchId, createdMonthsMs);
  if (refusalReason({ valid: staged.staged, rejected: staged.tally.count, strict: request.strict ?? false, what: "position rows" })) {
    return { staged, duplicates: 0 };
  }
  // The staging table is not partitioned: the months it brings need their partitions first (all
  // of them: an empty month seen at the pass's start may have been dropped by a refused import since).
  createdMonthsMs.push(...(await ensurePositionPartitions(dbPool(), staged.monthsMs)));
  await client.query(
    `INSERT INTO positions (${COPY_COLUMNS.join(", ")}) SELECT ${COPY_COLUMNS.join(", ")} FROM staging_positions
     ORDER BY icao24, time, ctid ON CONFLICT (icao24, time) DO NOTHING`,
  );
  // What went in is what carries this batch's id (a re-import deleted its old rows first). Not the
  // INSERT's row count: a Citus coordinator reports the rows it sent, conflicts included.
  const inserted = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM positions WHERE batch_id = $1`, [batchId]);
  return { staged, duplicates: staged.staged - (inserted.rows[0]?.n ?? 0) };
}
