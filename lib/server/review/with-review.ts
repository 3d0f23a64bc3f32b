import "server-only";
import type { ReviewStatus } from "../../core/flight-record";
import { refuseStaleChange, type SeenReview, type SeenReviewNow } from "../../core/review/seen-review";
import { flightKey } from "../../core/flight-record";
import { AppError } from "../app-error";
import type { CurrentUser } from "../auth/current-user";
import { assertRole, REVIEW_ROLES } from "../auth/require-role";
import { prisma, type Prisma } from "../db/prisma";
import type { FlightRef } from "../flights/load-flight-records";

export interface ReviewState {
  status: ReviewStatus;
  published: boolean;
  assigneeId: number | null;
  /** `reviews.version`: up by one at every change of the row ({@link nextVersion}). */
  version: number;
}

/** The update that goes with every change of a review row: the stamp old pages are checked against. */
export const nextVersion = { increment: 1 } as const;

/**
 * What the page shows after a change that applied {@link nextVersion} to the locked row in
 * `state`. Derived, not read back: a Citus coordinator refuses the enum's cast in RETURNING.
 */
export const seenAfterChange = (status: ReviewStatus, state: ReviewState): SeenReviewNow => ({ status, version: state.version + nextVersion.increment });

/** The audit subject of a flight: its URL key, so the trail is found by one indexed lookup. */
export const flightSubject = (ref: FlightRef) => `flight:${flightKey(ref.icao24, ref.id)}`;

/** A review row's key, in the schema's types. */
export const reviewKey = (ref: FlightRef) => ({ icao24: ref.icao24, flightId: BigInt(ref.id) });

/**
 * Run one review change in a transaction: checks the actor is an analyst (here, in the data
 * layer, whoever calls), that the flight exists and has flags, creates its review row on first
 * touch (status NEW) and locks it, so two analysts' changes to one finding apply one after the
 * other. `seen`: what the analyst's page showed; if the row has changed since (even to the same
 * status and back), the change is refused before it runs. Throws AppError (404 / 403 / 409) with
 * a message an analyst can act on.
 */
export async function withReview<T>(
  actor: CurrentUser,
  ref: FlightRef,
  change: (tx: Prisma.TransactionClient, state: ReviewState) => Promise<T>,
  seen?: SeenReview,
): Promise<T> {
  assertRole(actor, REVIEW_ROLES);
  if (!/^\d{1,18}$/.test(ref.id)) throw new AppError("NOT_FOUND", `no flight ${flightKey(ref.icao24, ref.id)}`);
  const key = reviewKey(ref);
  return prisma().$transaction(
    async (tx) => {
      // flights and flags are the large tables: one raw EXISTS rather than loading rows.
      const [flight] = await tx.$queryRaw<{ flagged: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) AS flagged
          FROM flights f WHERE f.icao24 = ${key.icao24} AND f.id = ${key.flightId}`;
      if (!flight) throw new AppError("NOT_FOUND", `no flight ${flightKey(ref.icao24, ref.id)}`);
      if (!flight.flagged) throw new AppError("CONFLICT", "this flight has no flags to review");
      await tx.review.createMany({ data: [key], skipDuplicates: true });
      // Prisma has no SELECT … FOR UPDATE: the row lock is the one raw statement.
      const [row] = await tx.$queryRaw<{ status: ReviewStatus; published: boolean; assignee_id: number | null; version: number }[]>`
        SELECT status::text AS status, published, assignee_id, version FROM reviews
         WHERE icao24 = ${key.icao24} AND flight_id = ${key.flightId} FOR UPDATE`;
      const state = { status: row!.status, published: row!.published, assigneeId: row!.assignee_id, version: row!.version };
      // Checked under the lock: a colleague's change cannot land between this check and ours.
      const stale = refuseStaleChange(state, seen);
      if (stale) throw new AppError("CONFLICT", stale);
      return change(tx, state);
    },
    // Waits behind another analyst's change to the same finding are expected, and short.
    { maxWait: 10_000, timeout: 30_000 },
  );
}
