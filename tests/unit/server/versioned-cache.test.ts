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

describe("VersionedCache, stale while revalidating", () => {
  /** A computation the test settles by hand, counting its calls. */
  const manual = () => {
    const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
    return {
      compute: () => new Promise<string>((resolve, reject) => pending.push({ resolve, reject })),
      settle: (value: string) => pending.shift()!.resolve(value),
      fail: () => pending.shift()!.reject(new Error("render failed")),
      /** Computations started and not settled yet. */
      calls: () => pending.length,
    };
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const stale = (group: string) => ({ group, maxAgeMs: 5000 });

  it("answers the older version at once while the new one is computed, once, and then the new one", async () => {
    const c = new VersionedCache({ maxEntries: 10 });
    const m = manual();
    const first = c.lookup("page", "v1", m.compute, { nowMs: 0, stale: stale("a1") });
    m.settle("one");
    expect(await first.value).toBe("one");

    // The version moved (a write): the old page stands in, and one computation starts.
    const during = [1, 2, 3].map(() => c.lookup("page", "v2", m.compute, { nowMs: 1000, stale: stale("a1") }));
    expect(during.map((d) => [d.hit, d.stale])).toEqual([[true, true], [true, true], [true, true]]);
    expect(await Promise.all(during.map((d) => d.value))).toEqual(["one", "one", "one"]);
    expect(m.calls()).toBe(1);
    m.settle("two");
    await flush();
    const after = c.lookup("page", "v2", m.compute, { nowMs: 1500, stale: stale("a1") });
    expect([after.hit, after.stale, await after.value]).toEqual([true, false, "two"]);
    expect(m.calls()).toBe(0);
  });

  it("never stands in across another group (someone acted), past its age, or before it settled", async () => {
    const c = new VersionedCache({ maxEntries: 10 });
    const m = manual();
    const pending = c.lookup("page", "v1", m.compute, { nowMs: 0, stale: stale("a1") });
    // Still rendering: a newer version waits for its own render.
    expect(c.lookup("page", "v2", m.compute, { nowMs: 10, stale: stale("a1") }).stale).toBe(false);
    m.settle("one");
    m.settle("two");
    await pending.value;
    await flush();
    const acted = c.lookup("page", "v3", m.compute, { nowMs: 20, stale: stale("a2") });
    expect([acted.hit, acted.stale]).toEqual([false, false]);
    m.settle("three");
    expect(await acted.value).toBe("three");
    await flush();
    const old = c.lookup("page", "v4", m.compute, { nowMs: 20 + 5001, stale: stale("a2") });
    expect([old.hit, old.stale]).toEqual([false, false]);
    m.settle("four");
    expect(await old.value).toBe("four");
    // Without the option (a reader's page), a new version is always computed.
    await flush();
    expect(c.lookup("page", "v5", m.compute, { nowMs: 6000 }).stale).toBe(false);
    m.settle("five");
  });

  it("keeps answering the older version when the new one fails, and tries again for the next caller", async () => {
    const c = new VersionedCache({ maxEntries: 10 });
    const m = manual();
    const first = c.lookup("page", "v1", m.compute, { nowMs: 0, stale: stale("a") });
    m.settle("one");
    await first.value;
    expect(await c.lookup("page", "v2", m.compute, { nowMs: 100, stale: stale("a") }).value).toBe("one");
    m.fail();
    await flush();
    const again = c.lookup("page", "v2", m.compute, { nowMs: 200, stale: stale("a") });
    expect([again.stale, await again.value, m.calls()]).toEqual([true, "one", 1]);
    m.settle("two");
    await flush();
    expect(await c.lookup("page", "v2", m.compute, { nowMs: 300, stale: stale("a") }).value).toBe("two");
  });
});

describe("VersionedCache, the last good value", () => {
  it("keeps the value a failed computation would have replaced, as its last ready one, and computes again for the next caller", async () => {
    const cache = new VersionedCache({ maxEntries: 8 });
    expect(cache.lastReady("k")).toBeUndefined();
    await cache.lookup("k", "v1", async () => "good", { nowMs: 0 }).value;
    expect(cache.lastReady("k")).toMatchObject({ version: "v1", storedAtMs: 0 });

    const failed = cache.lookup("k", "v2", () => Promise.reject(new Error("render failed")), { nowMs: 10 });
    // Pending: nothing ready under the key until it settles.
    expect(cache.lastReady("k")).toBeUndefined();
    await expect(failed.value).rejects.toThrow("render failed");
    const last = cache.lastReady("k");
    expect(last).toMatchObject({ version: "v1", storedAtMs: 0 });
    expect(await last!.value).toBe("good");

    // Never served for the version that failed: the next caller computes it.
    const again = cache.lookup("k", "v2", async () => "new", { nowMs: 20 });
    expect(again.hit).toBe(false);
    expect(await again.value).toBe("new");
    expect(cache.lastReady("k")).toMatchObject({ version: "v2", storedAtMs: 20 });
  });

  it("has nothing to give back when the first computation fails, and counts a restored value against the bytes", async () => {
    const cache = new VersionedCache({ maxEntries: 8, maxBytes: 350, sizeOf: (v) => (v as string).length });
    await expect(cache.lookup("k", "v1", () => Promise.reject(new Error("down"))).value).rejects.toThrow("down");
    expect(cache.lastReady("k")).toBeUndefined();

    await cache.lookup("k", "v1", async () => "x".repeat(80)).value;
    await expect(cache.lookup("k", "v2", () => Promise.reject(new Error("down"))).value).rejects.toThrow("down");
    expect(cache.lastReady("k")?.version).toBe("v1");
    // 80 bytes restored + 3 × 80 fit in 350; a fourth 80 does not: the restored one, least recently used, goes first.
    for (const key of ["a", "b", "c"]) await cache.lookup(key, "v", async () => "y".repeat(80)).value;
    expect(cache.lastReady("k")?.version).toBe("v1");
    await cache.lookup("d", "v", async () => "y".repeat(80)).value;
    expect(cache.lastReady("k")).toBeUndefined();
    expect(cache.lastReady("a")?.version).toBe("v");
  });
});
