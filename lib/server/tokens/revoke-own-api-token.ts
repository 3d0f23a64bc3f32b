import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import { dbPool } from "../db/pool";

/**
 * Revoke one of the caller's own tokens. Another account's token is answered exactly like a
 * token that does not exist, so ids reveal nothing about other accounts.
 */
export async function revokeOwnApiToken(owner: Pick<CurrentUser, "id" | "email">, tokenId: number): Promise<{ name: string }> {
  const { rows } = await dbPool().query<{ name: string }>(
    `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING name`,
    [tokenId, owner.id],
  );
  const revoked = rows[0];
  if (!revoked) throw new AppError("NOT_FOUND", `you have no active token ${tokenId}`);
  await recordAuditEvent({
    action: "token-revoked",
    actorId: owner.id,
    actorEmail: owner.email,
    subject: `token ${tokenId}`,
    details: { name: revoked.name },
  });
  return revoked;
}
