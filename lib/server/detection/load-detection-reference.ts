import "server-only";
import type pg from "pg";
import type { Watchlist } from "../../core/detection/detection-context";
import type { AircraftRef } from "../../core/model/aircraft-ref";
import type { AirportRef } from "../../core/model/airport-ref";
import type { ScheduleRef } from "../../core/model/schedule-ref";
import type { ZoneRef } from "../../core/model/zone-ref";
import { loadAircraftRefs } from "./load-aircraft-refs";

export interface DetectionReference {
  airports: AirportRef[];
  zones: ZoneRef[];
  schedules: ScheduleRef[];
  aircraft: Map<string, AircraftRef>;
  watchlist: Watchlist;
}

/** The reference tables as the core's plain types (airports, zones, schedules, the aircraft to detect, the watchlist). */
export async function loadDetectionReference(client: pg.PoolClient, icao24s: string[]): Promise<DetectionReference> {
  // One client: the queries run one after the other.
  const airports = await     client.query<AirportRef & { elevationFt: number | null }>(
      `SELECT icao, iata, name, country, lat_deg AS "latDeg", lon_deg AS "lonDeg", elevation_ft AS "elevationFt", kind FROM airports ORDER BY icao`,
  );
  const zones = await client.query<ZoneRef>(`SELECT code, name, kind, watched, geometry FROM zones ORDER BY code`);
  const schedules = await client.query<ScheduleRef>(
      `SELECT callsign, origin_icao AS "originIcao", destination_icao AS "destinationIcao", weekdays,
              departure_utc AS "departureUtc", arrival_utc AS "arrivalUtc", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(valid_to, 'YYYY-MM-DD') AS "validTo", operator
         FROM schedules ORDER BY id`,
  );
  const aircraft = await loadAircraftRefs(client, icao24s);
  const watchlist = await client.query<{ kind: "TYPECODE" | "ICAO24" | "TAG"; value: string }>(
    `SELECT kind, value FROM watchlist_entries ORDER BY kind, value`,
  );
  const valuesOf = (kind: "TYPECODE" | "ICAO24" | "TAG") => watchlist.rows.filter((w) => w.kind === kind).map((w) => w.value);
  return {
    airports: airports.rows,
    zones: zones.rows,
    schedules: schedules.rows,
    aircraft,
    watchlist: { typecodes: valuesOf("TYPECODE"), icao24s: valuesOf("ICAO24"), tags: valuesOf("TAG") },
  };
}
