import "server-only";
import { AppError } from "../app-error";
import { serverEnv } from "../env";

/**
 * CSRF protection for route handlers that change data: the request must come from a page of
 * this app (Origin equals the Host it was sent to, or PUBLIC_URL). Server actions get the
 * same check from Next.js itself.
 */
export function checkOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const allowed = new Set<string>();
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  const publicUrl = serverEnv().PUBLIC_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  if (!origin || !allowed.has(origin)) throw new AppError("FORBIDDEN", "cross-site request refused");
}
