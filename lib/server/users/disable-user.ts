import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { dbPool } from "../db/pool";

/**
 * Disable an account by email (the command line). Its sessions are voided too
 * (`sessions_valid_after`), so they stay dead even if the account is enabled again later;
 * its API tokens stop working while it is disabled but are not revoked.
 */
export async function disableUser(email: string, actor = "command line"): Promise<void> {
  // Raw SQL: sessions_valid_after takes the database's clock, like the session issue time it is compared with.
  const result = await dbPool().query(
    `UPDATE users SET disabled = true, sessions_valid_after = now() WHERE lower(email) = lower($1)`,
    [email],
  );
  if (result.rowCount === 0) throw new AppError("NOT_FOUND", `no account for ${email}`);
  await recordAuditEvent({ action: "user-disabled", actorEmail: actor, subject: email.toLowerCase() });
}
