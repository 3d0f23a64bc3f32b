import "server-only";
import { AppError } from "../app-error";
import { prisma } from "../db/prisma";

/** Remove a feed by id or URL; the worker stops it within seconds. NOT_FOUND when there is none. */
export async function removeLiveFeed(idOrUrl: string): Promise<{ id: number; url: string }> {
  const id = /^\d+$/.test(idOrUrl.trim()) ? Number(idOrUrl) : null;
  const feed = await prisma().liveFeed.findFirst({ where: id !== null ? { id } : { url: idOrUrl.trim() }, select: { id: true, url: true } });
  if (!feed) throw new AppError("NOT_FOUND", `no live feed ${idOrUrl}`);
  await prisma().liveFeed.deleteMany({ where: { id: feed.id } });
  return feed;
}
