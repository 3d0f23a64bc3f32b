import "server-only";
import { prisma } from "../db/prisma";

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
  const tokens = await prisma().apiToken.findMany({
    where: { userId: ownerId },
    select: { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { id: "desc" },
  });
  return tokens.map((t) => ({
    ...t,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}
