import "server-only";
import { refusePublication } from "../../core/review/review-transitions";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import type { FlightRef } from "../flights/load-flight-records";
import { flightSubject, withReview } from "./with-review";

/** Publish a confirmed finding to the public pages, or take it back. */
export async function setFindingPublished(actor: CurrentUser, ref: FlightRef, publish: boolean): Promise<void> {
  await withReview(actor, ref, async (client, state) => {
    const refusal = refusePublication(state.status, state.published, publish);
    if (refusal) throw new AppError("CONFLICT", refusal);
    await client.query(
      `UPDATE reviews SET published = $3, published_at = CASE WHEN $3 THEN now() ELSE NULL END, updated_at = now()
        WHERE icao24 = $1 AND flight_id = $2`,
      [ref.icao24, ref.id, publish],
    );
    await recordAuditEvent({ action: publish ? "published" : "unpublished", actorId: actor.id, actorEmail: actor.email, subject: flightSubject(ref) }, client);
  });
}
