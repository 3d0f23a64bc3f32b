import { z } from "zod";
import { FLAG_KINDS } from "../model/finding";
import { REVIEW_STATUSES } from "../flight-record";
import { isUtcDay } from "../format/format-utc";
import { isSingleLineText } from "../format/user-input";

/**
 * The review queue's filters, sort and page, read from and written back to the URL so an
 * analyst can share a view. Unknown or malformed parameters are dropped, never an error page:
 * a link that was edited by hand still opens the queue.
 */
export const QUEUE_SORTS = ["score", "time"] as const;
export const QUEUE_PAGE_SIZES = [25, 50, 100] as const;

export interface QueueFilters {
  kind: (typeof FLAG_KINDS)[number] | null;
  status: (typeof REVIEW_STATUSES)[number] | null;
  /** ICAO type designator, exact (upper case). */
  type: string | null;
  /** Operator name, case-insensitive substring. */
  operator: string | null;
  /** ISO alpha-2 of the address block. */
  country: string | null;
  /** Origin and/or destination ICAO; "MUHA-SVMI", "MUHA-" or "-SVMI". */
  origin: string | null;
  destination: string | null;
  /** Inclusive UTC days, "YYYY-MM-DD". */
  from: string | null;
  to: string | null;
  sort: (typeof QUEUE_SORTS)[number];
  dir: "asc" | "desc";
  page: number;
  pageSize: (typeof QUEUE_PAGE_SIZES)[number];
}

export const DEFAULT_QUEUE_FILTERS: QueueFilters = {
  kind: null,
  status: null,
  type: null,
  operator: null,
  country: null,
  origin: null,
  destination: null,
  from: null,
  to: null,
  sort: "score",
  dir: "desc",
  page: 1,
  pageSize: 50,
};

const day = z.string().refine(isUtcDay);
const icao = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,4}$/);
const fields = {
  kind: z.enum(FLAG_KINDS),
  status: z.enum(REVIEW_STATUSES),
  type: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,4}$/),
  operator: z.string().trim().min(1).max(80).refine(isSingleLineText),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/),
  origin: icao,
  destination: icao,
  from: day,
  to: day,
  sort: z.enum(QUEUE_SORTS),
  dir: z.enum(["asc", "desc"]),
  page: z.coerce.number().int().min(1).max(100_000),
  pageSize: z.coerce.number().pipe(z.union(QUEUE_PAGE_SIZES.map((n) => z.literal(n)))),
} as const;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function get(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseQueueFilters(params: Params): QueueFilters {
  const out: QueueFilters = { ...DEFAULT_QUEUE_FILTERS };
  for (const [name, schema] of Object.entries(fields)) {
    const raw = get(params, name);
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) (out as unknown as Record<string, unknown>)[name] = parsed.data;
  }
  // "route=MUHA-SVMI" is the shareable short form of origin + destination.
  const route = get(params, "route");
  if (route) {
    const [o, d] = route.split("-");
    const origin = icao.safeParse(o ?? "");
    const destination = icao.safeParse(d ?? "");
    if (origin.success) out.origin = origin.data;
    if (destination.success) out.destination = destination.data;
  }
  if (out.from && out.to && out.from > out.to) [out.from, out.to] = [out.to, out.from];
  return out;
}

/** The query string of a view: defaults left out, so the URL stays short and stable. */
export function queueSearchParams(filters: QueueFilters, change: Partial<QueueFilters> = {}): string {
  const next = { ...filters, ...change };
  const params = new URLSearchParams();
  for (const name of Object.keys(fields) as (keyof QueueFilters)[]) {
    const value = next[name];
    if (value === null || value === DEFAULT_QUEUE_FILTERS[name]) continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Does the view narrow the queue at all (for the "clear filters" link and the empty state)? */
export function hasActiveFilters(filters: QueueFilters): boolean {
  return (["kind", "status", "type", "operator", "country", "origin", "destination", "from", "to"] as const).some((k) => filters[k] !== null);
}
