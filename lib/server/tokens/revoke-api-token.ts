import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { prisma } from "../db/prisma";

export async function revokeApiToken(id: number, actor = "command line"): Promise<void> {
  const { count } = await prisma().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError("NOT_FOUND", `no active token ${id}`);
  await recordAuditEvent({ action: "token-revoked", actorEmail: actor, subject: `token ${id}` });
}
