import { beforeEach, describe, expect, it } from "vitest";
import { cachedByVersion, clearVersionedCache, VersionedCache } from "@/lib/server/public/versioned-cache";

/** The in-process cache behind the public pages: one computation per key and version, bounded. */
describe("cachedByVersion", () => {
  beforeEach(() => clearVersionedCache());

  const counter = () => {
    let calls = 0;
    return { compute: async () => ++calls, calls: () => calls };
  };

  it("computes once per version, shares the promise between concurrent callers and recomputes for a new version", async () => {
    const c = counter();
    const [a, b] = await Promise.all([cachedByVersion("k", "v1", c.compute), cachedByVersion("k", "v1", c.compute)]);
    expect([a, b, c.calls()]).toEqual([1, 1, 1]);
    expect(await cachedByVersion("k", "v2", c.compute)).toBe(2);
    // Back to an older version: computed again, never served from a newer entry.
    expect(await cachedByVersion("k", "v1", c.compute)).toBe(3);
  });

  it("keeps keys apart and recomputes an entry older than maxAgeMs", async () => {
    const c = counter();
    expect(await cachedByVersion("a", "v", c.compute, { nowMs: 0, maxAgeMs: 1000 })).toBe(1);
    expect(await cachedByVersion("b", "v", c.compute, { nowMs: 0 })).toBe(2);
    expect(await cachedByVersion("a", "v", c.compute, { nowMs: 1000, maxAgeMs: 1000 })).toBe(1);
    expect(await cachedByVersion("a", "v", c.compute, { nowMs: 1001, maxAgeMs: 1000 })).toBe(3);
  });

  it("does not keep a failure", async () => {
    await expect(cachedByVersion("f", "v", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await cachedByVersion("f", "v", async () => "ok")).toBe("ok");
  });

  it("holds a bounded number of entries, dropping the least recently used", async () => {
    const c = counter();
    await cachedByVersion("first", "v", c.compute);
    for (let i = 0; i < 500; i++) await cachedByVersion(`key-${i}`, "v", async () => i);
    expect(await cachedByVersion("first", "v", c.compute)).toBe(2);
  });
});

describe("VersionedCache with a byte bound", () => {
  const text = (n: number) => async () => "x".repeat(n);
  const cache = () => new VersionedCache({ maxEntries: 100, maxBytes: 1000, sizeOf: (value) => (value as string).length });

  it("says whether a value was there already, and drops the least recently used past the bytes", async () => {
    const c = cache();
    expect(c.lookup("a", "v", text(200)).hit).toBe(false);
    await c.lookup("a", "v", text(200)).value;
    expect(c.lookup("a", "v", text(200)).hit).toBe(true);
    for (const key of ["b", "c", "d"]) await c.lookup(key, "v", text(200)).value;
    await c.lookup("a", "v", text(200)).value; // a is now the most recently used
    await c.lookup("e", "v", text(250)).value; // 1,050 bytes: b goes
    expect(c.lookup("a", "v", text(200)).hit).toBe(true);
    expect(c.lookup("b", "v", text(200)).hit).toBe(false);
  });

  it("keeps no value over a quarter of the bytes", async () => {
    const c = cache();
    await c.lookup("big", "v", text(251)).value;
    expect(c.lookup("big", "v", text(251)).hit).toBe(false);
  });
});
