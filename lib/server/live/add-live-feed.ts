import "server-only";
import { invalidField } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { actingAs, type Actor } from "../auth/acting-user";
import { ACCOUNT_ROLES } from "../auth/require-role";
import { prisma } from "../db/prisma";
import { parseLiveSourceUrl } from "./live-source-url";
import { listLiveFeeds, type LiveFeedSummary } from "./list-live-feeds";

/**
 * Configure a live source for the worker (`npm start` runs it within seconds). The URL is checked
 * and normalised (`sbs1://HOST:PORT`, `aircraft-json+http://…`); the same URL twice is refused.
 * Admins (or the CLI) only; written to the audit log.
 */
export async function addLiveFeed(input: { url: string; name?: string | null }, actor: Actor): Promise<LiveFeedSummary> {
  const who = actingAs(actor, ACCOUNT_ROLES);
  let address;
  try {
    address = parseLiveSourceUrl(input.url);
  } catch (error) {
    throw invalidField("url", (error as Error).message);
  }
  const existing = await prisma().liveFeed.findUnique({ where: { url: address.url }, select: { id: true } });
  if (existing) throw invalidField("url", `${address.url} is already feed ${existing.id}`, "CONFLICT");
  const feed = await prisma().liveFeed.create({
    data: { url: address.url, kind: address.kind, name: input.name?.trim() || null },
    select: { id: true },
  });
  await recordAuditEvent({ action: "live-feed-added", ...who, subject: `feed:${feed.id}`, details: { url: address.url, kind: address.kind } });
  return (await listLiveFeeds()).find((f) => f.id === feed.id)!;
}
