import "server-only";

/** The whole answer to a refused cross-site action: no page, no framework error. */
export const CROSS_SITE_ACTION_MESSAGE = "Cross-site request refused: this action can only be sent from darkflight's own pages.\n";

/**
 * A server action sent from another site (a forged form, or another site's script), which
 * Next.js's own origin check refuses deep inside the framework with its 500 page. Same rule as
 * that check (app-render/action-handler.js): the Origin's host must equal the first
 * X-Forwarded-Host, or else the Host; a request without Origin (not a browser's) goes on to it.
 * If `experimental.serverActions.allowedOrigins` is ever set, this rule must learn it too.
 */
export function isCrossSiteAction(request: Request): boolean {
  if (request.method !== "POST") return false;
  const contentType = request.headers.get("content-type") ?? "";
  // Next.js runs an action for a Next-Action header (fetch) or any multipart body (a form).
  if (!request.headers.has("next-action") && !contentType.startsWith("multipart/form-data")) return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwardedHost || request.headers.get("host");
  return host === null || originHost(origin) !== host;
}

/** An opaque origin ("null", a sandboxed frame) or an unreadable one has no host. */
function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The 403 for a cross-site action: short and plain, like the route handlers' refusals. */
export function crossSiteActionResponse(): Response {
  return new Response(CROSS_SITE_ACTION_MESSAGE, { status: 403, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
