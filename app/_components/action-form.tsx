"use client";

import { useActionState, type ReactNode } from "react";

export interface FormState {
  error: string | null;
  message: string | null;
}

/**
 * A form posting to a server action, showing its answer (an error or a confirmation) and
 * disabling its controls while the action runs.
 */
export function ActionForm({
  action,
  children,
  className,
  testId,
  label,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  children: ReactNode;
  className?: string;
  testId?: string;
  label?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { error: null, message: null });
  return (
    <form action={formAction} className={className} data-testid={testId} aria-label={label} aria-busy={pending}>
      <fieldset disabled={pending} className="bare">
        {children}
      </fieldset>
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      {state.message ? (
        <p role="status" className="ok">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
