"use client";

import { useActionState } from "react";

type RowActionState = { error: string } | { ok: true } | null;

interface RowActionButtonProps {
  /** Method syntax: any action whose answer is an error, an ok (with details) or nothing. */
  action(state: RowActionState, form: FormData): Promise<RowActionState>;
  field: string;
  value: string | number;
  label: string;
  pendingLabel: string;
  ariaLabel: string;
}

/**
 * One table row's action button (revoke a token, disable an account): posts one hidden field to
 * a server action, shows its error inline; the table re-renders from the server once it is done.
 */
export function RowActionButton({ action, field, value, label, pendingLabel, ariaLabel }: RowActionButtonProps) {
  const [state, formAction, pending] = useActionState<RowActionState, FormData>(action, null);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name={field} value={value} />
      <button type="submit" disabled={pending} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </button>
      {state && "error" in state ? (
        <span role="alert" className="error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
