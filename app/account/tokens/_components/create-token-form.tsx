"use client";

import { useActionState, useRef, useState } from "react";
import { FieldError, refusedFieldProps, useFocusAfterAnswer } from "../../../_components/field-error";
import { createTokenAction, type CreateTokenState } from "../actions";

const FORM_ID = "create-token";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, null);
  const refused = state && "error" in state ? state : null;
  const typed = refused?.values;
  const form = useRef<HTMLFormElement>(null);
  const formError = useRef<HTMLParagraphElement>(null);
  useFocusAfterAnswer(state, form, formError);
  return (
    <>
      <form ref={form} action={action} className="form" aria-describedby={refused?.error ? "create-token-error" : undefined}>
        <label>
          Name
          {/* Keyed on what was typed: React resets a form to its defaults after the action. */}
          <input name="name" key={typed?.name} type="text" autoComplete="off" required maxLength={100} defaultValue={typed?.name} placeholder="e.g. receiver upload script" {...refusedFieldProps(FORM_ID, "name", refused?.fieldErrors)} />
        </label>
        <FieldError formId={FORM_ID} field="name" fieldErrors={refused?.fieldErrors} />
        {refused?.error ? (
          <p id="create-token-error" role="alert" className="error" tabIndex={-1} ref={formError}>
            {refused.error}
          </p>
        ) : null}
        <button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      {state && "ok" in state ? <NewToken key={state.id} name={state.name} token={state.token} /> : null}
    </>
  );
}

function NewToken({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div role="status" data-testid="new-token">
      <p>
        Token <strong>{name}</strong> created:
      </p>
      <p>
        <code data-testid="new-token-value" style={{ userSelect: "all", wordBreak: "break-all" }}>
          {token}
        </code>{" "}
        <button type="button" onClick={copy}>
          Copy
        </button>{" "}
        {copied === "yes" ? <span className="hint">copied</span> : null}
        {copied === "failed" ? <span className="hint">select it and copy it by hand</span> : null}
      </p>
      <p className="hint">Store it now: it will not be shown again (only its hash is kept). Lost? Revoke it and create another.</p>
    </div>
  );
}
