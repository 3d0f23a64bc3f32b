import Link from "next/link";

/** The 403 page: signed in, but this role may not open the page. */
export default function Forbidden() {
  return (
    <>
      <h1>Not for your role</h1>
      <p role="alert" data-testid="forbidden">
        Your account&apos;s role does not allow this page. Researchers upload; analysts review and publish; admins manage accounts.
      </p>
      <p>
        <Link href="/">Back to the overview</Link>
      </p>
    </>
  );
}
