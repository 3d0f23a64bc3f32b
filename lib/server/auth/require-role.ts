import "server-only";
import { AppError } from "../app-error";
import { getCurrentUser, type CurrentUser, type Role } from "./current-user";

/** Who may upload: researchers, and the analysts and admins above them. */
export const UPLOAD_ROLES: readonly Role[] = ["RESEARCHER", "ANALYST", "ADMIN"];

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
