"use client";

import { createContext, useCallback, useContext, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { FormState } from "./action-form";

interface GroupState {
  running: ReadonlySet<string>;
  /** The review the group's last answered change left behind (see ActionState.review). */
  review: FormState["review"] | null;
}

const Group = createContext<{ state: GroupState; begin(id: string): void; end(id: string, answer: FormState): void } | null>(null);

/**
 * Forms that carry what their page showed (the review's version): while one of them runs, the
 * others wait, and when it is answered, they carry the review it left (SeenReviewInputs) in the
 * same render that enables them. An analyst's quick second change was otherwise sent with the
 * version from before the first, and refused as a colleague's change.
 */
export function ActionGroup({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GroupState>(() => ({ running: new Set(), review: null }));
  const begin = useCallback((id: string) => setState((now) => ({ ...now, running: new Set(now.running).add(id) })), []);
  const end = useCallback(
    (id: string, answer: FormState) =>
      setState((now) => {
        const running = new Set(now.running);
        running.delete(id);
        return { running, review: answer.review ?? now.review };
      }),
    [],
  );
  const value = useMemo(() => ({ state, begin, end }), [state, begin, end]);
  return <Group value={value}>{children}</Group>;
}

/**
 * An ActionForm's part in its group (none outside one): `busy` while another form of the group
 * runs, and `onSubmit`, which marks this one running at once (in the submit event, before the
 * next click can land), until `pending` falls back and its answer is known.
 */
export function useActionGroup(pending: boolean, answer: FormState): { busy: boolean; onSubmit: () => void } {
  const group = useContext(Group);
  const id = useId();
  // Marked running in the submit event, before React's action is pending: it ends when pending
  // ends, in a layout effect, so the group's answer is rendered before any event is handled (and
  // before the form's own effects, which focus a refused field: the form is not waiting on itself).
  const started = useRef(false);
  useLayoutEffect(() => {
    if (pending) started.current = true;
    else if (started.current) {
      started.current = false;
      group?.end(id, answer);
    }
  }, [group, pending, answer, id]);
  const running = group?.state.running;
  // Another form runs: any but this one.
  const busy = running !== undefined && running.size > (running.has(id) ? 1 : 0);
  return { busy, onSubmit: () => group?.begin(id) };
}

/** The review the group's last answered change left behind, or null (outside a group, or before any change). */
export function useGroupReview(): FormState["review"] | null {
  return useContext(Group)?.state.review ?? null;
}
