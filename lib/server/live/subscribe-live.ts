import "server-only";
import pg from "pg";
import { z } from "zod";
import { requireDatabaseUrl } from "../env";
import { logger } from "../log/logger";
import { LIVE_CHANNEL, type LiveChange } from "./notify-live";

/** Reconnection waits: 1 s, doubling up to 30 s, while anyone is still subscribed. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

interface LiveHub {
  subscribers: Set<{ onChange: (change: LiveChange) => void }>;
  /** The listening connection, also while it connects; null between attempts and when nobody listens. */
  client: pg.Client | null;
  listening: boolean;
  retryTimer: ReturnType<typeof setTimeout> | null;
  failures: number;
  /** Callers of waitForLiveListener waiting for LISTEN to take effect. */
  waiters: Set<() => void>;
}

// One listener per process, kept across Next.js hot reloads (like the pg pool).
const globalForLive = globalThis as unknown as { darkflightLiveHub?: LiveHub };

function hub(): LiveHub {
  globalForLive.darkflightLiveHub ??= { subscribers: new Set(), client: null, listening: false, retryTimer: null, failures: 0, waiters: new Set() };
  return globalForLive.darkflightLiveHub;
}

const log = () => logger().child({ component: "live-listener" });

const streamTimeMs = z.number().nullable();
/** The payloads notifyLive sends; anything else on the channel (a hand-typed NOTIFY, a cut payload) is ignored. */
const liveChangeSchema: z.ZodType<LiveChange> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("positions"), streamTimeMs, inserted: z.number() }),
  z.object({ kind: z.literal("detection"), streamTimeMs, flights: z.number(), flags: z.number() }),
  z.object({
    kind: z.literal("alert"),
    streamTimeMs,
    alerts: z.array(z.object({ id: z.string(), rule: z.string(), summary: z.string(), url: z.string().nullable() })),
  }),
]);

/** A notification's payload as a LiveChange, or null when it is not one. */
export function parseLiveChange(payload: string | undefined): LiveChange | null {
  if (!payload) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = liveChangeSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

function fanOut(h: LiveHub, change: LiveChange): void {
  for (const subscriber of [...h.subscribers]) {
    try {
      subscriber.onChange(change);
    } catch (error) {
      // One broken stream must not keep the others from hearing the change.
      log().warn({ err: error }, "a live subscriber failed");
    }
  }
}

function connect(h: LiveHub): void {
  if (h.client || h.retryTimer || h.subscribers.size === 0) return;
  // A connection of its own: LISTEN belongs to a session, and a pooled one would be handed to other queries.
  const client = new pg.Client({ connectionString: requireDatabaseUrl(), application_name: "darkflight-live-listener", keepAlive: true });
  h.client = client;
  client.on("notification", (message) => {
    if (h.client !== client || message.channel !== LIVE_CHANNEL) return;
    const change = parseLiveChange(message.payload);
    if (change) fanOut(h, change);
  });
  // Without an "error" listener a dropped connection would crash the web server.
  client.on("error", (error) => dropped(h, client, error));
  client.on("end", () => dropped(h, client, new Error("connection ended")));
  client
    .connect()
    .then(() => client.query(`LISTEN ${LIVE_CHANNEL}`))
    .then(() => {
      if (h.client !== client) {
        // Everyone left (or it was replaced) while it connected.
        void client.end().catch(() => undefined);
        return;
      }
      if (h.failures > 0) log().info({ failures: h.failures }, "live listener reconnected");
      h.failures = 0;
      h.listening = true;
      for (const wake of h.waiters) wake();
      h.waiters.clear();
    })
    .catch((error: unknown) => dropped(h, client, error));
}

/** The connection failed or closed: forget it, and try again later while anyone still listens. */
function dropped(h: LiveHub, client: pg.Client, error: unknown): void {
  if (h.client !== client) return; // already handled, or closed on purpose
  h.client = null;
  h.listening = false;
  void client.end().catch(() => undefined);
  if (h.subscribers.size === 0) return;
  const delayMs = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** h.failures);
  h.failures += 1;
  log().warn({ reason: (error as Error)?.message, retryInMs: delayMs }, "live listener lost its connection; retrying");
  h.retryTimer = setTimeout(() => {
    h.retryTimer = null;
    connect(h);
  }, delayMs);
  h.retryTimer.unref?.();
}

function close(h: LiveHub): void {
  if (h.retryTimer) clearTimeout(h.retryTimer);
  h.retryTimer = null;
  const client = h.client;
  h.client = null;
  h.listening = false;
  h.failures = 0;
  void client?.end().catch(() => undefined);
}

/**
 * Hear every change the live path announces (pg_notify on LIVE_CHANNEL), through one shared
 * connection per process: opened with the first subscriber, reopened with backoff when it
 * drops, closed when the last one leaves. Returns the unsubscribe function. Changes sent while
 * the connection was down are not replayed.
 */
export function subscribeLive(onChange: (change: LiveChange) => void): () => void {
  const h = hub();
  const subscriber = { onChange }; // its own entry, so the same function may subscribe twice
  h.subscribers.add(subscriber);
  connect(h);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    h.subscribers.delete(subscriber);
    if (h.subscribers.size === 0) close(h);
  };
}

/**
 * Resolves true once the shared connection listens (at once if it already does), or false after
 * `timeoutMs`: a stream can answer only after LISTEN, so no change sent after that is missed.
 */
export function waitForLiveListener(timeoutMs: number): Promise<boolean> {
  const h = hub();
  if (h.listening) return Promise.resolve(true);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      h.waiters.delete(wake);
      resolve(false);
    }, timeoutMs);
    h.waiters.add(wake);
  });
}
