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
  const named = [...identities.values()].sort((a, b) => a.icao24.localeCompare(b.icao24));
  for (const identity of named) {
    await client.query(
      `INSERT INTO aircraft (icao24, registration, typecode, model, identity_source)
       VALUES ($1, $2, $3, $4, 'import')
       ON CONFLICT (icao24) DO UPDATE SET
         registration = COALESCE(EXCLUDED.registration, aircraft.registration),
         typecode = COALESCE(EXCLUDED.typecode, aircraft.typecode),
         model = COALESCE(EXCLUDED.model, aircraft.model),
         updated_at = now()`,
      [identity.icao24, identity.registration, identity.typecode, identity.model ?? null],
    );
  }
}
