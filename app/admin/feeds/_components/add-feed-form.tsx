"use client";

import { useActionState } from "react";
import { addFeedAction, type AddFeedState } from "../actions";

export function AddFeedForm() {
  const [state, action, pending] = useActionState<AddFeedState, FormData>(addFeedAction, null);
  const typed = state && "error" in state ? state : null;
  return (
    <form action={action} className="form" aria-describedby={state && "error" in state ? "add-feed-error" : undefined}>
      <label>
        Source URL
        <input name="url" type="text" autoComplete="off" required maxLength={2000} defaultValue={typed?.url} placeholder="sbs1://192.168.1.20:30003" spellCheck={false} />
      </label>
      <label>
        Name (optional)
        <input name="name" type="text" autoComplete="off" maxLength={100} defaultValue={typed?.name} placeholder="roof receiver" />
      </label>
      {state && "error" in state ? (
        <p id="add-feed-error" role="alert" className="error">
          {state.error}
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
