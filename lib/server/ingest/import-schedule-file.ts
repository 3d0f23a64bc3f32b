import "server-only";
import { parseScheduleCsv, type ScheduleRecord } from "../../ingest/parse-schedule-csv";
import { importReferenceFile, type ReferenceImportOutcome } from "./import-reference-file";

/** darkflight's schedule CSV into `schedules`; a service already known is updated in place. */
export function importScheduleFile(request: { path: string; fileName: string; strict?: boolean; uploadedById?: number | null }): Promise<ReferenceImportOutcome> {
  return importReferenceFile<ScheduleRecord>({
    ...request,
    format: "schedules",
    parse: (input, fileName) => parseScheduleCsv(input, { fileName }),
    writeChunk: async (client, records) => {
      const key = (r: ScheduleRecord) => [r.callsign, r.originIcao, r.destinationIcao, r.weekdays, r.departureUtc, r.validFrom].join("|");
      const unique = [...new Map(records.map((r) => [key(r), r])).values()];
      await client.query(
        `INSERT INTO schedules (callsign, origin_icao, destination_icao, weekdays, departure_utc, arrival_utc, valid_from, valid_to,
                                operator, flight_number, typecode)
         SELECT callsign, origin_icao, destination_icao, weekdays, departure_utc, arrival_utc, valid_from::date, valid_to::date,
                operator, flight_number, typecode
           FROM jsonb_to_recordset($1::jsonb) AS r(callsign text, origin_icao text, destination_icao text, weekdays text,
                departure_utc text, arrival_utc text, valid_from text, valid_to text, operator text, flight_number text, typecode text)
         ON CONFLICT (callsign, origin_icao, destination_icao, weekdays, departure_utc, valid_from) DO UPDATE SET
           arrival_utc = EXCLUDED.arrival_utc, valid_to = EXCLUDED.valid_to, operator = EXCLUDED.operator,
           flight_number = EXCLUDED.flight_number, typecode = EXCLUDED.typecode`,
        [
          JSON.stringify(
            unique.map((r) => ({
              callsign: r.callsign,
              origin_icao: r.originIcao,
              destination_icao: r.destinationIcao,
              weekdays: r.weekdays,
              departure_utc: r.departureUtc,
              arrival_utc: r.arrivalUtc,
              valid_from: r.validFrom,
              valid_to: r.validTo,
              operator: r.operator,
              flight_number: r.flightNumber,
              typecode: r.typecode,
            })),
          ),
        ],
      );
    },
  });
}
