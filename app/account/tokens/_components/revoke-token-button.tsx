"use client";

import { useActionState } from "react";
import { revokeTokenAction, type RevokeTokenState } from "../actions";

/** One token's "Revoke" button; the table re-renders from the server once it is done. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  const [state, action, pending] = useActionState<RevokeTokenState, FormData>(revokeTokenAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} aria-label={`Revoke token ${name}`}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state && "error" in state ? (
        <span role="alert" className="error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
