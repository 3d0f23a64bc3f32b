import Link from "next/link";
import { signOutAction } from "../login/actions";
import { getCurrentUser } from "@/lib/server/auth/current-user";

/** The navigation: public links for everyone, the rest for the roles that may use them. */
export async function SiteNav() {
  const user = await getCurrentUser();
  return (
    <nav aria-label="Main">
      <Link href="/">Overview</Link>
      {user ? <Link href="/imports">Imports</Link> : null}
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
