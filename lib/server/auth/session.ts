import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { serverEnv } from "../env";

/** The session cookie's name; a request without it is a reader's (public-html-cache.ts). */
export const SESSION_COOKIE_NAME = "darkflight_session";

export interface SessionData {
  userId?: number;
  /** When the session was issued: a login rotates it. */
  issuedAtMs?: number;
}

function sessionOptions(): SessionOptions {
  const env = serverEnv();
  if (!env.SESSION_SECRET) throw new Error("SESSION_SECRET is not set: start the app with `npm start` or set it (≥ 32 characters)");
  return {
    password: env.SESSION_SECRET,
    cookieName: SESSION_COOKIE_NAME,
    // HttpOnly and SameSite=Lax always; Secure when the app is served over HTTPS.
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: env.PUBLIC_URL?.startsWith("https://") ?? false, path: "/" },
    ttl: 12 * 3600,
  };
}

/** The sealed session cookie (iron-session): read it, change it, `save()` or `destroy()` it. */
export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
