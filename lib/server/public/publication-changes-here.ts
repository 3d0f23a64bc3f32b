import "server-only";

/**
 * The publication changes this process has started and finished (publish, unpublish): a reader's
 * kept page may stand in during an outage only if none was under way when the version it was
 * rendered under was read, and none began since (reader-outage.ts). One per process, on
 * globalThis: the proxy and the pages are separate bundles.
 */
interface Changes {
  started: number;
  settled: number;
}
const changes = ((globalThis as { __darkflightPublicationChanges?: Changes }).__darkflightPublicationChanges ??= { started: 0, settled: 0 });

/** Run a change of what readers see, counted from before its transaction to after its commit or failure. */
export async function changingPublication<T>(change: () => Promise<T>): Promise<T> {
  changes.started++;
  try {
    return await change();
  } finally {
    changes.settled++;
  }
}

/** What this process has started and settled so far. */
export function publicationChangesHere(): Readonly<Changes> {
  return { ...changes };
}
