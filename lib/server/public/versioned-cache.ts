import "server-only";

interface Entry {
  version: string;
  storedAtMs: number;
  value: Promise<unknown>;
}

/** Entries kept at most: pages × periods × flights read; memory stays bounded whatever the data. */
const MAX_ENTRIES = 128;

// One map per server process, on globalThis: the bundler may load this module more than once.
const store = ((globalThis as { __darkflightVersionedCache?: Map<string, Entry> }).__darkflightVersionedCache ??= new Map());

/**
 * The value computed for `key` at `version`, computed once and shared (concurrent requests wait
 * for the same promise): a different version, or an entry older than `maxAgeMs`, computes again.
 * The caller reads the version BEFORE calling, so what is computed is never older than it.
 * Failures are not kept. Least recently used entries go first beyond MAX_ENTRIES.
 */
export function cachedByVersion<T>(key: string, version: string, compute: () => Promise<T>, options: { maxAgeMs?: number; nowMs?: number } = {}): Promise<T> {
  const nowMs = options.nowMs ?? Date.now();
  const hit = store.get(key);
  if (hit && hit.version === version && (options.maxAgeMs === undefined || nowMs - hit.storedAtMs <= options.maxAgeMs)) {
    store.delete(key);
    store.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { version, storedAtMs: nowMs, value };
  store.delete(key);
  store.set(key, entry);
  while (store.size > MAX_ENTRIES) store.delete(store.keys().next().value!);
  value.catch(() => {
    if (store.get(key) === entry) store.delete(key);
  });
  return value;
}

/** Forget every entry (tests). */
export function clearVersionedCache(): void {
  store.clear();
}
