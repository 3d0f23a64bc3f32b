import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import { prisma } from "../db/prisma";

/**
 * Revoke one of the caller's own tokens. Another account's token is answered exactly like a
 * token that does not exist, so ids reveal nothing about other accounts.
 */
export async function revokeOwnApiToken(owner: Pick<CurrentUser, "id" | "email">, tokenId: number): Promise<{ name: string }> {
  // The condition in the update itself: of two concurrent revocations, one counts 0 and refuses.
  const mine = { id: tokenId, userId: owner.id };
  const { count } = await prisma().apiToken.updateMany({ where: { ...mine, revokedAt: null }, data: { revokedAt: new Date() } });
  const revoked = count === 1 ? await prisma().apiToken.findUnique({ where: mine, select: { name: true } }) : null;
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
