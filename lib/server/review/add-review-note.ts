import "server-only";
import { invalidField } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import type { FlightRef } from "../flights/load-flight-records";
import { flightSubject, reviewKey, withReview } from "./with-review";
import { isFreeText } from "../../core/format/user-input";

export const NOTE_MAX_CHARS = 10_000;

/** An analyst's note on a finding. Stored as typed; every page renders it as text. */
export async function addReviewNote(actor: CurrentUser, ref: FlightRef, body: string): Promise<string> {
  const text = body.trim();
  // Each refusal names the note's field (`body`), so the form shows it there.
  if (!text) throw invalidField("body", "the note is empty");
  if (!isFreeText(text)) throw invalidField("body", "a note has no control characters other than line breaks and tabs, and no text-direction overrides");
  if (text.length > NOTE_MAX_CHARS) throw invalidField("body", `a note is at most ${NOTE_MAX_CHARS.toLocaleString("en-US")} characters`);
  return withReview(actor, ref, async (tx) => {
    const note = await tx.note.create({ data: { ...reviewKey(ref), authorId: actor.id, body: text }, select: { id: true } });
    const noteId = note.id.toString();
    // The audit trail says a note was added and by whom; the text stays in the notes table.
    await recordAuditEvent(
      { action: "note-added", actorId: actor.id, actorEmail: actor.email, subject: flightSubject(ref), details: { noteId, chars: text.length } },
      tx,
    );
    return noteId;
  });
}
