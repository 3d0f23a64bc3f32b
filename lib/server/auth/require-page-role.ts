import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { getCurrentUser, type CurrentUser, type Role } from "./current-user";

export { ACCOUNT_ROLES, REVIEW_ROLES, UPLOAD_ROLES } from "./require-role";

/**
 * The guard at the top of every non-public page: anonymous visitors go to the sign-in page and
 * come back to `path`; a signed-in user with the wrong role gets the 403 page (app/forbidden.tsx).
 */
export async function requirePageRole(roles: readonly Role[], path: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/**
 * The guard at the top of every server action: 401 without a session, 403 with the wrong role,
 * as HTTP statuses (Next's auth interrupts), so a forged POST learns nothing and changes nothing.
 */
export async function requireActionRole(roles: readonly Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) unauthorized();
  if (!roles.includes(user.role)) forbidden();
  return user;
}
