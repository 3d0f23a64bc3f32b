/**
 * The production web server: the production build served through Next.js's own request handler
 * (a custom server, as Next.js documents it), with at most DARKFLIGHT_WEB_RENDERS pages rendering
 * at once (render-gate.mjs). Everything else (static files, API routes, forms, pages kept whole
 * by proxy.ts) goes straight through. `node lib/infra/next-server.mjs --port P --hostname H`;
 * lib/infra/web-server.ts starts it with its memory flags.
 */
import http from "node:http";
import path from "node:path";
import pino from "pino";
import { createRenderGate, gateRenders } from "./render-gate.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Renders at once: the two cores stay busy while a render waits for the database. */
const DEFAULT_RENDERS = 4;

const option = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const port = Number(option("--port") ?? process.env.PORT ?? 3000);
const hostname = option("--hostname") ?? "localhost";
const renders = Number(process.env.DARKFLIGHT_WEB_RENDERS ?? DEFAULT_RENDERS);

// As lib/server/log/logger.ts: JSON lines on stderr.
const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: { component: "web-server" } }, pino.destination({ dest: 2, sync: true }));

process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: ROOT, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const gate = createRenderGate(renders);

const server = http.createServer(gateRenders(gate, serve));

function serve(req, res) {
  handle(req, res).catch((error) => {
    log.error({ err: error, url: req.url }, "a request failed outside Next.js's own handling");
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("Internal Server Error");
    } else res.destroy();
  });
}

server.listen(port, hostname, () => log.info({ url: `http://${hostname}:${port}`, renders }, "serving"));
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
