import { parseQueueFilters, queueSearchParams } from "../../core/review/queue-filters";

/** Sent on the web server's own request for a page it will keep: that one renders (and a benchmark's, to measure rendering). */
export const RENDER_HEADER = "x-darkflight-render";
/**
 * Says whether a page came from the cache: `hit`, `stale` (a signed-in page answered while it
 * renders again), `outage` (a reader's page kept before the database stopped answering) or `miss`.
 */
export const CACHE_HEADER = "x-darkflight-cache";

/** The overview's parameters; the methodology and flight pages read none. */
const OVERVIEW_PARAMS = ["from", "to", "scope"];

/**
 * The query string a kept page is keyed and rendered with: only what the page reads, in one
 * order, so `/?x=1` is `/` and fills no second entry; the queue's filters in their canonical form.
 */
export function keptPageSearch(url: URL): string {
  if (url.pathname === "/review") return queueSearchParams(parseQueueFilters(url.searchParams));
  const read = url.pathname === "/" ? OVERVIEW_PARAMS : [];
  const params = new URLSearchParams([...url.searchParams].filter(([name]) => read.includes(name)).sort(([a], [b]) => a.localeCompare(b)));
  const search = params.toString();
  return search ? `?${search}` : "";
}
