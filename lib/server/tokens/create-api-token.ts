import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { dbPool } from "../db/pool";
import { hashToken, newToken } from "./hash-token";

/** A new upload token for an account; the token is returned once and never stored. */
export async function createApiToken(email: string, name: string, actor = "command line"): Promise<{ id: number; token: string }> {
  const { rows: users } = await dbPool().query<{ id: number; role: string; disabled: boolean }>(
    `SELECT id, role, disabled FROM users WHERE lower(email) = lower($1)`,
    [email],
  );
  const user = users[0];
  if (!user || user.disabled) throw new AppError("NOT_FOUND", `no active account for ${email}`);
  const token = newToken();
  const { rows } = await dbPool().query<{ id: number }>(
    `INSERT INTO api_tokens (user_id, name, token_hash, scope) VALUES ($1, $2, $3, 'upload') RETURNING id`,
    [user.id, name.trim().slice(0, 100) || "token", hashToken(token)],
  );
  await recordAuditEvent({ action: "token-created", actorEmail: actor, subject: email.toLowerCase(), details: { tokenId: rows[0]!.id, name } });
  return { id: rows[0]!.id, token };
}
