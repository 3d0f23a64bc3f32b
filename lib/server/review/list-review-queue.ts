import "server-only";
import type { FlagKind } from "../../core/model/finding";
import type { FlightRecord, ReviewStatus } from "../../core/flight-record";
import { flightKey } from "../../core/flight-record";
import { addressRangesOf, countryOfIcao24 } from "../../core/identity/country-of-icao24";
import type { QueueFilters } from "../../core/review/queue-filters";
import type { CurrentUser } from "../auth/current-user";
import { assertRole, REVIEW_ROLES } from "../auth/require-role";
import { dbPool } from "../db/pool";
import { loadFlightRecords } from "../flights/load-flight-records";

export interface QueueRow {
  key: string;
  icao24: string;
  id: string;
  callsign: string | null;
  firstSeenMs: number;
  lastSeenMs: number;
  originIcao: string | null;
  destinationIcao: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  typecode: string | null;
  registration: string | null;
  operator: string | null;
  blockCountry: string | null;
  score: number;
  kinds: FlagKind[];
  suspectedSwitchOff: boolean;
  status: ReviewStatus;
  published: boolean;
  assigneeEmail: string | null;
}

export interface ReviewQueuePage {
  rows: QueueRow[];
  total: number;
  page: number;
  pageCount: number;
  /** Values for the filter menus, from the flagged flights. */
  options: { types: string[]; countries: { code: string; name: string }[]; routes: string[] };
}

/**
 * The analysts' queue: flagged flights, filtered and sorted in SQL and paged (LIMIT/OFFSET on
 * the score or time index), so thousands of flights cost one page. Analysts only.
 */
export async function listReviewQueue(viewer: CurrentUser, filters: QueueFilters): Promise<ReviewQueuePage> {
  assertRole(viewer, REVIEW_ROLES);
  const ranges = filters.country ? addressRangesOf(filters.country) : [];
  // An address block country with no allocated block matches nothing, not everything.
  const rangeLo = filters.country ? (ranges.length ? ranges.map((r) => r[0]) : ["zzzzzz"]) : null;
  const rangeHi = filters.country ? (ranges.length ? ranges.map((r) => r[1]) : ["zzzzzz"]) : null;
  const order =
    filters.sort === "time"
      ? `f.first_seen ${filters.dir === "asc" ? "ASC" : "DESC"}, f.score DESC`
      : `f.score ${filters.dir === "asc" ? "ASC" : "DESC"}, f.first_seen DESC`;
  const offset = (filters.page - 1) * filters.pageSize;
  const operatorPattern = filters.operator ? `%${filters.operator.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const pool = dbPool();
  const [page, options] = await Promise.all([
    pool.query<{ icao24: string; id: string; status: ReviewStatus; published: boolean | null; assignee_email: string | null; total: string }>(
      `SELECT f.icao24, f.id::text, coalesce(r.status, 'NEW') AS status, r.published, u.email AS assignee_email,
              count(*) OVER () AS total
         FROM flights f
         LEFT JOIN aircraft a ON a.icao24 = f.icao24
         LEFT JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
         LEFT JOIN users u ON u.id = r.assignee_id
        WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id AND ($1::"FlagKind" IS NULL OR g.kind = $1))
          AND ($2::"ReviewStatus" IS NULL OR coalesce(r.status, 'NEW') = $2)
          AND ($3::text IS NULL OR upper(a.typecode) = $3)
          AND ($4::text IS NULL OR a.operator ILIKE $4)
          AND ($5::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($5::text[], $6::text[]) AS b(lo, hi) WHERE f.icao24::text BETWEEN b.lo AND b.hi))
          AND ($7::text IS NULL OR f.origin_icao = $7)
          AND ($8::text IS NULL OR f.destination_icao = $8)
          AND ($9::date IS NULL OR f.first_seen >= $9::date)
          AND ($10::date IS NULL OR f.first_seen < $10::date + 1)
        ORDER BY ${order}, f.icao24, f.id
        LIMIT $11 OFFSET $12`,
      [
        filters.kind, filters.status, filters.type, operatorPattern, rangeLo, rangeHi, filters.origin, filters.destination,
        filters.from, filters.to, filters.pageSize, offset,
      ],
    ),
    pool.query<{ typecodes: string[] | null; icao24s: string[] | null; routes: string[] | null }>(
      `SELECT array_agg(DISTINCT upper(a.typecode)) FILTER (WHERE a.typecode IS NOT NULL) AS typecodes,
              array_agg(DISTINCT f.icao24::text) AS icao24s,
              array_agg(DISTINCT f.origin_icao || '-' || f.destination_icao) FILTER (WHERE f.origin_icao IS NOT NULL AND f.destination_icao IS NOT NULL) AS routes
         FROM flights f LEFT JOIN aircraft a ON a.icao24 = f.icao24
        WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id)`,
    ),
  ]);
  // With OFFSET past the end there are no rows to carry the window count: count again.
  let total = Number(page.rows[0]?.total ?? 0);
  if (page.rows.length === 0 && filters.page > 1) {
    const again = await listReviewQueue(viewer, { ...filters, page: 1, pageSize: 25 });
    total = again.total;
  }
  // The page's flights, read by the one mapping of a flights row (in the page's order).
  const refs = page.rows.map((r) => ({ icao24: r.icao24.trim(), id: r.id }));
  const reviews = new Map(page.rows.map((r) => [flightKey(r.icao24.trim(), r.id), r]));
  const flights = await loadFlightRecords(refs);
  const countries = new Map<string, string>();
  for (const icao24 of options.rows[0]?.icao24s ?? []) {
    const c = countryOfIcao24(icao24.trim());
    if (c) countries.set(c.code, c.name);
  }
  return {
    rows: flights.map((f) => toQueueRow(f, reviews.get(f.key)!)),
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / filters.pageSize)),
    options: {
      types: (options.rows[0]?.typecodes ?? []).sort(),
      countries: [...countries].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name)),
      routes: (options.rows[0]?.routes ?? []).sort(),
    },
  };
}

function toQueueRow(f: FlightRecord, review: { status: ReviewStatus; published: boolean | null; assignee_email: string | null }): QueueRow {
  return {
    key: f.key,
    icao24: f.icao24,
    id: f.id,
    callsign: f.callsign,
    firstSeenMs: f.firstSeenMs,
    lastSeenMs: f.lastSeenMs,
    originIcao: f.origin.airportIcao,
    destinationIcao: f.destination.airportIcao,
    originCountry: f.origin.country,
    destinationCountry: f.destination.country,
    typecode: f.aircraft?.typecode ?? null,
    registration: f.aircraft?.registration ?? null,
    operator: f.aircraft?.operator ?? null,
    blockCountry: countryOfIcao24(f.icao24)?.code ?? null,
    score: f.score,
    kinds: [...new Set(f.flags.map((g) => g.kind))].sort(),
    suspectedSwitchOff: f.gaps.some((g) => g.suspected),
    status: review.status,
    published: review.published ?? false,
    assigneeEmail: review.assignee_email,
  };
}
