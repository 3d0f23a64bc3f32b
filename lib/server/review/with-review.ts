import "server-only";
import type pg from "pg";
import type { ReviewStatus } from "../../core/flight-record";
import { flightKey } from "../../core/flight-record";
import { AppError } from "../app-error";
import type { CurrentUser } from "../auth/current-user";
import { assertRole, REVIEW_ROLES } from "../auth/require-role";
import { dbPool } from "../db/pool";
import type { FlightRef } from "../flights/load-flight-records";

export interface ReviewState {
  status: ReviewStatus;
  published: boolean;
  assigneeId: number | null;
}

/** The audit subject of a flight: its URL key, so the trail is found by one indexed lookup. */
export const flightSubject = (ref: FlightRef) => `flight:${flightKey(ref.icao24, ref.id)}`;

/**
 * Run one review change in a transaction: checks the actor is an analyst (here, in the data
 * layer, whoever calls), that the flight exists and has flags, creates its review row on first
 * touch (status NEW) and locks it, so two analysts' changes to one finding apply one after the
 * other. Throws AppError (404 / 403 / 409) with a message an analyst can act on.
 */
export async function withReview<T>(
  actor: CurrentUser,
  ref: FlightRef,
  change: (client: pg.PoolClient, state: ReviewState) => Promise<T>,
): Promise<T> {
  assertRole(actor, REVIEW_ROLES);
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    const flight = await client.query<{ flagged: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) AS flagged
         FROM flights f WHERE f.icao24 = $1 AND f.id = $2`,
      [ref.icao24, ref.id],
    );
    if (!flight.rows[0]) throw new AppError("NOT_FOUND", `no flight ${flightKey(ref.icao24, ref.id)}`);
    if (!flight.rows[0].flagged) throw new AppError("CONFLICT", "this flight has no flags to review");
    await client.query(`INSERT INTO reviews (icao24, flight_id) VALUES ($1, $2) ON CONFLICT (icao24, flight_id) DO NOTHING`, [ref.icao24, ref.id]);
    const { rows } = await client.query<{ status: ReviewStatus; published: boolean; assignee_id: number | null }>(
      `SELECT status, published, assignee_id FROM reviews WHERE icao24 = $1 AND flight_id = $2 FOR UPDATE`,
      [ref.icao24, ref.id],
    );
    const row = rows[0]!;
    const result = await change(client, { status: row.status, published: row.published, assigneeId: row.assignee_id });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
