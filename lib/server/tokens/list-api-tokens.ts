import "server-only";
import { dbPool } from "../db/pool";

export async function listApiTokens(): Promise<
  { id: number; email: string; name: string; scope: string; createdAt: string; lastUsedAt: string | null; revoked: boolean }[]
> {
  const { rows } = await dbPool().query(
    `SELECT t.id, u.email, t.name, t.scope, t.created_at, t.last_used_at, t.revoked_at IS NOT NULL AS revoked
       FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    scope: r.scope,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revoked: r.revoked,
  }));
}
