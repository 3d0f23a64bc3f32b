import pg from "pg";
import crypto from "node:crypto";
import { expect } from "vitest";
import type { FlagKind } from "@/lib/core/model/finding";
import type { ReviewStatus } from "@/lib/core/flight-record";
import { AppError } from "@/lib/server/app-error";
import type { CurrentUser, Role } from "@/lib/server/auth/current-user";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import type { FlightRef } from "@/lib/server/flights/load-flight-records";
import { flightSubject } from "@/lib/server/review/with-review";
import { applyBatchToDayCounts } from "@/lib/server/stats/position-day-counts";
import { createUser } from "@/lib/server/users/create-user";

/**
 * Factories for the review, queue and flight-access tests: real user rows for the actors, and
 * flights with flags and gap events written straight into the tables (columns as in
 * prisma/migrations/20261129190000_schema_v1), so every attribute a filter reads is known.
 */

/** A real account of this role (a random address: users are never truncated). */
export async function account(role: Role, options: { disabled?: boolean } = {}): Promise<CurrentUser> {
  const email = `${role.toLowerCase()}-${crypto.randomBytes(5).toString("hex")}@review-test.example.org`;
  const user = await createUser({ email, role, password: crypto.randomBytes(12).toString("base64url") }, "review test");
  if (options.disabled) await dbPool().query(`UPDATE users SET disabled = true WHERE id = $1`, [user.id]);
  return { id: user.id, email: user.email, role: user.role };
}

export interface FlightSpec {
  icao24: string;
  /** ISO instant of the first position. */
  firstSeen: string;
  /** Defaults to two hours after firstSeen. */
  lastSeen?: string;
  callsign?: string | null;
  origin?: string | null;
  destination?: string | null;
  originCountry?: string | null;
  destinationCountry?: string | null;
  score?: number;
  /** One flag per entry; none = an unflagged flight. */
  kinds?: FlagKind[];
  /** One gap event per entry, suspected or not. */
  gaps?: boolean[];
}

