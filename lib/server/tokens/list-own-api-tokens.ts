import "server-only";
import { dbPool } from "../db/pool";

export interface OwnApiToken {
  id: number;
  name: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The API tokens of one account (never the tokens themselves: only their hashes are stored). */
export async function listOwnApiTokens(ownerId: number): Promise<OwnApiToken[]> {
  const { rows } = await dbPool().query<{
    id: number;
    name: string;
    scope: string;
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }>(
    `SELECT id, name, scope, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`,
    [ownerId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}
