import "server-only";
import { getIronSession, unsealData, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { serverEnv } from "../env";

/** The session cookie's name; a request without it is a reader's (pages/page-html-cache.ts). */
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

/**
 * Sessions already unsealed, by their sealed text: each unseal derives keys (PBKDF2 through
 * WebCrypto), about half of a kept page's CPU (npm run bench:web). Kept a minute at most and
 * never past the seal's own expiry; what the account may do is checked against the database on
 * every request anyway.
 */
const unsealed = new Map<string, { data: SessionData; untilMs: number }>();
const UNSEALED_MAX = 1024;
const UNSEALED_KEPT_MS = 60_000;

/** A session cookie's value read outside a page (the proxy): its data, or empty when forged or expired. */
export async function unsealSession(seal: string, nowMs = Date.now()): Promise<SessionData> {
  const known = unsealed.get(seal);
  if (known && known.untilMs > nowMs) return known.data;
  const { password, ttl } = sessionOptions();
  const data = await unsealData<SessionData>(seal, { password, ttl }).catch((): SessionData => ({}));
  // Iron's sixth field: when the seal expires, in ms (empty: never).
  const expiresMs = Number(seal.split("~")[0]!.split("*")[5] || Infinity);
  if (data.userId !== undefined && !Number.isNaN(expiresMs)) {
    if (unsealed.size >= UNSEALED_MAX) unsealed.delete(unsealed.keys().next().value!);
    unsealed.set(seal, { data, untilMs: Math.min(nowMs + UNSEALED_KEPT_MS, expiresMs) });
  }
  return data;
}

/** Whether a session still speaks for its account: not disabled, and issued after its sessions were last ended. */
export function sessionHolds(session: SessionData, user: { disabled: boolean; sessionsValidAfter: Date | null }): boolean {
  if (user.disabled) return false;
  return user.sessionsValidAfter === null || (session.issuedAtMs ?? 0) > user.sessionsValidAfter.getTime();
}

/**
 * Every session cookie in a Cookie header, decoded (split as Next.js's cookie store splits it).
 * More than one is ambiguous: the proxy then leaves the request to the page.
 */
export function sessionCookieValues(cookieHeader: string): string[] {
  const values: string[] = [];
  for (const part of cookieHeader.split(/; */)) {
    const at = part.indexOf("=");
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE_NAME) continue;
    const value = part.slice(at + 1);
    try {
      values.push(decodeURIComponent(value));
    } catch {
      values.push(value);
    }
  }
  return values;
}

/** The Cookie header that carries this session and nothing else. */
export function sessionCookieHeader(seal: string): string {
  return `${SESSION_COOKIE_NAME}=${encodeURIComponent(seal)}`;
}
