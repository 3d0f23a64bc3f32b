import "server-only";
import { dbPool } from "../db/pool";
import { hashToken } from "../tokens/hash-token";
import type { CurrentUser } from "./current-user";

/**
 * The account behind `Authorization: Bearer <token>`, for the given scope; null when there is no
 * such header. A wrong, revoked or out-of-scope token, or a disabled account, is `"invalid"`.
 */
export async function userFromBearer(request: Request, scope: "upload"): Promise<CurrentUser | null | "invalid"> {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return "invalid";
  const { rows } = await dbPool().query<CurrentUser>(
    `UPDATE api_tokens t SET last_used_at = now() FROM users u
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.scope = $2 AND u.id = t.user_id AND NOT u.disabled
      RETURNING u.id, u.email, u.role`,
    [hashToken(match[1]!), scope],
  );
  return rows[0] ?? "invalid";
}
