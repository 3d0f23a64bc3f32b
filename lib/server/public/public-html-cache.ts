import "server-only";
import { serverEnv } from "../env";
import { SESSION_COOKIE_NAME } from "../auth/session";
import { getDataStamp, STATS_MAX_AGE_MS } from "../stats/get-overview-stats";
import { getPublicPagesVersion } from "./get-public-pages-version";
import { CACHE_HEADER, PAGE_PARAMS, RENDER_HEADER } from "./public-html-headers";
import { VersionedCache } from "./versioned-cache";

/** A page is never older than the figures it shows may be (their stamp's backstop). */
export const PUBLIC_HTML_MAX_AGE_MS = STATS_MAX_AGE_MS;
/** Not kept: the response of the request that made it, or a browser's, decides. */
const DROPPED_HEADERS = ["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date", "set-cookie"];

interface Page {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

// Its own store, bounded in bytes (16 MB of HTML): one per process, on globalThis, since the
// proxy and the pages are separate bundles.
const pages = ((globalThis as { __darkflightHtmlCache?: VersionedCache }).__darkflightHtmlCache ??= new VersionedCache({
  maxEntries: 1024,
  maxBytes: 16 * 1024 * 1024,
  sizeOf: (page) => (page as Page).body.byteLength,
}));

/**
 * Readers' pages (overview, methodology, published flights) whole, as the web server rendered
 * them for a reader: the same bytes for every reader until something is published, unpublished
 * or reopened, or a zone changes (the publication version, which any process raises), or, for
 * the overview, the data's figures change (positions imported, flights detected), and
 * for at most PUBLIC_HTML_MAX_AGE_MS. A page is rendered once however many readers ask at once.
 *
 * Only full-page GETs without a session cookie: a signed-in user's page (role-dependent
 * navigation and views) and Next.js's client navigations (RSC payloads) render as before.
 * Null: not for the cache, let the request through.
 */
export async function servePublicPage(request: Request): Promise<Response | null> {
  const selfUrl = serverEnv().DARKFLIGHT_SELF_URL;
  if (!selfUrl || !cacheable(request)) return null;
  const url = new URL(request.url);
  const key = pageKey(url);
  // Only the overview shows the data's figures; the other pages change with publications alone.
  const [publication, data] = await Promise.all([getPublicPagesVersion(), url.pathname === "/" ? getDataStamp() : ""]);
  const version = `${publication} ${data}`;
  const target = new URL(selfUrl);
  target.pathname = url.pathname;
  target.search = key.slice(url.pathname.length);
  const { value, hit } = pages.lookup(key, version, () => render(target), { maxAgeMs: PUBLIC_HTML_MAX_AGE_MS });
  try {
    return respond(await value, hit ? "hit" : "miss");
  } catch (error) {
    // A page not to keep is still this reader's answer; if the server could not be reached, render as usual.
    const page = (error as { page?: Page }).page;
    return page ? respond(page, "miss") : null;
  }
}

/** Path and the parameters the page reads, sorted: `/?x=1` is `/`, and fills no second entry. */
function pageKey(url: URL): string {
  const read = PAGE_PARAMS[url.pathname] ?? [];
  const params = new URLSearchParams([...url.searchParams].filter(([name]) => read.includes(name)).sort(([a], [b]) => a.localeCompare(b)));
  const search = params.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}

function cacheable(request: Request): boolean {
  if (request.method !== "GET" || request.headers.has(RENDER_HEADER)) return false;
  // Client navigations and prefetches ask for the RSC payload, not the HTML.
  if (request.headers.has("rsc") || request.headers.has("next-router-prefetch") || new URL(request.url).searchParams.has("_rsc")) return false;
  const cookies = request.headers.get("cookie") ?? "";
  return !cookies.split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE_NAME}=`));
}

async function render(url: URL): Promise<Page> {
  const response = await fetch(url, { headers: { [RENDER_HEADER]: "1", "accept-encoding": "identity" }, redirect: "manual" });
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers].filter(([name]) => !DROPPED_HEADERS.includes(name.toLowerCase()));
  const page = { status: response.status, headers, body };
  // A failure, a redirect or a page that sets a cookie is served to the readers waiting for it, never kept.
  if ((response.status !== 200 && response.status !== 404) || response.headers.has("set-cookie")) throw Object.assign(new Error("not kept"), { page });
  return page;
}

function respond(page: Page, how: "hit" | "miss"): Response {
  const headers = new Headers(page.headers);
  headers.set(CACHE_HEADER, how);
  return new Response(page.body, { status: page.status, headers });
}
