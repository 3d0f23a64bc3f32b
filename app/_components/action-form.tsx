"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";

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
  // The controls are disabled while the action runs, which drops the keyboard's focus: it goes to
  // the answer, where a keyboard or screen reader user reads what happened.
  const answer = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.error || state.message) answer.current?.focus();
  }, [state]);
  return (
    <form action={formAction} className={className} data-testid={testId} aria-label={label} aria-busy={pending}>
      <fieldset disabled={pending} className="bare">
        {children}
      </fieldset>
      {state.error ? (
        <p role="alert" className="error" tabIndex={-1} ref={answer}>
          {state.error}
        </p>
      ) : null}
      {state.message ? (
        <p role="status" className="ok" tabIndex={-1} ref={answer}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
