import "server-only";

interface Entry {
  version: string;
  storedAtMs: number;
  value: Promise<unknown>;
  /** Bytes the settled value counts against `maxBytes` (0 until it settles). */
  bytes: number;
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

  /** The value for `key` at `version`; `hit` when it was (being) computed already. */
  lookup<T>(key: string, version: string, compute: () => Promise<T>, options: { maxAgeMs?: number; nowMs?: number } = {}): { value: Promise<T>; hit: boolean } {
    const nowMs = options.nowMs ?? Date.now();
    const found = this.entries.get(key);
    if (found && found.version === version && (options.maxAgeMs === undefined || nowMs - found.storedAtMs <= options.maxAgeMs)) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return { value: found.value as Promise<T>, hit: true };
    }
    const value = compute();
    const entry: Entry = { version, storedAtMs: nowMs, value, bytes: 0 };
    this.remove(key);
    this.entries.set(key, entry);
    this.evict();
    value.then(
      (settled) => {
        const { maxBytes, sizeOf } = this.limits;
        if (this.entries.get(key) !== entry || maxBytes === undefined || !sizeOf) return;
        entry.bytes = sizeOf(settled);
        if (entry.bytes > maxBytes / 4) return this.remove(key);
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.remove(key);
      },
    );
    return { value, hit: false };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
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
export function cachedByVersion<T>(key: string, version: string, compute: () => Promise<T>, options: { maxAgeMs?: number; nowMs?: number } = {}): Promise<T> {
  return shared.lookup(key, version, compute, options).value;
}

/** Forget every entry (tests). */
export function clearVersionedCache(): void {
  shared.clear();
}
