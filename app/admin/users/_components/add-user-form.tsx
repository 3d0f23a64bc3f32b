"use client";

import { useActionState } from "react";
import { addUserAction, type AddUserState } from "../actions";

export function AddUserForm() {
  const [state, action, pending] = useActionState<AddUserState, FormData>(addUserAction, null);
  return (
    <>
      <form action={action} className="form" aria-describedby={state && "error" in state ? "add-user-error" : undefined}>
        <label>
          Email
          <input name="email" type="email" autoComplete="off" required maxLength={254} />
        </label>
        <label>
          Role
          <select name="role" defaultValue="RESEARCHER" required>
            <option value="RESEARCHER">researcher (uploads)</option>
            <option value="ANALYST">analyst (reviews and publishes)</option>
            <option value="ADMIN">admin (manages accounts)</option>
          </select>
        </label>
        {state && "error" in state ? (
          <p id="add-user-error" role="alert" className="error">
            {state.error}
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
