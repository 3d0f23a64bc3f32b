import "server-only";

/**
 * Run right after BEGIN in the import transactions. On a Citus cluster an UPDATE or DELETE of a
 * reference table otherwise locks the whole table on every node until commit, and two imports
 * (each a batch transaction plus its original's) then wait for each other through the
 * application, where no deadlock detector sees it. Their writes touch their own rows (their batch,
 * their original under its content lock) or add to counts, so they commute; a rare conflict on a
 * shared row is a deadlock Citus detects, and the job retries. A placeholder on plain PostgreSQL.
 */
export const COMMUTATIVE_WRITES = "SET LOCAL citus.all_modifications_commutative TO on";
