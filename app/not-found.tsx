import Link from "next/link";

/** 404: also what readers get for a flight that exists but is not published. */
export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p role="alert" data-testid="not-found">
        There is no such page, or no published finding at this address. Findings appear here only after an analyst has reviewed and
        published them.
      </p>
      <p>
        <Link href="/">Back to the overview</Link>
      </p>
    </>
  );
}
