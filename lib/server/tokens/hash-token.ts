import "server-only";
import crypto from "node:crypto";

/**
 * Tokens are 32 random bytes: a plain SHA-256 is the right way to store them (no salt or slow
 * hash needed for secrets that cannot be guessed); lookups stay a simple index match.
 */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return `df_${crypto.randomBytes(32).toString("base64url")}`;
}
