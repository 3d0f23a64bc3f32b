/** Sent on the web server's own request for a page it will keep: that one renders (and a benchmark's, to measure rendering). */
export const RENDER_HEADER = "x-darkflight-render";
/** Says whether a reader's page came from the cache: `hit` or `miss`. */
export const CACHE_HEADER = "x-darkflight-cache";
/** The query parameters each kept page reads; any others are left out of its key and of its render. */
export const PAGE_PARAMS: Readonly<Record<string, readonly string[]>> = { "/": ["from", "to", "scope"] };
