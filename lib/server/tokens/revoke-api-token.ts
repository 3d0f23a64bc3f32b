import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { prisma } from "../db/prisma";
import { MAX_INT_ID } from "../../core/format/user-input";

export async function revokeApiToken(id: number, actor = "command line"): Promise<void> {
  // Past the column's range no token has that id (and PostgreSQL would refuse the query).
  const { count } = id > MAX_INT_ID ? { count: 0 } : await prisma().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError("NOT_FOUND", `no active token ${id}`);
  await recordAuditEvent({ action: "token-revoked", actorEmail: actor, subject: `token ${id}` });
}
