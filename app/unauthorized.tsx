import Link from "next/link";

/** The 401 page: this needs a signed-in account. */
export default function Unauthorized() {
  return (
    <>
      <h1>Sign in first</h1>
      <p role="alert">
        This needs a signed-in account. <Link href="/login">Sign in</Link>
      </p>
    </>
  );
}
