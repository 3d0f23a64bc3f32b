"use client";

/**
 * An unexpected error on a page: a plain sentence and a retry, never the error's text (which
 * could carry SQL or a stack trace); the server log has the details, the digest links the two.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p role="alert">
        This page could not be shown. Nothing you entered was lost. Try again; if it keeps failing, tell an administrator
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </>
  );
}
