import "server-only";
import { prisma } from "../db/prisma";

export async function listApiTokens(): Promise<
  { id: number; email: string; name: string; scope: string; createdAt: string; lastUsedAt: string | null; revoked: boolean }[]
> {
  const tokens = await prisma().apiToken.findMany({
    select: { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true, user: { select: { email: true } } },
    orderBy: { id: "asc" },
  });
  return tokens.map((t) => ({
    id: t.id,
    email: t.user.email,
    name: t.name,
    scope: t.scope,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revoked: t.revokedAt !== null,
  }));
}
