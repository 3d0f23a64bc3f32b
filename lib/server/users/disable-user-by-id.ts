import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import { ACCOUNT_ROLES, assertRole } from "../auth/require-role";
import { dbPool } from "../db/pool";

/**
 * Disable an account from the admin page: it can no longer sign in, every session it holds is
 * void at once (`sessions_valid_after`), and its API tokens stop working while it stays disabled
 * (they are not revoked). Admins only (checked here too); an admin cannot disable their own
 * account, so one admin always remains.
 */
export async function disableUserById(userId: number, actor: CurrentUser): Promise<{ email: string }> {
  assertRole(actor, ACCOUNT_ROLES);
  if (userId === actor.id) throw new AppError("BAD_REQUEST", "you cannot disable your own account");
  // Raw SQL: sessions_valid_after takes the database's clock, like the session issue time it is compared with.
  const { rows } = await dbPool().query<{ email: string }>(
    `UPDATE users SET disabled = true, sessions_valid_after = now() WHERE id = $1 AND NOT disabled RETURNING email`,
    [userId],
  );
  const disabled = rows[0];
  if (!disabled) {
    const { rowCount } = await dbPool().query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
    if (rowCount === 0) throw new AppError("NOT_FOUND", `no account ${userId}`);
    throw new AppError("CONFLICT", "this account is already disabled");
  }
  await recordAuditEvent({ action: "user-disabled", actorId: actor.id, actorEmail: actor.email, subject: disabled.email });
  return { email: disabled.email };
}
