import "server-only";
import type { ReviewStatus } from "../../core/flight-record";
import { refuseTransition } from "../../core/review/review-transitions";
import type { SeenReview, SeenReviewNow } from "../../core/review/seen-review";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import type { FlightRef } from "../flights/load-flight-records";
import { flightSubject, nextVersion, reviewKey, seenAfterChange, withReview } from "./with-review";

/**
 * Move a finding along the workflow (see review-transitions). Taking a NEW finding into review
 * assigns it to the analyst who did, unless someone already has it. `seen`: the status and review
 * version the analyst's page showed; if another analyst has changed the finding since (even away
 * and back), the change is refused (a page left open must not undo a colleague's confirmation or
 * dismiss their case under them). Resolves with what the page now shows (its next change's `seen`).
 */
export async function changeReviewStatus(actor: CurrentUser, ref: FlightRef, to: ReviewStatus, seen?: SeenReview): Promise<SeenReviewNow> {
  return withReview(
    actor,
    ref,
    async (tx, state) => {
      const refusal = refuseTransition(state.status, to, state.published);
      if (refusal) throw new AppError("CONFLICT", refusal);
      const assignee = to === "IN_REVIEW" && state.assigneeId === null ? actor.id : state.assigneeId;
      await tx.review.update({ where: { icao24_flightId: reviewKey(ref) }, data: { status: to, assigneeId: assignee, version: nextVersion }, select: { id: true } });
      await recordAuditEvent(
        { action: "review-status", actorId: actor.id, actorEmail: actor.email, subject: flightSubject(ref), details: { from: state.status, to } },
        tx,
      );
      return seenAfterChange(to, state);
    },
    seen,
  );
}

/** The bulk form of {@link changeReviewStatus}: each finding on its own, the refusals reported, not thrown. */
export async function changeReviewStatuses(
  actor: CurrentUser,
  findings: { ref: FlightRef; seen?: SeenReview }[],
  to: ReviewStatus,
): Promise<{ changed: number; refused: { ref: FlightRef; reason: string }[] }> {
  let changed = 0;
  const refused: { ref: FlightRef; reason: string }[] = [];
  for (const { ref, seen } of findings) {
    try {
      await changeReviewStatus(actor, ref, to, seen);
      changed += 1;
    } catch (error) {
      if (error instanceof AppError && error.code !== "FORBIDDEN" && error.code !== "UNAUTHENTICATED") refused.push({ ref, reason: error.message });
      else throw error;
    }
  }
  return { changed, refused };
}
