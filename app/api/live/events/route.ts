import { errorResponse } from "@/lib/server/app-error";
import { REVIEW_ROLES, requireRole } from "@/lib/server/auth/require-role";
import { subscribeLive, waitForLiveListener } from "@/lib/server/live/subscribe-live";
import { withRequestLog } from "@/lib/server/log/request-logger";

// A stream per request: never cached, and on Node (the listener holds a pg connection).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A comment line this often keeps proxies and the browser from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/**
 * A stream ends after this long and the browser reconnects by itself, through the guard again:
 * a signed-out or disabled account stops hearing changes within minutes.
 */
const STREAM_MAX_MS = 10 * 60_000;
/** How long a new stream waits for the shared listener before answering anyway. */
const LISTENER_WAIT_MS = 5_000;

/**
 * Server-Sent Events for analysts' pages: each change the live path announces (new positions, a
 * detection run, alerts) as `event: <kind>` with the change as JSON, so pages refresh when
 * there is something new instead of polling.
 */
export const GET = withRequestLog(
  async (request: Request) => {
    try {
      await requireRole(REVIEW_ROLES);
    } catch (error) {
      return errorResponse(error, request);
    }
    const encoder = new TextEncoder();
    let stop = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        const send = (text: string) => {
          if (open) controller.enqueue(encoder.encode(text));
        };
        const unsubscribe = subscribeLive((change) => send(`event: ${change.kind}\ndata: ${JSON.stringify(change)}\n\n`));
        const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
        const lifetime = setTimeout(() => stop(), STREAM_MAX_MS);
        stop = () => {
          if (!open) return;
          open = false;
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          unsubscribe();
          request.signal.removeEventListener("abort", stop);
          try {
            controller.close();
          } catch {
            // already cancelled by the reader
          }
        };
        // The client went away (tab closed, navigation): let go of the subscription at once.
        request.signal.addEventListener("abort", stop);
        if (request.signal.aborted) stop();
        send("retry: 3000\n: connected\n\n");
      },
      cancel() {
        stop();
      },
    });
    await waitForLiveListener(LISTENER_WAIT_MS);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        // no-transform: the server's gzip would otherwise hold events back until its buffer fills.
        "Cache-Control": "no-cache, no-store, no-transform",
        "X-Accel-Buffering": "no",
      },
    });
  },
  { level: "debug" },
);
