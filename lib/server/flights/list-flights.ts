import "server-only";
import type { FlightRecord } from "../../core/flight-record";
import { dbPool } from "../db/pool";
import { loadFlightRecords } from "./load-flight-records";

/**
 * The public flight contract (CLI `flights --json`, later the API): airports are ICAO codes or
 * null; each flag carries its kind and its evidence fields.
 */
export interface FlightSummary {
  id: string;
  icao24: string;
  registration: string | null;
  typecode: string | null;
  operator: string | null;
  callsign: string | null;
  origin: string | null;
  destination: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  firstSeen: string;
  lastSeen: string;
  score: number;
  flags: ({ kind: string; ruleVersion: string } & Record<string, unknown>)[];
}

export interface FlightFilter {
  flagged?: boolean;
  since?: Date;
  until?: Date;
  /** Only these aircraft. */
  icao24s?: readonly string[];
  /** "score" (default): highest first; "time": earliest first. */
  order?: "score" | "time";
}

/** Flights read per page: a year of traffic is ~200,000 flights, which no process holds at once. */
const PAGE_FLIGHTS = 500;

/** The filter's conditions on `flights f`, as $1-$4 of {@link filterParams}. */
const FILTER_SQL = `($1::timestamptz IS NULL OR f.last_seen >= $1)
  AND ($2::timestamptz IS NULL OR f.first_seen <= $2)
  AND (NOT $3 OR EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id))
  AND ($4::char(6)[] IS NULL OR f.icao24 = ANY($4::char(6)[]))`;

function filterParams(filter: FlightFilter): unknown[] {
  return [filter.since ?? null, filter.until ?? null, filter.flagged ?? false, filter.icao24s ? [...filter.icao24s] : null];
}

/** Where the last page ended, in the order's own terms (the time as PostgreSQL's text: exact). */
interface PageEnd {
  score: number;
  first_seen: string;
  icao24: string;
  id: string;
}

const PAGE_COLUMNS = "f.icao24, f.id::text AS id, f.score, f.first_seen::text AS first_seen, f.first_seen AS first_seen_at";
const AFTER_TIME = "(f.first_seen, f.icao24, f.id) > ($6::timestamptz, $7::char(6), $8::bigint)";

/**
 * One page's query after `end` ($5 the page size, $6-$8 the end's time, address and id, $9 its
 * score). After a score, the page is the rest of that score then the lower scores: two ranges of
 * the (score DESC, first_seen, icao24, id) index, where one "score < s OR (score = s AND …)"
 * condition made PostgreSQL sort every flight for every page (62 s for 194,000 flights).
 */
function pageSql(byTime: boolean, after: boolean): string {
  const select = `SELECT ${PAGE_COLUMNS} FROM flights f WHERE ${FILTER_SQL}`;
  if (byTime) return `${select}${after ? ` AND ${AFTER_TIME}` : ""} ORDER BY f.first_seen, f.icao24, f.id LIMIT $5`;
  if (!after) return `${select} ORDER BY f.score DESC, f.first_seen, f.icao24, f.id LIMIT $5`;
  return `SELECT * FROM ((${select} AND f.score = $9 AND ${AFTER_TIME} ORDER BY f.first_seen, f.icao24, f.id LIMIT $5)
                         UNION ALL (${select} AND f.score < $9 ORDER BY f.score DESC, f.first_seen, f.icao24, f.id LIMIT $5)) p
           ORDER BY p.score DESC, p.first_seen_at, p.icao24, p.id::bigint LIMIT $5`;
}

/**
 * The flights matching `filter`, in pages of up to `pageSize`, highest score first (or earliest
 * first). Each page is chosen after the last one's end (keyset: no offset to skip, no snapshot to
 * hold), so memory does not grow with the flights. This query only chooses and orders them;
 * {@link loadFlightRecords} reads them (the one mapping of a flights row).
 */
export async function* streamFlights(filter: FlightFilter = {}, pageSize = PAGE_FLIGHTS): AsyncGenerator<FlightSummary[]> {
  const byTime = filter.order === "time";
  let end = null as PageEnd | null;
  for (;;) {
    const after = end ? [end.first_seen, end.icao24, end.id, ...(byTime ? [] : [end.score])] : [];
    const { rows }: { rows: PageEnd[] } = await dbPool().query<PageEnd>(pageSql(byTime, end !== null), [...filterParams(filter), pageSize, ...after]);
    if (rows.length === 0) return;
    yield (await loadFlightRecords(rows.map((r) => ({ icao24: r.icao24.trim(), id: r.id })))).map(toFlightSummary);
    if (rows.length < pageSize) return;
    end = rows[rows.length - 1]!;
  }
}

/** How many flights match `filter`. */
export async function countFlights(filter: FlightFilter): Promise<number> {
  const { rows } = await dbPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM flights f WHERE ${FILTER_SQL}`, filterParams(filter));
  return rows[0]?.n ?? 0;
}

/** The flights matching `filter`, at most `limit` (for a page or a test; the CLI streams them). */
export async function listFlights(filter: FlightFilter = {}, limit = Number.POSITIVE_INFINITY): Promise<FlightSummary[]> {
  const out: FlightSummary[] = [];
  for await (const page of streamFlights(filter, Math.min(PAGE_FLIGHTS, limit))) {
    out.push(...page.slice(0, limit - out.length));
    if (out.length >= limit) break;
  }
  return out;
}

function toFlightSummary(f: FlightRecord): FlightSummary {
  return {
    id: f.id,
    icao24: f.icao24,
    registration: f.aircraft?.registration ?? null,
    typecode: f.aircraft?.typecode ?? null,
    operator: f.aircraft?.operator ?? null,
    callsign: f.callsign,
    origin: f.origin.airportIcao,
    destination: f.destination.airportIcao,
    originCountry: f.origin.country,
    destinationCountry: f.destination.country,
    firstSeen: new Date(f.firstSeenMs).toISOString(),
    lastSeen: new Date(f.lastSeenMs).toISOString(),
    score: Math.round(f.score * 1000) / 1000,
    flags: f.flags.map((g) => ({ kind: g.kind, ruleVersion: g.ruleVersion, ...g.evidence })),
  };
}
