import { withRequestLog } from "@/lib/server/log/request-logger";
import { getHealth } from "@/lib/server/stats/get-health";

export const dynamic = "force-dynamic";

/**
 * Liveness for `npm start`, monitors and the tests: 200 when the database answers, else 503.
 * The body also says whether the job worker beats ("alive" | "down") and counts the jobs.
 */
export const GET = withRequestLog(
  async () => {
    const health = await getHealth();
    return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
  },
  // Polled by monitors and by `npm start` while it waits: a line per poll only at debug level.
  { level: "debug" },
);
