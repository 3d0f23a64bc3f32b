import { NextResponse, type NextRequest } from "next/server";
import { serveKeptPage } from "@/lib/server/pages/page-html-cache";

/**
 * Pages come whole from the cache (lib/server/pages/page-html-cache.ts): readers' per publication
 * version, a signed-in user's while nothing is written. If that fails (the database is down),
 * the page renders as usual and says so in its own words.
 */
export async function proxy(request: NextRequest) {
  const kept = await serveKeptPage(request).catch(() => null);
  return kept ?? NextResponse.next();
}

export const config = { matcher: ["/", "/methodology", "/review", "/flights/:key"] };
