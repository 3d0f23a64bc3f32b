import "server-only";
import { headers } from "next/headers";
import { recordAuditEvent } from "../audit/record-audit-event";
import { dbPool } from "../db/pool";
import { loginThrottle } from "./login-throttle";
import { generatePassword, hashPassword, verifyPassword } from "./password";
import { getSession } from "./session";

export type SignInResult = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; waitS: number };

/**
 * The client's address as the proxy in front of darkflight saw it: the last X-Forwarded-For hop
 * (the one the proxy appended; earlier ones are whatever the client sent), else unknown.
 */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",").at(-1)?.trim() || h.get("x-real-ip") || "unknown";
}

// Unknown accounts are checked against this hash too, so timing does not tell which emails exist.
let dummyHash: Promise<string> | undefined;

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
  // Count the attempt before the (slow) check: parallel guesses must not all slip through.
  loginThrottle.fail(keys, Date.now());
  // The issue time comes from the database's clock, like the revocation time it is compared with.
  const { rows } = await dbPool().query<{ id: number; password_hash: string; disabled: boolean; now_ms: number }>(
    `SELECT id, password_hash, disabled, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms
       FROM users WHERE lower(email) = $1`,
    [account],
  );
  const user = rows[0];
  dummyHash ??= hashPassword(generatePassword());
  const valid = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  if (!user || user.disabled || !valid) {
    await recordAuditEvent({ action: "sign-in-refused", actorId: user?.id ?? null, actorEmail: account, address });
    return { ok: false, reason: "invalid" };
  }
  loginThrottle.succeed([keys[0]!]);
  loginThrottle.forgive(keys.slice(1));
  const session = await getSession();
  session.destroy();
  session.userId = user.id;
  session.issuedAtMs = user.now_ms;
  await session.save();
  await recordAuditEvent({ action: "sign-in", actorId: user.id, actorEmail: account, address });
  return { ok: true };
}

/** End the session: the cookie goes, and so does every session of the account issued until now. */
export async function signOut(): Promise<void> {
  const session = await getSession();
  if (session.userId) {
    await dbPool().query(`UPDATE users SET sessions_valid_after = now() WHERE id = $1`, [session.userId]);
    await recordAuditEvent({ action: "sign-out", actorId: session.userId, address: await clientAddress() });
  }
  session.destroy();
}
