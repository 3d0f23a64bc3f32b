import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDbPool } from "@/lib/server/db/pool";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { createUser } from "@/lib/server/users/create-user";
import { disableUser } from "@/lib/server/users/disable-user";
import { listUsers } from "@/lib/server/users/list-users";

/** The command line's account operations (`user add|list|disable`, `token add|list|revoke`) on the Prisma-backed data layer. */
afterAll(async () => {
  await closeDbPool();
});

const password = () => crypto.randomBytes(12).toString("base64url");
const email = (name: string) => `${name}-${crypto.randomBytes(4).toString("hex")}@Example.org`;

describe("accounts from the command line", () => {
  it("stores an account's email lower-cased, refuses the same email in any case, and lists it", async () => {
    const given = email("Mixed");
    const created = await createUser({ email: given, role: "RESEARCHER", password: password() });
    expect(created).toMatchObject({ email: given.toLowerCase(), role: "RESEARCHER" });
    await expect(createUser({ email: given.toUpperCase(), role: "ANALYST", password: password() })).rejects.toMatchObject({ code: "CONFLICT" });
    const listed = (await listUsers()).find((u) => u.id === created.id);
    expect(listed).toEqual({ id: created.id, email: given.toLowerCase(), role: "RESEARCHER", disabled: false, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it("creates a token only for an active account, lists it with its owner, revokes it once", async () => {
    const owner = await createUser({ email: email("owner"), role: "ANALYST", password: password() });
    const { id, token } = await createApiToken(owner.email.toUpperCase(), "  laptop  ");
    expect(token).toMatch(/^df_/);
    expect((await listApiTokens()).find((t) => t.id === id)).toMatchObject({ email: owner.email, name: "laptop", scope: "upload", lastUsedAt: null, revoked: false });
    await revokeApiToken(id);
    expect((await listApiTokens()).find((t) => t.id === id)?.revoked).toBe(true);
    await expect(revokeApiToken(id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await disableUser(owner.email);
    expect((await listUsers()).find((u) => u.id === owner.id)?.disabled).toBe(true);
    await expect(createApiToken(owner.email, "again")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createApiToken("nobody@example.org", "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
