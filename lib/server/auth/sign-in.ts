import "server-only";
import { dbPool } from "../db/pool";
import { verifyPassword } from "./password";
import { getSession } from "./session";

/** Check the credentials and start a fresh session (the old one is discarded: rotation at login). */
export async function signIn(email: string, password: string): Promise<boolean> {
  const { rows } = await dbPool().query<{ id: number; password_hash: string; disabled: boolean }>(
    `SELECT id, password_hash, disabled FROM users WHERE lower(email) = lower($1)`,
    [email.trim()],
  );
  const user = rows[0];
  if (!user || user.disabled || !(await verifyPassword(user.password_hash, password))) return false;
  const session = await getSession();
  session.destroy();
  session.userId = user.id;
  session.issuedAtMs = Date.now();
  await session.save();
  return true;
}

export async function signOut(): Promise<void> {
  const session = await getSession();
  session.destroy();
}
