import { beforeEach, describe, expect, it } from "vitest";
import { cachedByVersion, clearVersionedCache } from "@/lib/server/public/versioned-cache";

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
