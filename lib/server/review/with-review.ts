import "server-only";
import type { ReviewStatus } from "../../core/flight-record";
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
}

/** The audit subject of a flight: its URL key, so the trail is found by one indexed lookup. */
export const flightSubject = (ref: FlightRef) => `flight:${flightKey(ref.icao24, ref.id)}`;

/** A review row's key, in the schema's types. */
export const reviewKey = (ref: FlightRef) => ({ icao24: ref.icao24, flightId: BigInt(ref.id) });

/**
 * Run one review change in a transaction: checks the actor is an analyst (here, in the data
 * layer, whoever calls), that the flight exists and has flags, creates its review row on first
 * touch (status NEW) and locks it, so two analysts' changes to one finding apply one after the
 * other. Throws AppError (404 / 403 / 409) with a message an analyst can act on.
 */
export async function withReview<T>(
  actor: CurrentUser,
  ref: FlightRef,
  change: (tx: Prisma.TransactionClient, state: ReviewState) => Promise<T>,
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
      const [row] = await tx.$queryRaw<{ status: ReviewStatus; published: boolean; assignee_id: number | null }[]>`
        SELECT status::text AS status, published, assignee_id FROM reviews
         WHERE icao24 = ${key.icao24} AND flight_id = ${key.flightId} FOR UPDATE`;
      return change(tx, { status: row!.status, published: row!.published, assigneeId: row!.assignee_id });
    },
    // Waits behind another analyst's change to the same finding are expected, and short.
    { maxWait: 10_000, timeout: 30_000 },
  );
}
