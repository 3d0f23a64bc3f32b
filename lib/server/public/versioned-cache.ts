import "server-only";

interface Entry {
  version: string;
  storedAtMs: number;
  value: Promise<unknown>;
  /** Bytes the settled value counts against `maxBytes` (0 until it settles). */
  bytes: number;
  /** The `stale.group` it was computed under; it may stand in for a newer version only within it. */
  group: string | undefined;
  /** Settled with a value (a pending or failed one never stands in). */
  ready: boolean;
  /** A newer version is being computed in its place (one at a time). */
  refreshing: boolean;
}

export interface LookupOptions {
  /** An entry older than this is computed again, whatever its version. */
  maxAgeMs?: number;
  nowMs?: number;
  /**
   * Stale while revalidating: when the version moved on, a settled entry of the same `group`
   * stored at most `maxAgeMs` ago is answered at once (`stale`) while the new version is computed
   * in its place, once, for the callers after it.
   */
  stale?: { group: string; maxAgeMs: number };
}

export interface VersionedCacheLimits {
  /** Entries kept at most. */
  maxEntries: number;
  /** With `sizeOf`: the settled values' sizes kept at most; a value over a quarter of it is not kept. */
  maxBytes?: number;
  sizeOf?: (value: unknown) => number;
}

/**
 * Values computed once per key and version, shared (concurrent callers wait for the same
 * promise): a different version, or an entry older than `maxAgeMs`, computes again. The caller
 * reads the version BEFORE calling, so what is computed is never older than it. Failures are not
 * kept. Least recently used entries go first beyond the limits: memory stays bounded whatever
 * the data and the traffic.
 */
export class VersionedCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly limits: VersionedCacheLimits) {}

  /**
   * The value for `key` at `version`; `hit` when it was (being) computed already, `stale` when an
   * older version's value stands in (options.stale) while this one is computed.
   */
  lookup<T>(key: string, version: string, compute: () => Promise<T>, options: LookupOptions = {}): { value: Promise<T>; hit: boolean; stale: boolean } {
    const nowMs = options.nowMs ?? Date.now();
    const found = this.entries.get(key);
    if (found && found.version === version && (options.maxAgeMs === undefined || nowMs - found.storedAtMs <= options.maxAgeMs)) {
      this.touch(key, found);
      return { value: found.value as Promise<T>, hit: true, stale: false };
    }
    const { stale } = options;
    if (found?.ready && stale && found.group === stale.group && nowMs - found.storedAtMs <= stale.maxAgeMs) {
      this.touch(key, found);
      if (!found.refreshing) {
        found.refreshing = true;
        // In its place once computed; if that fails, the next caller tries again.
        compute().then(
          (value) => {
            if (this.entries.get(key) === found) this.insert(key, this.entry(version, nowMs, Promise.resolve(value), stale.group, true), value);
          },
          () => (found.refreshing = false),
        );
      }
      return { value: found.value as Promise<T>, hit: true, stale: true };
    }
    const value = compute();
    const entry = this.entry(version, nowMs, value, stale?.group, false);
    // The value it replaces comes back if this one fails: the last good one (lastReady).
    const previous = found?.ready ? found : undefined;
    this.insert(key, entry);
    value.then(
      (settled) => {
        if (this.entries.get(key) !== entry) return;
        entry.ready = true;
        this.count(key, entry, settled);
      },
      () => {
        if (this.entries.get(key) !== entry) return;
        this.remove(key);
        if (previous) this.restore(key, previous);
      },
    );
    return { value, hit: false, stale: false };
  }

  /**
   * The settled entry under `key`, whatever its version and age: the last value computed for it
   * that did not fail (a failed computation leaves the one before in place). Not a use: it does
   * not keep the entry from going first.
   */
  lastReady(key: string): { version: string; storedAtMs: number; value: Promise<unknown> } | undefined {
    const found = this.entries.get(key);
    return found?.ready ? { version: found.version, storedAtMs: found.storedAtMs, value: found.value } : undefined;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private entry(version: string, storedAtMs: number, value: Promise<unknown>, group: string | undefined, ready: boolean): Entry {
    return { version, storedAtMs, value, bytes: 0, group, ready, refreshing: false };
  }

  /** Stores `entry` under `key` (replacing what was there); a settled value is counted at once. */
  private insert(key: string, entry: Entry, settled?: unknown): void {
    this.remove(key);
    this.entries.set(key, entry);
    this.evict();
    if (entry.ready && this.entries.get(key) === entry) this.count(key, entry, settled);
  }

  /** Counts a settled value against `maxBytes`; one over a quarter of it is not kept. */
  private count(key: string, entry: Entry, settled: unknown): void {
    const { maxBytes, sizeOf } = this.limits;
    if (maxBytes === undefined || !sizeOf) return;
    entry.bytes = sizeOf(settled);
    if (entry.bytes > maxBytes / 4) return this.remove(key);
    this.bytes += entry.bytes;
    this.evict();
  }

  /** Puts a settled entry back as it was (its size already known), if it still fits. */
  private restore(key: string, entry: Entry): void {
    if (this.entries.size >= this.limits.maxEntries) return;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    this.evict();
  }

  /** Most recently used last. */
  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  private evict(): void {
    const maxBytes = this.limits.maxBytes ?? Infinity;
    while (this.entries.size > this.limits.maxEntries || this.bytes > maxBytes) this.remove(this.entries.keys().next().value!);
  }
}

// One per server process, on globalThis: the bundler may load this module more than once.
const shared = ((globalThis as { __darkflightSharedVersionedCache?: VersionedCache }).__darkflightSharedVersionedCache ??= new VersionedCache({ maxEntries: 128 }));

/** `VersionedCache.lookup`'s value in the process's shared cache (public pages' data; at most 128 entries). */
export function cachedByVersion<T>(key: string, version: string, compute: () => Promise<T>, options: Omit<LookupOptions, "stale"> = {}): Promise<T> {
  return shared.lookup(key, version, compute, options).value;
}

/** Forget every entry (tests). */
export function clearVersionedCache(): void {
  shared.clear();
}
