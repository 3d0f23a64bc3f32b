import { listFlights } from "../../server/flights/list-flights";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

function parseTime(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} takes an ISO-8601 time, e.g. 2024-08-01T00:00:00Z (got "${value}")`);
  return date;
}

/** `flights [--json] [--flagged] [--since <iso>] [--until <iso>]`: the public flight contract. */
export async function flightsCommand(options: { json?: boolean; flagged?: boolean; since?: string; until?: string }): Promise<number> {
  const since = parseTime("--since", options.since);
  const until = parseTime("--until", options.until);
  return withDatabase(true, async () => {
    const flights = await listFlights({ flagged: options.flagged, since, until });
    if (options.json) {
      console.log(JSON.stringify(flights, null, 2));
      return 0;
    }
    for (const f of flights) {
      const kinds = [...new Set(f.flags.map((g) => g.kind))].join(",") || "-";
      console.log(
        `${f.id.padStart(6)}  ${f.icao24}  ${(f.registration ?? "").padEnd(9)} ${(f.typecode ?? "").padEnd(4)} ${(f.callsign ?? "").padEnd(8)} ` +
          `${f.origin ?? f.originCountry ?? "?"}→${f.destination ?? f.destinationCountry ?? "?"}  ${f.firstSeen.slice(0, 16)}  ${f.score.toFixed(2)}  ${kinds}`,
      );
    }
    console.log(`${flights.length} flight(s)`);
    return 0;
  });
}
