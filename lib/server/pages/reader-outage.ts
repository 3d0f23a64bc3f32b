import "server-only";
import { publicationChangesHere } from "../public/publication-changes-here";

/**
 * How recently before the database stopped answering the publication version must have been read
 * for a reader's kept page of that version to stand in: a publish, unpublish or reopen committed
 * in between (by any process) would otherwise go unseen for the whole outage.
 */
export const OUTAGE_CONFIRMED_WITHIN_MS = 10_000;

/**
 * How long a reader's request waits for the publication version before it counts as a failure:
 * a database host that drops packets refuses nothing, and the pool's connect timeout is 30 s.
 * The version is one row read by primary key (about a millisecond when the database answers).
 */
export const READER_VERSION_WAIT_MS = 3_000;

interface OutageState {
  /** The publication version last read from the database, when, and this process's changes as they stood when it was asked for. */
  confirmed: { publication: string; atMs: number; changes: Readonly<{ started: number; settled: number }> } | null;
  /** The first failed read since then (null while the database answers). */
  failingSinceMs: number | null;
}

// One per process, on globalThis: the proxy and the pages are separate bundles.
const state = ((globalThis as { __darkflightReaderOutage?: OutageState }).__darkflightReaderOutage ??= { confirmed: null, failingSinceMs: null });

/**
 * The database answered: `publication` is the current version. `changesAtAsk`: this process's
 * publication changes (publication-changes-here.ts) as they stood when the version was asked for.
 */
export function publicationRead(publication: string, changesAtAsk: Readonly<{ started: number; settled: number }>, nowMs = Date.now()): void {
  state.confirmed = { publication, atMs: nowMs, changes: changesAtAsk };
  state.failingSinceMs = null;
}

/**
 * The database did not answer a question asked at `askedAtMs`: the publication version a
 * reader's kept page must have been rendered under to stand in, or null when the last one read
 * is too old to vouch for (nothing read since the process started, or read more than
 * OUTAGE_CONFIRMED_WITHIN_MS before the failures began: the first failed question's asking, not
 * its failure, which a connect timeout delays). While the database is down nothing can be
 * published, so that version stays current for the whole outage.
 */
export function publicationDuringOutage(askedAtMs = Date.now()): string | null {
  state.failingSinceMs = Math.min(state.failingSinceMs ?? askedAtMs, askedAtMs);
  const { confirmed } = state;
  if (!confirmed || state.failingSinceMs - confirmed.atMs > OUTAGE_CONFIRMED_WITHIN_MS) return null;
  // A publish or unpublish by this process under way when the version was read, or begun since,
  // may have committed before the outage: the version read no longer vouches for anything.
  const { started, settled } = confirmed.changes;
  return started === settled && publicationChangesHere().started === started ? confirmed.publication : null;
}

/** Forget what was read (tests). */
export function resetReaderOutage(): void {
  state.confirmed = null;
  state.failingSinceMs = null;
}

/** `read`, or a rejection once it has taken READER_VERSION_WAIT_MS (the read itself goes on). */
export function withinReaderWait<T>(read: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${READER_VERSION_WAIT_MS} ms`)), READER_VERSION_WAIT_MS);
  });
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}
