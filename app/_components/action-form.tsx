"use client";

import { createContext, useActionState, useContext, useId, useRef, type ReactNode } from "react";
import type { FieldErrors } from "@/lib/core/forms/form-errors";
import type { SeenReviewNow } from "@/lib/core/review/seen-review";
import { useActionGroup } from "./action-group";
import { FieldError, refusedFieldProps, useFocusAfterAnswer } from "./field-error";

/** A server action's answer (lib/server/actions/action-state.ts). */
export interface FormState {
  error: string | null;
  message: string | null;
  fieldErrors?: FieldErrors;
  values?: Readonly<Record<string, string>>;
  /** What a changed finding's page now shows (status and version), for its next change to send. */
  review?: SeenReviewNow;
}

const Answer = createContext<{ formId: string; state: FormState } | null>(null);

/**
 * A form posting to a server action, showing its answer (a confirmation, each refused field's
 * message beside it through ActionField, or an error for the whole form) and disabling its
 * controls while the action runs (and while another form of its ActionGroup runs).
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
  const formId = useId();
  const form = useRef<HTMLFormElement>(null);
  const answer = useRef<HTMLParagraphElement>(null);
  const group = useActionGroup(pending, state);
  useFocusAfterAnswer(state, form, answer);
  return (
    <form ref={form} action={formAction} onSubmit={group.onSubmit} className={className} data-testid={testId} aria-label={label} aria-busy={pending}>
      <Answer value={{ formId, state }}>
        <fieldset disabled={pending || group.busy} className="bare">
          {children}
        </fieldset>
      </Answer>
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

type FieldProps = { name: string; label: string; required?: boolean; maxLength?: number; autoComplete?: string } & (
  | { as: "textarea"; rows?: number }
  | { as: "input"; type?: "text" | "email" | "url" }
);

/**
 * A labelled text field of an ActionForm: after a refusal it shows again what was typed (React
 * resets a form to its defaults after the action), and its own message, tied to it.
 */
export function ActionField(props: FieldProps) {
  const context = useContext(Answer);
  if (!context) throw new Error("ActionField is used inside an ActionForm");
  const { formId, state } = context;
  const typed = state.values?.[props.name];
  // Keyed on what was typed: a remount takes the new default.
  const key = typed ?? "";
  const control = {
    name: props.name,
    required: props.required,
    maxLength: props.maxLength,
    autoComplete: props.autoComplete,
    defaultValue: typed,
    ...refusedFieldProps(formId, props.name, state.fieldErrors),
  };
  return (
    <>
      <label>
        {props.label}
        {props.as === "textarea" ? <textarea key={key} rows={props.rows} {...control} /> : <input key={key} type={props.type ?? "text"} {...control} />}
      </label>
      <FieldError formId={formId} field={props.name} fieldErrors={state.fieldErrors} />
    </>
  );
}
