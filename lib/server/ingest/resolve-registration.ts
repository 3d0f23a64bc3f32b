import "server-only";
import type pg from "pg";

/** The one address the registry knows for a registration (dashes and case ignored), or undefined. */
export async function resolveRegistration(pool: pg.Pool, registration: string): Promise<string | undefined> {
  const normalised = registration.trim().toUpperCase();
  const { rows } = await pool.query<{ icao24: string }>(
    `SELECT icao24 FROM aircraft WHERE upper(replace(registration, '-', '')) = replace($1, '-', '') LIMIT 2`,
    [normalised],
  );
  return rows.length === 1 ? rows[0]!.icao24 : undefined;
}
