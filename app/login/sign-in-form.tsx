"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: null });
  // The refusal is tied to the fields it is about.
  const refusedProps = state.error ? { "aria-invalid": true, "aria-describedby": "sign-in-error" } : {};
  return (
    <form action={action} className="panel form">
      <input type="hidden" name="next" value={next} />
      <label>
        Email
        {/* Keyed on what was typed: after a refusal the form resets to it, not to empty. */}
        <input key={state.email} name="email" type="email" autoComplete="username" required defaultValue={state.email} {...refusedProps} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required {...refusedProps} />
      </label>
      {state.error ? (
        <p id="sign-in-error" role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
