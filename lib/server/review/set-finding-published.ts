import "server-only";
import { refusePublication } from "../../core/review/review-transitions";
import type { SeenReview, SeenReviewNow } from "../../core/review/seen-review";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import type { FlightRef } from "../flights/load-flight-records";
import { bumpPublicationVersion } from "../public/bump-publication-version";
import { changingPublication } from "../public/publication-changes-here";
import { flightSubject, nextVersion, reviewKey, seenAfterChange, withReview } from "./with-review";

/**
 * Publish a confirmed finding to the public pages, or take it back (raising the publication
 * version). `seen`: what the analyst's page showed; refused if a colleague has changed the
 * finding since (a confirmation reopened and made again by someone else is not the one the
 * page's analyst read). Resolves with what the page now shows (its next change's `seen`).
 */
export async function setFindingPublished(actor: CurrentUser, ref: FlightRef, publish: boolean, seen?: SeenReview): Promise<SeenReviewNow> {
  // Counted here too: this process's readers stop vouching for the version they read before it.
  return changingPublication(() =>
    withReview(
      actor,
      ref,
      async (tx, state) => {
        const refusal = refusePublication(state.status, state.published, publish);
        if (refusal) throw new AppError("CONFLICT", refusal);
        await tx.review.update({
          where: { icao24_flightId: reviewKey(ref) },
          data: { published: publish, publishedAt: publish ? new Date() : null, version: nextVersion },
          select: { id: true },
        });
        await recordAuditEvent({ action: publish ? "published" : "unpublished", actorId: actor.id, actorEmail: actor.email, subject: flightSubject(ref) }, tx);
        // In the same transaction: every web server's public cache sees the change when it commits.
        await bumpPublicationVersion(tx);
        return seenAfterChange(state.status, state);
      },
      seen,
    ),
  );
}
