import crypto from "node:crypto";
import { sealData } from "iron-session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { sessionCookieHeader, sessionCookieValues, unsealSession } from "@/lib/server/auth/session";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { isCitus } from "@/lib/server/db/is-citus";
import { signedInPageKey, type SignedInPageKey } from "@/lib/server/pages/signed-in-page-version";
import { addReviewNote } from "@/lib/server/review/add-review-note";
import { account, insertFlight } from "./support/review-fixtures";

/**
 * A signed-in user's page is kept only while the database's snapshot holds (nothing written by
 * anyone since), and only for the account it was rendered for. A session that no longer holds
 * is never answered from the cache. On a Citus cluster nothing is kept (workers' writes never
 * show in the coordinator's snapshot).
 */
const SECRET = crypto.randomBytes(24).toString("hex");
let analyst: CurrentUser;
let other: CurrentUser;
let citus: boolean;

const seal = (user: CurrentUser, issuedAtMs = Date.now()) => sealData({ userId: user.id, issuedAtMs }, { password: SECRET, ttl: 3600 });

/** The key once two reads in a row agree: the server's own background work (autovacuum) may commit between any two. */
async function steadyKey(sealed: string): Promise<SignedInPageKey | null> {
  let previous = await signedInPageKey(sealed);
  for (let i = 0; i < 20; i++) {
    const next = await signedInPageKey(sealed);
    if (JSON.stringify(next) === JSON.stringify(previous)) return next;
    previous = next;
  }
  throw new Error("the snapshot never held still");
}

beforeAll(async () => {
  process.env.SESSION_SECRET = SECRET;
  analyst = await account("ANALYST");
  other = await account("ANALYST");
  citus = await isCitus(dbPool());
});
afterAll(async () => {
  await closeDbPool();
});

describe("the key of a signed-in user's kept page", () => {
  it("stays while nothing is written, and changes when a write commits", async () => {
    const mine = await seal(analyst);
    const first = await steadyKey(mine);
    if (citus) return expect(first).toBeNull();
    expect(first?.viewer).toBe(`${analyst.id}:ANALYST`);

    // Whoever writes, on whatever connection: once the write commits, the kept page is void.
    await dbPool().query(`UPDATE users SET email = email WHERE id = $1`, [other.id]);
    const after = await steadyKey(mine);
    expect(after?.viewer).toBe(first?.viewer);
    expect(after?.version).not.toBe(first?.version);
  });

  it("changes when a transaction that began writing before a newer one commits after it", async () => {
    if (citus) return expect(await signedInPageKey(await seal(analyst))).toBeNull();
    const mine = await seal(analyst);
    const older = await dbPool().connect();
    try {
      await older.query("BEGIN");
      await older.query(`UPDATE users SET email = email WHERE id = $1`, [analyst.id]);
      await dbPool().query(`UPDATE users SET email = email WHERE id = $1`, [other.id]);
      // The newer write moved the newest completed id past the older one, still in progress.
      const before = await steadyKey(mine);
      await older.query("COMMIT");
      expect((await signedInPageKey(mine))?.version).not.toBe(before?.version);
    } finally {
      older.release();
    }
  });

  it("keeps its actions while data is written, and moves them when anyone acts", async () => {
    const mine = await seal(analyst);
    const first = await steadyKey(mine);
    if (citus) return expect(first).toBeNull();
    // A write that is no one's action (a live feed's commit, an import, a re-detection): the
    // version moves (the kept page renders again), the actions stay (it may stand in meanwhile).
    await dbPool().query(`UPDATE users SET email = email WHERE id = $1`, [other.id]);
    const written = await steadyKey(mine);
    expect(written?.version).not.toBe(first?.version);
    expect(written?.actions).toBe(first?.actions);
    // A colleague's action on a flight: never answered from a page rendered before it.
    const flight = await insertFlight({ icao24: "c0ffee", firstSeen: "2024-03-01T10:00:00Z", kinds: ["TRANSPONDER_GAP"] });
    await addReviewNote(other, flight, "seen on another feed too");
    const acted = await steadyKey(mine);
    expect(acted?.version).not.toBe(written?.version);
    expect(acted?.actions).not.toBe(written?.actions);
  });

  it("is another account's key for another account, never the same viewer", async () => {
    const mine = await signedInPageKey(await seal(analyst));
    const theirs = await signedInPageKey(await seal(other));
    if (citus) return expect([mine, theirs]).toEqual([null, null]);
    expect(theirs?.viewer).toBe(`${other.id}:ANALYST`);
    expect(theirs?.viewer).not.toBe(mine?.viewer);
  });

  it("is null for a forged seal, a disabled account and a session issued before the account's sessions were ended", async () => {
    expect(await signedInPageKey("Fe26.2**forged*cookie")).toBeNull();
    const sealed = await seal(await account("ANALYST", { disabled: true }));
    expect(await signedInPageKey(sealed)).toBeNull();

    const signedOut = await account("ANALYST");
    const old = await seal(signedOut, Date.now() - 60_000);
    await dbPool().query(`UPDATE users SET sessions_valid_after = now() - interval '30 seconds' WHERE id = $1`, [signedOut.id]);
    expect(await signedInPageKey(old)).toBeNull();
    const fresh = await signedInPageKey(await seal(signedOut));
    if (citus) return expect(fresh).toBeNull();
    expect(fresh?.viewer).toBe(`${signedOut.id}:ANALYST`);
  });

  it("unseals each session to its own account, from memory within the minute, and never a forged one", async () => {
    const [mine, theirs] = [await seal(analyst), await seal(other)];
    const nowMs = Date.now();
    for (const atMs of [nowMs, nowMs + 30_000, nowMs + 90_000]) {
      expect(await unsealSession(mine, atMs)).toMatchObject({ userId: analyst.id });
      expect(await unsealSession(theirs, atMs)).toMatchObject({ userId: other.id });
    }
    // Another seal's text, altered: refused, whatever was unsealed before.
    const altered = mine.replace(/\*[^*]+\*([^*]+)$/, "*AAAA*$1");
    expect(altered).not.toBe(mine);
    expect(await unsealSession(altered, nowMs)).toEqual({});
  });

  it("reads the session cookies out of a Cookie header, decoded, and writes one back alone", async () => {
    expect(sessionCookieValues("a=1; darkflight_session=Fe26.2*1*abc%2Adef; b=2")).toEqual(["Fe26.2*1*abc*def"]);
    expect(sessionCookieValues("darkflight_sessionx=1; other=2")).toEqual([]);
    expect(sessionCookieValues("")).toEqual([]);
    // Two (another path's, a planted one): the proxy must not choose, it leaves the request to the page.
    expect(sessionCookieValues("darkflight_session=one; darkflight_session=two")).toEqual(["one", "two"]);
    const sealed = await seal(analyst);
    expect(sessionCookieValues(sessionCookieHeader(sealed))).toEqual([sealed]);
  });
});
