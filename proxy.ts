import { NextResponse, type NextRequest } from "next/server";
import { servePublicPage } from "@/lib/server/public/public-html-cache";

/**
 * Readers' pages come whole from the cache kept per publication version (public-html-cache.ts).
 * If that fails (the database is down), the page renders as usual and says so in its own words.
 */
export async function proxy(request: NextRequest) {
  const kept = await servePublicPage(request).catch(() => null);
  return kept ?? NextResponse.next();
}

export const config = { matcher: ["/", "/methodology", "/flights/:key"] };