/** Insert a flight with its flags and gap events; returns its key parts. */
export async function insertFlight(spec: FlightSpec): Promise<FlightRef> {
  const firstMs = Date.parse(spec.firstSeen);
  const lastMs = spec.lastSeen ? Date.parse(spec.lastSeen) : firstMs + 2 * 3_600_000;
  const pool = dbPool();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO flights (icao24, first_seen, last_seen, callsign, origin_icao, destination_icao, origin_country, destination_country,
                          position_count, distance_km, max_altitude_ft, score, detector_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 100, 1500, 35000, $9, 'test') RETURNING id::text`,
    [
      spec.icao24, new Date(firstMs), new Date(lastMs), spec.callsign ?? null, spec.origin ?? null, spec.destination ?? null,
      spec.originCountry ?? null, spec.destinationCountry ?? null, spec.score ?? 0,
    ],
  );
  const id = rows[0]!.id;
  for (const kind of spec.kinds ?? []) {
    await pool.query(
      `INSERT INTO flags (icao24, flight_id, kind, window_start, window_end, evidence, rule_version, config)
       VALUES ($1, $2, $3::"FlagKind", $4, $5, $6, '1', '{}')`,
      [spec.icao24, id, kind, new Date(firstMs), new Date(lastMs), JSON.stringify({ summary: `test ${kind}` })],
    );
  }
  for (const [i, suspected] of (spec.gaps ?? []).entries()) {
    const offMs = firstMs + (i + 1) * 20 * 60_000;
    await pool.query(
      `INSERT INTO gap_events (icao24, flight_id, off_time, off_lat_deg, off_lon_deg, on_time, on_lat_deg, on_lon_deg, duration_s,
                               distance_km, suspected, confidence, witness_count)
       VALUES ($1, $2, $3, 20, -75, $4, 19, -74, 600, 150, $5, $6, $7)`,
      [spec.icao24, id, new Date(offMs), new Date(offMs + 600_000), suspected, suspected ? 0.8 : 0, suspected ? 7 : 0],
    );
  }
  return { icao24: spec.icao24, id };
}

/** Give an aircraft a registry row (type and operator are what the queue filters read). */
export async function upsertAircraft(icao24: string, fields: { typecode?: string | null; operator?: string | null; registration?: string | null }): Promise<void> {
  await dbPool().query(
    `INSERT INTO aircraft (icao24, typecode, operator, registration) VALUES ($1, $2, $3, $4)
     ON CONFLICT (icao24) DO UPDATE SET typecode = EXCLUDED.typecode, operator = EXCLUDED.operator, registration = EXCLUDED.registration`,
    [icao24, fields.typecode ?? null, fields.operator ?? null, fields.registration ?? null],
  );
}

/** Put a review row in a given state directly (queue and access setups, not the workflow under test). */
export async function setReview(ref: FlightRef, state: { status: ReviewStatus; published?: boolean; assigneeId?: number | null }): Promise<void> {
  await dbPool().query(
    `INSERT INTO reviews (icao24, flight_id, status, published, published_at, assignee_id)
     VALUES ($1, $2, $3::"ReviewStatus", $4, CASE WHEN $4 THEN now() ELSE NULL END, $5)
     ON CONFLICT (icao24, flight_id) DO UPDATE SET status = EXCLUDED.status, published = EXCLUDED.published,
       published_at = EXCLUDED.published_at, assignee_id = EXCLUDED.assignee_id, version = reviews.version + 1`,
    [ref.icao24, ref.id, state.status, state.published ?? false, state.assigneeId ?? null],
  );
}

export interface ReviewRow {
  status: ReviewStatus;
  published: boolean;
  published_at: Date | null;
  assignee_id: number | null;
}

export async function reviewRow(ref: FlightRef): Promise<ReviewRow | null> {
  const { rows } = await dbPool().query<ReviewRow>(
    `SELECT status, published, published_at, assignee_id FROM reviews WHERE icao24 = $1 AND flight_id = $2`,
    [ref.icao24, ref.id],
  );
  return rows[0] ?? null;
}

export interface AuditRow {
  action: string;
  actor_id: number | null;
  actor_email: string | null;
  subject: string | null;
  details: Record<string, unknown> | null;
}

/** A flight's audit trail, oldest first. */
export async function auditRows(ref: FlightRef): Promise<AuditRow[]> {
  const { rows } = await dbPool().query<AuditRow>(
    `SELECT action, actor_id, actor_email, subject, details FROM audit_events WHERE subject = $1 ORDER BY id`,
    [flightSubject(ref)],
  );
  return rows;
}

export async function notesOf(ref: FlightRef): Promise<{ id: string; author_id: number | null; body: string }[]> {
  const { rows } = await dbPool().query<{ id: string; author_id: number | null; body: string }>(
    `SELECT id::text, author_id, body FROM notes WHERE icao24 = $1 AND flight_id = $2 ORDER BY id`,
    [ref.icao24, ref.id],
  );
  return rows;
}

/** Everything a review change can touch for one flight: a refused change must leave it as it was. */
export async function reviewState(ref: FlightRef) {
  return { review: await reviewRow(ref), audit: await auditRows(ref), notes: await notesOf(ref) };
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected an AppError").toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * Start from no flights (flags, gap events, reviews and notes go with them) and no audit trail
 * for the addresses a file uses (flight ids are never reused, this is belt and braces).
 */
export async function resetFlights(icao24s: string[]): Promise<void> {
  await dbPool().query(`TRUNCATE flights CASCADE`);
  await dbPool().query(`DELETE FROM audit_events WHERE subject LIKE 'flight:%' AND substr(subject, 8, 6) = ANY($1::text[])`, [icao24s]);
}

/** Remove the aircraft rows a file created. */
export async function removeAircraft(icao24s: string[]): Promise<void> {
  await dbPool().query(`DELETE FROM aircraft WHERE icao24 = ANY($1::text[])`, [icao24s]);
}

/**
 * Run `fn` with every connection of a fresh pool in another session time zone (as on a server
 * whose cluster was initialised on a machine outside UTC), then drop those connections. pg reads
 * startup options from PGOPTIONS when the pool's config gives none.
 */
export async function withSessionTimeZone<T>(timeZone: string, fn: () => Promise<T>): Promise<T> {
  // The server's default zone, as an embedded server set up on a non-UTC host would have it.
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const { rows: db } = await admin.query<{ name: string }>(`SELECT current_database() AS name`);
  const database = `"${db[0]!.name.replaceAll('"', '""')}"`;
  await admin.query(`ALTER DATABASE ${database} SET TimeZone = '${timeZone.replaceAll("'", "''")}'`);
  await closeDbPool();
  try {
    const probe = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await probe.connect();
    const { rows } = await probe.query<{ tz: string }>(`SELECT current_setting('TimeZone') AS tz`);
    await probe.end();
    expect(rows[0]!.tz).toBe(timeZone);
    return await fn();
  } finally {
    await admin.query(`ALTER DATABASE ${database} RESET TimeZone`);
    await admin.end();
    await closeDbPool();
  }
}

/** An OpenSky state-vector CSV header, and rows of one aircraft every `stepS` seconds heading south-east. */
export const OPENSKY_HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
export function openskyRows(icao24: string, startS: number, count: number, stepS = 60): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${startS + i * stepS},${icao24},${(22 - i * 0.05).toFixed(4)},${(-80 + i * 0.05).toFixed(4)},230.0,135.0,0.0,TST${icao24.slice(-3)} ,False,,,,10000.0,,,`,
  );
}

/**
 * Remove import batches a test made, as if they had never been imported: the stored per-day
 * aggregate is taken down first (as a re-import does), then the batch's positions, its detection
 * requests, the batch and its kept original.
 */
export async function removeBatches(batchIds: string[]): Promise<void> {
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    for (const id of batchIds) {
      const { rows } = await client.query<{ sha256: string }>(`SELECT sha256 FROM import_batches WHERE id = $1`, [id]);
      if (!rows[0]) continue;
      await applyBatchToDayCounts(client, id, -1);
      // No foreign key from the partitioned positions table: a batch's rows go explicitly.
      await client.query(`DELETE FROM positions WHERE batch_id = $1`, [id]);
      await client.query(`DELETE FROM detection_requests WHERE batch_id = $1`, [id]);
      await client.query(`DELETE FROM import_batches WHERE id = $1`, [id]);
      await client.query(`DELETE FROM stored_files WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM import_batches WHERE sha256 = $1)`, [rows[0].sha256]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
