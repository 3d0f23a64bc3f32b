import { NextResponse, type NextRequest } from "next/server";
import { serveKeptPage } from "@/lib/server/pages/page-html-cache";

/**
 * Pages come whole from the cache (lib/server/pages/page-html-cache.ts): readers' per publication
 * version, a signed-in user's while nothing is written. While the database is down a reader gets
 * the page kept last if it is still current; otherwise the page renders as usual and says so in
 * its own words.
 */
export async function proxy(request: NextRequest) {
  const kept = await serveKeptPage(request).catch(() => null);
  return kept ?? NextResponse.next();
}

export const config = { matcher: ["/", "/methodology", "/review", "/flights/:key"] };
