import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { dbPool } from "../db/pool";

export async function revokeApiToken(id: number, actor = "command line"): Promise<void> {
  const result = await dbPool().query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  if (result.rowCount === 0) throw new AppError("NOT_FOUND", `no active token ${id}`);
  await recordAuditEvent({ action: "token-revoked", actorEmail: actor, subject: `token ${id}` });
}
