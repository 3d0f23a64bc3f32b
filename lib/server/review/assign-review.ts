import "server-only";
import type { SeenReview, SeenReviewNow } from "../../core/review/seen-review";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import type { FlightRef } from "../flights/load-flight-records";
import { flightSubject, nextVersion, reviewKey, seenAfterChange, withReview } from "./with-review";

/**
 * Assign a finding to an analyst (an active analyst account), or unassign it with null. `seen`:
 * what the analyst's page showed; refused if a colleague has changed the finding since. Resolves
 * with what the page now shows (unchanged when the finding already had that assignee).
 */
export async function assignReview(actor: CurrentUser, ref: FlightRef, assigneeId: number | null, seen?: SeenReview): Promise<SeenReviewNow> {
  return withReview(
    actor,
    ref,
    async (tx, state) => {
      let assigneeEmail: string | null = null;
      if (assigneeId !== null) {
        const assignee = await tx.user.findFirst({ where: { id: assigneeId, role: "ANALYST", disabled: false }, select: { email: true } });
        if (!assignee) throw new AppError("BAD_REQUEST", "findings can only be assigned to an active analyst");
        assigneeEmail = assignee.email;
      }
      if (state.assigneeId === assigneeId) return { status: state.status, version: state.version };
      await tx.review.update({ where: { icao24_flightId: reviewKey(ref) }, data: { assigneeId, version: nextVersion }, select: { id: true } });
      await recordAuditEvent(
        { action: "review-assigned", actorId: actor.id, actorEmail: actor.email, subject: flightSubject(ref), details: { assignee: assigneeEmail } },
        tx,
      );
      return seenAfterChange(state.status, state);
    },
    seen,
  );
}
