"use client";

import { useActionState, useRef } from "react";
import { FieldError, refusedFieldProps, useFocusAfterAnswer } from "../../../_components/field-error";
import { addUserAction, type AddUserState } from "../actions";

const FORM_ID = "add-user";

export function AddUserForm() {
  const [state, action, pending] = useActionState<AddUserState, FormData>(addUserAction, null);
  const refused = state && "error" in state ? state : null;
  const typed = refused?.values;
  const form = useRef<HTMLFormElement>(null);
  const formError = useRef<HTMLParagraphElement>(null);
  useFocusAfterAnswer(state, form, formError);
  // Keyed on what was typed: React resets a form to its defaults after the action.
  return (
    <>
      <form ref={form} action={action} className="form" aria-describedby={refused?.error ? "add-user-error" : undefined}>
        <label>
          Email
          <input name="email" key={`email ${typed?.email}`} type="email" autoComplete="off" required maxLength={254} defaultValue={typed?.email} {...refusedFieldProps(FORM_ID, "email", refused?.fieldErrors)} />
        </label>
        <FieldError formId={FORM_ID} field="email" fieldErrors={refused?.fieldErrors} />
        <label>
          Role
          <select name="role" key={`role ${typed?.role}`} defaultValue={typed?.role || "RESEARCHER"} required {...refusedFieldProps(FORM_ID, "role", refused?.fieldErrors)}>
            <option value="RESEARCHER">researcher (uploads)</option>
            <option value="ANALYST">analyst (reviews and publishes)</option>
            <option value="ADMIN">admin (manages accounts)</option>
          </select>
        </label>
        <FieldError formId={FORM_ID} field="role" fieldErrors={refused?.fieldErrors} />
        {refused?.error ? (
          <p id="add-user-error" role="alert" className="error" tabIndex={-1} ref={formError}>
            {refused.error}
          </p>
        ) : null}
        <button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add account"}
        </button>
      </form>
      {state && "ok" in state ? (
        <div role="status" data-testid="new-account">
          <p>
            Created {state.role.toLowerCase()} <strong>{state.email}</strong>. Their password:
          </p>
          <p>
            <code data-testid="new-password" style={{ userSelect: "all", wordBreak: "break-all" }}>
              {state.password}
            </code>
          </p>
          <p className="hint">
            Give it to its owner now: it will not be shown again (only a hash is stored). If it is lost, disable the
            account and add a new one.
          </p>
        </div>
      ) : null}
    </>
  );
}
