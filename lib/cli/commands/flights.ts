import { streamFlights, type FlightSummary } from "../../server/flights/list-flights";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

function parseTime(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} takes an ISO-8601 time, e.g. 2024-08-01T00:00:00Z (got "${value}")`);
  return date;
}

/**
 * `flights [--json] [--flagged] [--since <iso>] [--until <iso>]`: the public flight contract,
 * written as the pages of flights arrive (a year of traffic does not fit in the process). The
 * JSON is the same text as one `JSON.stringify(flights, null, 2)` of the whole list.
 */
export async function flightsCommand(options: { json?: boolean; flagged?: boolean; since?: string; until?: string }): Promise<number> {
  const since = parseTime("--since", options.since);
  const until = parseTime("--until", options.until);
  return withDatabase(true, async () => {
    let count = 0;
    for await (const page of streamFlights({ flagged: options.flagged, since, until })) {
      const text = page.map((f) => {
        const first = count === 0;
        count += 1;
        // JSON strings hold no raw newline: indenting every line indents the element as a whole.
        return options.json ? `${first ? "[\n" : ",\n"}${JSON.stringify(f, null, 2).replace(/^/gm, "  ")}` : `${textLine(f)}\n`;
      });
      await write(text.join(""));
    }
    if (options.json) await write(count === 0 ? "[]\n" : "\n]\n");
    else await write(`${count} flight(s)\n`);
    return 0;
  });
}

function textLine(f: FlightSummary): string {
  const kinds = [...new Set(f.flags.map((g) => g.kind))].join(",") || "-";
  return (
    `${f.id.padStart(6)}  ${f.icao24}  ${(f.registration ?? "").padEnd(9)} ${(f.typecode ?? "").padEnd(4)} ${(f.callsign ?? "").padEnd(8)} ` +
    `${f.origin ?? f.originCountry ?? "?"}→${f.destination ?? f.destinationCountry ?? "?"}  ${f.firstSeen.slice(0, 16)}  ${f.score.toFixed(2)}  ${kinds}`
  );
}

/** Write to stdout, waiting while a slow reader (a pipe) has not taken the last page yet. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}
