import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import type { FlightRef } from "../flights/load-flight-records";
import { flightSubject, withReview } from "./with-review";

export const NOTE_MAX_CHARS = 10_000;

/** An analyst's note on a finding. Stored as typed; every page renders it as text. */
export async function addReviewNote(actor: CurrentUser, ref: FlightRef, body: string): Promise<string> {
  const text = body.trim();
  if (!text) throw new AppError("BAD_REQUEST", "the note is empty");
  if (text.length > NOTE_MAX_CHARS) throw new AppError("BAD_REQUEST", `a note is at most ${NOTE_MAX_CHARS.toLocaleString("en-US")} characters`);
  return withReview(actor, ref, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO notes (icao24, flight_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id::text`,
      [ref.icao24, ref.id, actor.id, text],
    );
    // The audit trail says a note was added and by whom; the text stays in the notes table.
    await recordAuditEvent(
      { action: "note-added", actorId: actor.id, actorEmail: actor.email, subject: flightSubject(ref), details: { noteId: rows[0]!.id, chars: text.length } },
      client,
    );
    return rows[0]!.id;
  });
}
