/**
 * How many page renders the production web server runs at once (lib/infra/next-server.mjs).
 * Plain JavaScript: the server's entry loads it before anything could compile TypeScript.
 *
 * Why a gate: each render in flight holds its data, its React tree and its HTML and RSC streams.
 * On two cores 20 renders at once finish no sooner than 4 (the CPU is the limit), but hold five
 * times the memory: at 11 M positions, under 20 clients rendering the heaviest pages, the server
 * peaked at 294–296 MB rendering all of them at once and at 281–286 MB through this gate, with as
 * many rendered pages a second. Requests over the limit wait in arrival order.
 */

/** The header the page cache's own renders carry (RENDER_HEADER in lib/server/pages/page-cache-headers.ts). */
export const RENDER_HEADER = "x-darkflight-render";

/**
 * The pages `proxy.ts` answers (its `config.matcher`): a full-page GET to one of these is served
 * from the page cache, or rendered by the proxy's own request, which carries RENDER_HEADER and
 * waits at the gate. Waiting here too would hold a slot while waiting for one.
 */
const PROXIED_PAGE = /^\/(?:|methodology|review|flights\/[^/]+)$/;

/**
 * Whether a request renders a page and so waits for a slot. Not: static files, API routes (a
 * download may stream for minutes, health checks must answer at once), forms and uploads (not
 * GET or HEAD), and full-page GETs of the proxy's pages (above).
 * @param {string | undefined} method
 * @param {string | undefined} url the request's path and query
 * @param {Record<string, string | string[] | undefined>} headers lower-case names, as Node gives them
 * @returns {boolean}
 */
export function needsRenderSlot(method, url, headers) {
  if (method !== "GET" && method !== "HEAD") return false;
  const parsed = new URL(url ?? "/", "http://server");
  const path = parsed.pathname;
  if (path.startsWith("/_next/") || path.startsWith("/api/") || path === "/favicon.ico") return false;
  if (headers[RENDER_HEADER] !== undefined) return true;
  const clientNavigation = headers.rsc !== undefined || headers["next-router-prefetch"] !== undefined || parsed.searchParams.has("_rsc");
  // The proxy answers full-page GETs only: a HEAD of those pages renders.
  return clientNavigation || method !== "GET" || !PROXIED_PAGE.test(path);
}

/**
 * A counting semaphore: `acquire()` resolves with a release function once fewer than `limit`
 * holders remain; waiters are served first come, first served. Releasing twice releases once.
 * @param {number} limit
 */
export function createRenderGate(limit) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`render gate: the limit must be a whole number ≥ 1 (got ${limit})`);
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  const grant = () => {
    running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      running--;
      const next = waiting.shift();
      if (next) next();
    };
  };
  return {
    /** @returns {Promise<() => void>} */
    acquire() {
      if (running < limit) return Promise.resolve(grant());
      return new Promise((resolve) => waiting.push(() => resolve(grant())));
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/**
 * Wrap a Node request handler: a request that renders (needsRenderSlot) waits for a slot of
 * `gate` and holds it until its response closes (sent, or the client gone); a client that leaves
 * while waiting gives its turn back without a render. Everything else goes straight through.
 * @param {{ acquire(): Promise<() => void> }} gate
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void} handle
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void}
 */
export function gateRenders(gate, handle) {
  return (req, res) => {
    if (!needsRenderSlot(req.method, req.url, req.headers)) {
      handle(req, res);
      return;
    }
    /** @type {(() => void) | null} */
    let release = null;
    let closed = false;
    res.once("close", () => {
      closed = true;
      release?.();
    });
    void gate.acquire().then((granted) => {
      if (closed) return granted();
      release = granted;
      handle(req, res);
    });
  };
}
