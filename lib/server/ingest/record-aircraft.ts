import "server-only";
import type pg from "pg";
import type { AircraftIdentity } from "../../ingest/types";

/**
 * Registry rows for the aircraft a batch touched, in the batch's transaction. Every address seen
 * gets a row (identity unknown until a registry or file names it); what a file says about an
 * aircraft updates the registry, never blanking known fields. Written in address order, so two
 * imports touching the same aircraft lock them in the same order instead of deadlocking.
 */
export async function recordAircraft(client: pg.PoolClient, identities: Map<string, AircraftIdentity>, touched: string[]): Promise<void> {
  await client.query(`INSERT INTO aircraft (icao24) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING`, [[...touched].sort()]);
  const named = [...identities.values()].sort((a, b) => (a.icao24 < b.icao24 ? -1 : a.icao24 > b.icao24 ? 1 : 0));
  if (named.length === 0) return;
  // One statement for every identity the file names (thousands in a generic CSV), in address order.
  await client.query(
    `INSERT INTO aircraft (icao24, registration, typecode, model, identity_source, updated_at)
     SELECT icao24, registration, typecode, model, 'import', $5::timestamptz
       FROM unnest($1::char(6)[], $2::text[], $3::text[], $4::text[]) AS r(icao24, registration, typecode, model)
      ORDER BY icao24
     ON CONFLICT (icao24) DO UPDATE SET
       registration = COALESCE(EXCLUDED.registration, aircraft.registration),
       typecode = COALESCE(EXCLUDED.typecode, aircraft.typecode),
       model = COALESCE(EXCLUDED.model, aircraft.model),
       updated_at = EXCLUDED.updated_at`, // a value, not now(): Citus allows only IMMUTABLE functions in DO UPDATE SET
    [named.map((i) => i.icao24), named.map((i) => i.registration), named.map((i) => i.typecode), named.map((i) => i.model ?? null), new Date()],
  );
}
