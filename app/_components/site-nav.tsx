import Link from "next/link";
import { signOutAction } from "../login/actions";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { ACCOUNT_ROLES, REVIEW_ROLES, UPLOAD_ROLES } from "@/lib/server/auth/require-role";

/**
 * The navigation: public links for everyone, the rest for the roles that may use them. Hiding
 * a link is a courtesy; every page and action checks the role itself.
 */
export async function SiteNav() {
  const user = await getCurrentUser();
  return (
    <nav aria-label="Main">
      <Link href="/">Overview</Link>
      <Link href="/methodology">Methodology</Link>
      {user && REVIEW_ROLES.includes(user.role) ? <Link href="/review">Review queue</Link> : null}
      {user && REVIEW_ROLES.includes(user.role) ? <Link href="/alerts">Alerts</Link> : null}
      {user && UPLOAD_ROLES.includes(user.role) ? <Link href="/imports">Imports</Link> : null}
      {user && UPLOAD_ROLES.includes(user.role) ? <Link href="/account/tokens">API tokens</Link> : null}
      {user && ACCOUNT_ROLES.includes(user.role) ? <Link href="/admin/users">Accounts</Link> : null}
      {user && ACCOUNT_ROLES.includes(user.role) ? <Link href="/admin/feeds">Feeds</Link> : null}
      {user ? (
        <form action={signOutAction} className="inline-form">
          <span className="who">
            {user.email} ({user.role.toLowerCase()})
          </span>{" "}
          <button type="submit" className="link-button">
            Sign out
          </button>
        </form>
      ) : (
        <Link href="/login">Sign in</Link>
      )}
    </nav>
  );
}
