import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { dbPool } from "../db/pool";

export async function disableUser(email: string, actor = "command line"): Promise<void> {
  const result = await dbPool().query(`UPDATE users SET disabled = true WHERE lower(email) = lower($1)`, [email]);
  if (result.rowCount === 0) throw new AppError("NOT_FOUND", `no account for ${email}`);
  await recordAuditEvent({ action: "user-disabled", actorEmail: actor, subject: email.toLowerCase() });
}
