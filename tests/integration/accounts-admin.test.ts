import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/app-error";
import { userFromBearer } from "@/lib/server/auth/user-from-bearer";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { listOwnApiTokens } from "@/lib/server/tokens/list-own-api-tokens";
import { revokeOwnApiToken } from "@/lib/server/tokens/revoke-own-api-token";
import { createUser } from "@/lib/server/users/create-user";
import { disableUserById } from "@/lib/server/users/disable-user-by-id";

/**
 * The data-access side of the admin and token pages: an admin disables an account (its sessions
 * void, its tokens dead but not revoked, never the admin's own account), and an account lists and
 * revokes only its own API tokens.
 */
type Account = { id: number; email: string; role: "ADMIN" | "ANALYST" | "RESEARCHER" };

async function account(role: Account["role"]): Promise<Account> {
  const email = `${role.toLowerCase()}-${crypto.randomBytes(4).toString("hex")}@example.org`;
  return createUser({ email, role, password: crypto.randomBytes(12).toString("base64url") }, "test");
}

const bearer = (token: string) =>
  userFromBearer(new Request("http://localhost/api/imports", { method: "POST", headers: { authorization: `Bearer ${token}` } }), "upload");

async function userRow(id: number) {
  const { rows } = await dbPool().query<{ disabled: boolean; sessions_valid_after: Date | null }>(
    `SELECT disabled, sessions_valid_after FROM users WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

async function auditOf(subject: string) {
  const { rows } = await dbPool().query<{ action: string; actor_id: number | null; actor_email: string | null }>(
    `SELECT action, actor_id, actor_email FROM audit_events WHERE subject = $1 ORDER BY id`,
    [subject],
  );
  return rows;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

afterAll(async () => {
  await closeDbPool();
});

describe("disabling an account", () => {
  it("voids its sessions and silences its tokens without revoking them; audited with the admin", async () => {
    const admin = await account("ADMIN");
    const researcher = await account("RESEARCHER");
    const { token, id: tokenId } = await createApiToken(researcher.email, "script", researcher.email);
    expect(await bearer(token)).toMatchObject({ id: researcher.id });
    const { rows: before } = await dbPool().query<{ now: Date }>(`SELECT now()`);

    expect(await disableUserById(researcher.id, admin)).toEqual({ email: researcher.email });

    const row = await userRow(researcher.id);
    expect(row.disabled).toBe(true);
    expect(row.sessions_valid_after!.getTime()).toBeGreaterThanOrEqual(before[0]!.now.getTime());
    expect(await bearer(token)).toBe("invalid");
    const { rows: tokens } = await dbPool().query(`SELECT revoked_at FROM api_tokens WHERE id = $1`, [tokenId]);
    expect(tokens[0]!.revoked_at).toBeNull();
    expect(await auditOf(researcher.email)).toEqual(
      expect.arrayContaining([{ action: "user-disabled", actor_id: admin.id, actor_email: admin.email }]),
    );
  });

  it("refuses the admin's own account, an unknown one and one already disabled", async () => {
    const admin = await account("ADMIN");
    const analyst = await account("ANALYST");
    expect((await rejection(disableUserById(admin.id, admin))).code).toBe("BAD_REQUEST");
    expect((await userRow(admin.id)).disabled).toBe(false);
    expect((await rejection(disableUserById(2_000_000_000, admin))).code).toBe("NOT_FOUND");
    // Only an admin may: an analyst is refused, and nothing changes.
    expect((await rejection(disableUserById(admin.id, analyst))).code).toBe("FORBIDDEN");
    expect((await userRow(admin.id)).disabled).toBe(false);
    await disableUserById(analyst.id, admin);
    expect((await rejection(disableUserById(analyst.id, admin))).code).toBe("CONFLICT");
  });
});

describe("own API tokens", () => {
  it("an account lists only its own tokens, never the token itself", async () => {
    const alice = await account("RESEARCHER");
    const bob = await account("RESEARCHER");
    const a = await createApiToken(alice.email, "alice script", alice.email);
    const b = await createApiToken(bob.email, "bob script", bob.email);

    const listed = await listOwnApiTokens(alice.id);
    expect(listed.map((t) => t.id)).toEqual([a.id]);
    expect(listed[0]).toMatchObject({ name: "alice script", scope: "upload", lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(a.token);
    expect((await listOwnApiTokens(bob.id)).map((t) => t.id)).toEqual([b.id]);

    await bearer(a.token);
    expect((await listOwnApiTokens(alice.id))[0]!.lastUsedAt).not.toBeNull();
  });

  it("an account revokes its own token, and cannot revoke another account's", async () => {
    const alice = await account("RESEARCHER");
    const mallory = await account("ANALYST");
    const a = await createApiToken(alice.email, "alice script", alice.email);

    // Someone else's token looks exactly like a token that does not exist.
    const refused = await rejection(revokeOwnApiToken(mallory, a.id));
    expect(refused.code).toBe("NOT_FOUND");
    expect(await bearer(a.token)).toMatchObject({ id: alice.id });
    expect((await listOwnApiTokens(alice.id))[0]!.revokedAt).toBeNull();

    expect(await revokeOwnApiToken(alice, a.id)).toEqual({ name: "alice script" });
    expect(await bearer(a.token)).toBe("invalid");
    expect((await listOwnApiTokens(alice.id))[0]!.revokedAt).not.toBeNull();
    expect((await rejection(revokeOwnApiToken(alice, a.id))).code).toBe("NOT_FOUND");
    expect(await auditOf(`token ${a.id}`)).toEqual([{ action: "token-revoked", actor_id: alice.id, actor_email: alice.email }]);
  });
});
