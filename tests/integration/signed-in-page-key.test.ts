import crypto from "node:crypto";
import { sealData } from "iron-session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { sessionCookieValue } from "@/lib/server/auth/session";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { isCitus } from "@/lib/server/db/is-citus";
import { signedInPageKey } from "@/lib/server/pages/signed-in-page-version";
import { account } from "./support/review-fixtures";

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
    const first = await signedInPageKey(mine);
    if (citus) return expect(first).toBeNull();
    expect(first?.viewer).toBe(`${analyst.id}:ANALYST`);
    expect(await signedInPageKey(mine)).toEqual(first);

    // Whoever writes, on whatever connection: once the write commits, the kept page is void.
    await dbPool().query(`UPDATE users SET email = email WHERE id = $1`, [other.id]);
    const after = await signedInPageKey(mine);
    expect(after?.viewer).toBe(first?.viewer);
    expect(after?.version).not.toBe(first?.version);
    expect(await signedInPageKey(mine)).toEqual(after);
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

  it("reads the session cookie out of a Cookie header, decoded", () => {
    expect(sessionCookieValue("a=1; darkflight_session=Fe26.2*1*abc%2Adef; b=2")).toBe("Fe26.2*1*abc*def");
    expect(sessionCookieValue("darkflight_sessionx=1; other=2")).toBeNull();
    expect(sessionCookieValue("")).toBeNull();
  });
});
