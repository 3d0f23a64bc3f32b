import { formatUtc } from "@/lib/core/format/format-utc";
import { allowedNextStatuses, statusLabel } from "@/lib/core/review/review-transitions";
import type { FlightView } from "@/lib/server/flights/get-flight-view";
import { ActionField, ActionForm } from "../../_components/action-form";
import { ActionGroup } from "../../_components/action-group";
import { SeenReviewInputs } from "./seen-review-inputs";
import { addNoteAction, assignAction, changeStatusAction, publishAction } from "./actions";

const ACTION_WORDS: Record<string, string> = {
  "review-status": "changed the status",
  "review-assigned": "assigned",
  "note-added": "added a note",
  published: "published the finding",
  unpublished: "unpublished the finding",
};

const BUTTON_WORDS = { NEW: "Back to new", IN_REVIEW: "Take into review", CONFIRMED: "Confirm", DISMISSED: "Dismiss" } as const;

/** The analysts' part of the flight page: workflow, assignee, publication, notes, audit trail. */
export function ReviewPanel({ view }: { view: FlightView }) {
  const key = view.flight.key;
  const status = view.review?.status ?? "NEW";
  const published = view.review?.published ?? false;
  const next = allowedNextStatuses(status, published);
  // Every change carries what this page showed: refused if a colleague changed the finding since.
  const hidden = (
    <>
      <input type="hidden" name="flight" value={key} />
      <SeenReviewInputs status={status} version={view.reviewVersion} />
    </>
  );
  return (
    <section className="panel review-panel" aria-labelledby="review-title" data-testid="review-panel">
      <h2 id="review-title">Review</h2>
      <p>
        Status: <strong data-testid="review-status">{statusLabel(status)}</strong>
        {published ? (
          <>
            {" "}
            · <span className="status status-published" data-testid="published-badge">published</span>
          </>
        ) : (
          <> · not published</>
        )}
        {view.review?.assigneeEmail ? <> · assigned to {view.review.assigneeEmail}</> : null}
      </p>
      {view.flight.flags.length === 0 ? (
        <p className="hint">This flight has no flags: there is nothing to review.</p>
      ) : (
        // Keyed on the flight: what one finding's changes left never reaches another's forms.
        <ActionGroup key={key}>
          <div className="review-actions">
            {/* One form whose buttons each send their status: it outlives the change, so its answer shows. */}
            <ActionForm action={changeStatusAction} className="inline-action" label="Change the status">
              {hidden}
              {next.map((to) => (
                <button key={to} type="submit" name="status" value={to}>
                  {BUTTON_WORDS[to]}
                </button>
              ))}
            </ActionForm>
            {status === "CONFIRMED" ? (
              <ActionForm action={publishAction} className="inline-action">
                {hidden}
                <input type="hidden" name="publish" value={published ? "false" : "true"} />
                <button type="submit" className={published ? "secondary" : undefined}>
                  {published ? "Unpublish" : "Publish"}
                </button>
              </ActionForm>
            ) : null}
            {published ? <p className="hint">Unpublish before changing the status: readers must never see a finding nobody stands behind.</p> : null}
            <ActionForm action={assignAction} className="inline-action" label="Assign">
              {hidden}
              <label>
                Assignee{" "}
                {/* Keyed on the assignee: a select keeps the default it was mounted with, and the form resets to it. */}
                <select name="assignee" key={view.review?.assigneeEmail ?? "nobody"} defaultValue={String(view.analysts.find((a) => a.email === view.review?.assigneeEmail)?.id ?? "")}>
                  <option value="">nobody</option>
                  {view.analysts.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.email}
                    </option>
                  ))}
                </select>
              </label>{" "}
              <button type="submit" className="secondary">
                Assign
              </button>
            </ActionForm>
          </div>
        </ActionGroup>
      )}

      <h3>Notes</h3>
      {view.notes.length === 0 ? (
        <p className="empty">No notes yet.</p>
      ) : (
        <ol className="notes" data-testid="notes">
          {view.notes.map((n) => (
            <li key={n.id} data-testid="note">
              <p className="note-meta">
                {n.authorEmail ?? "deleted account"} · {formatUtc(n.createdAtMs)}
              </p>
              <p className="note-body">{n.body}</p>
            </li>
          ))}
        </ol>
      )}
      {view.flight.flags.length > 0 ? (
        <ActionForm action={addNoteAction} className="form" label="Add a note">
          {hidden}
          <ActionField as="textarea" name="body" label="Add a note" rows={3} maxLength={10_000} required />
          <button type="submit">Add note</button>
        </ActionForm>
      ) : null}

      <h3>Audit trail</h3>
      {view.audit.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <ol className="audit" data-testid="audit-trail">
          {view.audit.map((a, i) => (
            <li key={i}>
              {formatUtc(a.atMs)} · {a.actorEmail ?? "system"} {ACTION_WORDS[a.action] ?? a.action}
              {a.action === "review-status" && a.details ? ` from ${statusLabel(String(a.details.from))} to ${statusLabel(String(a.details.to))}` : ""}
              {a.action === "review-assigned" && a.details ? ` to ${(a.details.assignee as string | null) ?? "nobody"}` : ""}
              {typeof a.details?.reason === "string" ? `: ${a.details.reason}` : ""}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
