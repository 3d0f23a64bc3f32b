import { NextResponse, type NextRequest } from "next/server";
import { crossSiteActionResponse, isCrossSiteAction } from "@/lib/server/auth/refuse-cross-site-action";
import { serveKeptPage } from "@/lib/server/pages/page-html-cache";

/**
 * Pages come whole from the cache (lib/server/pages/page-html-cache.ts): readers' per publication
 * version, a signed-in user's while nothing is written. While the database is down a reader gets
 * the page kept last if it is still current; otherwise the page renders as usual and says so in
 * its own words. A server action posted from another site is refused here with a plain 403,
 * before Next.js's own origin check would answer it with its 500 page.
 */
export async function proxy(request: NextRequest) {
  if (isCrossSiteAction(request)) return crossSiteActionResponse();
  const kept = await serveKeptPage(request).catch(() => null);
  return kept ?? NextResponse.next();
}

// Any page may receive a server action: every non-API address carrying an action's marks (route
// handlers check their own Origin, and token callers send none). Literals: Next.js reads them at build.
export const config = {
  matcher: [
    "/",
    "/methodology",
    "/review",
    "/flights/:key",
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
