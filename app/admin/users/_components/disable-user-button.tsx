"use client";

import { useActionState } from "react";
import { disableUserAction, type DisableUserState } from "../actions";

/** One account's "Disable" button; the table re-renders from the server once it is done. */
export function DisableUserButton({ userId, email }: { userId: number; email: string }) {
  const [state, action, pending] = useActionState<DisableUserState, FormData>(disableUserAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} aria-label={`Disable ${email}`}>
        {pending ? "Disabling…" : "Disable"}
      </button>
      {state && "error" in state ? (
        <span role="alert" className="error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
