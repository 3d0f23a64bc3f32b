import "server-only";
import { AppError } from "../app-error";
import { getCurrentUser, type CurrentUser, type Role } from "./current-user";
import { userFromBearer } from "./user-from-bearer";

/** Who may upload: researchers, and the analysts and admins above them. */
export const UPLOAD_ROLES: readonly Role[] = ["RESEARCHER", "ANALYST", "ADMIN"];
/** Who reviews, publishes and sees unpublished findings, notes and every import: analysts only. */
export const REVIEW_ROLES: readonly Role[] = ["ANALYST"];
/** Who manages accounts: admins only (analysts do not). */
export const ACCOUNT_ROLES: readonly Role[] = ["ADMIN"];

/**
 * The data-access layer's own check, for functions that are handed the acting user (server
 * actions, the CLI, the demo loader): the same rule, whoever calls.
 */
export function assertRole(actor: CurrentUser, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", "your role does not allow this");
}

/**
 * The guard every non-public data-access function and route calls: 401 without a session,
 * 403 with the wrong role. Checked here, in the server layer, not only by hiding links.
 */
export async function requireRole(roles: readonly Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in first");
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "your role does not allow this");
  return user;
}

/**
 * The guard for the upload endpoints, which scripts call with an API token: a valid bearer token
 * (scope "upload") or a signed-in session with an upload role. Returns how the caller was
 * authenticated, because a cross-site check only makes sense for cookies.
 */
export async function requireUploader(request: Request): Promise<{ user: CurrentUser; via: "token" | "session" }> {
  const fromToken = await userFromBearer(request, "upload");
  if (fromToken === "invalid") throw new AppError("UNAUTHENTICATED", "invalid or revoked API token");
  if (fromToken) {
    if (!UPLOAD_ROLES.includes(fromToken.role)) throw new AppError("FORBIDDEN", "this account may not upload");
    return { user: fromToken, via: "token" };
  }
  return { user: await requireRole(UPLOAD_ROLES), via: "session" };
}
