import "server-only";
import crypto from "node:crypto";
import { sessionCookieHeader, sessionCookieValues } from "../auth/session";
import { serverEnv } from "../env";
import { getDataStamp, STATS_MAX_AGE_MS } from "../stats/get-overview-stats";
import { getPublicPagesVersion } from "../public/get-public-pages-version";
import { publicationChangesHere } from "../public/publication-changes-here";
import { VersionedCache } from "../public/versioned-cache";
import { CACHE_HEADER, keptPageSearch, RENDER_HEADER } from "./page-cache-headers";
import { publicationDuringOutage, publicationRead, withinReaderWait } from "./reader-outage";
import { signedInPageKey } from "./signed-in-page-version";

/** A page is never older than the figures it shows may be (their stamp's backstop). */
export const KEPT_PAGE_MAX_AGE_MS = STATS_MAX_AGE_MS;
/**
 * A signed-in user's kept page rendered at most this long ago is answered while it renders again
 * after a write that was no one's action (a live feed commits every 2 s: otherwise every request
 * after each commit waits for the new render).
 */
export const SIGNED_IN_STALE_MS = 5_000;
/** Not passed on: the response of the request that made it, or a browser's, decides. (A page that sets a cookie is never kept.) */
const DROPPED_HEADERS = ["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date"];

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
 * Pages whole, as the web server rendered them, for full-page GETs (Next.js's client
 * navigations ask for RSC payloads and render as before). A page is rendered once however many
 * ask at once, and kept at most KEPT_PAGE_MAX_AGE_MS:
 * - a reader's (no session cookie): the same bytes for every reader until something is
 *   published, unpublished or reopened, or a zone changes (the publication version, which any
 *   process raises), or, for the overview, the data's figures change;
 * - a signed-in user's: per session of an account, until anything at all is written
 *   (signed-in-page-version.ts); for SIGNED_IN_STALE_MS after its render it stands in while
 *   the page renders again, unless someone acted (reviewed, noted, published) since.
 * While the database does not answer, a reader gets the page kept last for that address if
 * nothing can have been published since (reader-outage.ts), marked `outage`.
 * Null: not for the cache, let the request through.
 */
export async function serveKeptPage(request: Request): Promise<Response | null> {
  const selfUrl = serverEnv().DARKFLIGHT_SELF_URL;
  if (!selfUrl || !fullPageGet(request)) return null;
  const url = new URL(request.url);
  const path = `${url.pathname}${keptPageSearch(url)}`;
  const seals = sessionCookieValues(request.headers.get("cookie") ?? "");
  if (seals.length > 1) return null;
  const seal = seals[0];
  let kept: KeptPageKey | null;
  const askedAtMs = Date.now();
  try {
    kept = seal === undefined ? await withinReaderWait(readerKey(url, path)) : await signedInKey(seal, path);
  } catch (error) {
    // The database does not answer: a reader gets the page kept before, if it is still current.
    const publication = seal === undefined ? publicationDuringOutage(askedAtMs) : null;
    const last = publication === null ? undefined : keptOf(`reader ${path}`, publication);
    if (last) return respond(await last, "outage", url);
    throw error;
  }
  if (!kept) return null;
  const target = new URL(path, selfUrl);
  // Rendered with the one cookie checked here, or none for a reader's page (everyone's): never
  // with other cookies of whoever asked first.
  const forward = seal === undefined ? "" : sessionCookieHeader(seal);
  const { value, hit, stale } = pages.lookup(kept.key, kept.version, () => render(target, forward), {
    maxAgeMs: KEPT_PAGE_MAX_AGE_MS,
    stale: kept.actions === undefined ? undefined : { group: kept.actions, maxAgeMs: SIGNED_IN_STALE_MS },
  });
  try {
    return respond(await value, stale ? "stale" : hit ? "hit" : "miss", url);
  } catch (error) {
    // A page not to keep is still this user's answer; if the server could not be reached, render as usual.
    const page = (error as { page?: Page }).page;
    // A reader's page that failed to render (its queries met a database going down) is answered
    // with the one kept before, of the publication version just read.
    const last = page && page.status >= 500 && kept.publication !== undefined ? keptOf(kept.key, kept.publication) : undefined;
    if (last) return respond(await last, "outage", url);
    return page ? respond(page, "miss", url) : null;
  }
}

/** The reader's page kept last under `key`, if it was rendered under `publication`. */
function keptOf(key: string, publication: string): Promise<Page> | undefined {
  const last = pages.lastReady(key);
  return last?.version.startsWith(`${publication} `) ? (last.value as Promise<Page>) : undefined;
}

interface KeptPageKey {
  key: string;
  version: string;
  /** A signed-in user's: the actions it was rendered under (it may stand in while it renders again, within them). */
  actions?: string;
  /** A reader's: the publication version it is rendered under (the start of `version`). */
  publication?: string;
}

async function readerKey(url: URL, path: string): Promise<KeptPageKey | null> {
  // The queue is for analysts: a reader is sent to the sign-in form.
  if (url.pathname === "/review") return null;
  // Only the overview shows the data's figures; the other pages change with publications alone.
  const changesAtAsk = publicationChangesHere();
  const [publication, data] = await Promise.all([getPublicPagesVersion(), url.pathname === "/" ? getDataStamp() : ""]);
  publicationRead(publication, changesAtAsk);
  return { key: `reader ${path}`, version: `${publication} ${data}`, publication };
}

/** Per session, not only per account: a page rendered for a session that expired meanwhile (as signed out) reaches no other session. */
async function signedInKey(seal: string, path: string): Promise<KeptPageKey | null> {
  const signedIn = await signedInPageKey(seal);
  if (!signedIn) return null;
  const session = crypto.createHash("sha256").update(seal).digest("base64url");
  return { key: `user ${signedIn.viewer} ${session} ${path}`, version: signedIn.version, actions: signedIn.actions };
}

function fullPageGet(request: Request): boolean {
  if (request.method !== "GET" || request.headers.has(RENDER_HEADER)) return false;
  // Client navigations and prefetches ask for the RSC payload, not the HTML.
  return !(request.headers.has("rsc") || request.headers.has("next-router-prefetch") || new URL(request.url).searchParams.has("_rsc"));
}

async function render(url: URL, cookie: string): Promise<Page> {
  const headers: Record<string, string> = { [RENDER_HEADER]: "1", "accept-encoding": "identity" };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(url, { headers, redirect: "manual" });
  const body = new Uint8Array(await response.arrayBuffer());
  const kept = [...response.headers].filter(([name]) => !DROPPED_HEADERS.includes(name.toLowerCase()));
  const page = { status: response.status, headers: kept, body };
  // A failure, a redirect or a page that sets a cookie is served to those waiting for it, never kept.
  if ((response.status !== 200 && response.status !== 404) || response.headers.has("set-cookie")) throw Object.assign(new Error("not kept"), { page });
  return page;
}

function respond(page: Page, how: "hit" | "stale" | "miss" | "outage", url: URL): Response {
  const headers = new Headers(page.headers);
  // A page that redirects names a path; a proxy's response must name a whole URL (Next.js parses it).
  const location = headers.get("location");
  if (location !== null) headers.set("location", new URL(location, url).toString());
  headers.set(CACHE_HEADER, how);
  return new Response(page.body, { status: page.status, headers });
}
