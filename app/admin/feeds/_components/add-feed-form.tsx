"use client";

import { useActionState, useRef } from "react";
import { FieldError, refusedFieldProps, useFocusAfterAnswer } from "../../../_components/field-error";
import { addFeedAction, type AddFeedState } from "../actions";

const FORM_ID = "add-feed";

export function AddFeedForm() {
  const [state, action, pending] = useActionState<AddFeedState, FormData>(addFeedAction, null);
  const typed = state && "error" in state ? state : null;
  const form = useRef<HTMLFormElement>(null);
  const formError = useRef<HTMLParagraphElement>(null);
  useFocusAfterAnswer(state, form, formError);
  return (
    <form ref={form} action={action} className="form" aria-describedby={typed?.error ? "add-feed-error" : undefined}>
      <label>
        Source URL
        <input name="url" type="text" autoComplete="off" required maxLength={2000} defaultValue={typed?.url} placeholder="sbs1://192.168.1.20:30003" spellCheck={false} {...refusedFieldProps(FORM_ID, "url", typed?.fieldErrors)} />
      </label>
      <FieldError formId={FORM_ID} field="url" fieldErrors={typed?.fieldErrors} />
      <label>
        Name (optional)
        <input name="name" type="text" autoComplete="off" maxLength={100} defaultValue={typed?.name} placeholder="roof receiver" {...refusedFieldProps(FORM_ID, "name", typed?.fieldErrors)} />
      </label>
      <FieldError formId={FORM_ID} field="name" fieldErrors={typed?.fieldErrors} />
      {typed?.error ? (
        <p id="add-feed-error" role="alert" className="error" tabIndex={-1} ref={formError}>
          {typed.error}
        </p>
      ) : null}
      {state && "ok" in state ? (
        <p role="status" className="ok">
          Added {state.url}. The worker connects to it within seconds.
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add feed"}
      </button>
    </form>
  );
}
