import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { actingAs, type Actor } from "../auth/acting-user";
import { ACCOUNT_ROLES } from "../auth/require-role";
import { prisma } from "../db/prisma";
import { MAX_INT_ID } from "../../core/format/user-input";

/** Remove a feed by id or URL; the worker stops it within seconds. NOT_FOUND when there is none. */
export async function removeLiveFeed(idOrUrl: string, actor: Actor): Promise<{ id: number; url: string }> {
  const who = actingAs(actor, ACCOUNT_ROLES);
  const id = /^\d+$/.test(idOrUrl.trim()) ? Number(idOrUrl) : null;
  const feed = id !== null && id > MAX_INT_ID ? null : await prisma().liveFeed.findFirst({ where: id !== null ? { id } : { url: idOrUrl.trim() }, select: { id: true, url: true } });
  if (!feed) throw new AppError("NOT_FOUND", `no live feed ${idOrUrl}`);
  await prisma().liveFeed.deleteMany({ where: { id: feed.id } });
  await recordAuditEvent({ action: "live-feed-removed", ...who, subject: `feed:${feed.id}`, details: { url: feed.url } });
  return feed;
}
