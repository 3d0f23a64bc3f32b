import "server-only";
import { headers } from "next/headers";
import { recordAuditEvent } from "../audit/record-audit-event";
import { dbPool } from "../db/pool";
import { loginThrottle } from "./login-throttle";
import { verifyPassword } from "./password";
import { getSession } from "./session";

export type SignInResult = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; waitS: number };

/** The client's address as the server sees it (the first hop a proxy names, else unknown). */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}

/**
 * Check the credentials and start a fresh session (the old one is discarded: rotation at login).
 * Throttled per account and per address; every attempt is audited (never the password).
 */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  const address = await clientAddress();
  const account = email.trim().toLowerCase();
  // An unknown address (no proxy header) is not a key: it would lump every client together.
  const keys = address === "unknown" ? [`account:${account}`] : [`account:${account}`, `address:${address}`];
  const waitMs = loginThrottle.waitMs(keys, Date.now());
  if (waitMs > 0) {
    await recordAuditEvent({ action: "sign-in-throttled", actorEmail: account, address });
    return { ok: false, reason: "throttled", waitS: Math.ceil(waitMs / 1000) };
  }
  const { rows } = await dbPool().query<{ id: number; password_hash: string; disabled: boolean }>(
    `SELECT id, password_hash, disabled FROM users WHERE lower(email) = $1`,
    [account],
  );
  const user = rows[0];
  if (!user || user.disabled || !(await verifyPassword(user.password_hash, password))) {
    loginThrottle.fail(keys, Date.now());
    await recordAuditEvent({ action: "sign-in-refused", actorId: user?.id ?? null, actorEmail: account, address });
    return { ok: false, reason: "invalid" };
  }
  loginThrottle.succeed([keys[0]!]);
  const session = await getSession();
  session.destroy();
  session.userId = user.id;
  session.issuedAtMs = Date.now();
  await session.save();
  await recordAuditEvent({ action: "sign-in", actorId: user.id, actorEmail: account, address });
  return { ok: true };
}

export async function signOut(): Promise<void> {
  const session = await getSession();
  if (session.userId) await recordAuditEvent({ action: "sign-out", actorId: session.userId, address: await clientAddress() });
  session.destroy();
}
