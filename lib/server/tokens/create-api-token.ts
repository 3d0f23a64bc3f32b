import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { prisma } from "../db/prisma";
import { hashToken, newToken } from "./hash-token";

/** A new upload token for an account; the token is returned once and never stored. */
export async function createApiToken(email: string, name: string, actor = "command line"): Promise<{ id: number; token: string }> {
  // Emails are stored lower-cased (createUser).
  const user = await prisma().user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, disabled: true } });
  if (!user || user.disabled) throw new AppError("NOT_FOUND", `no active account for ${email}`);
  const token = newToken();
  const created = await prisma().apiToken.create({
    data: { userId: user.id, name: name.trim().slice(0, 100) || "token", tokenHash: hashToken(token), scope: "upload" },
    select: { id: true },
  });
  await recordAuditEvent({ action: "token-created", actorEmail: actor, subject: email.toLowerCase(), details: { tokenId: created.id, name } });
  return { id: created.id, token };
}
