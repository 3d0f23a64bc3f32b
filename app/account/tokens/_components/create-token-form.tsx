"use client";

import { useActionState, useState } from "react";
import { createTokenAction, type CreateTokenState } from "../actions";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, null);
  return (
    <>
      <form action={action} className="form" aria-describedby={state && "error" in state ? "create-token-error" : undefined}>
        <label>
          Name
          <input name="name" type="text" autoComplete="off" required maxLength={100} placeholder="e.g. receiver upload script" />
        </label>
        {state && "error" in state ? (
          <p id="create-token-error" role="alert" className="error">
            {state.error}
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
