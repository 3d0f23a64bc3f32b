import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { AppError, errorResponse } from "@/lib/server/app-error";
import { createLogger } from "@/lib/server/log/logger";
import { jobLogger, requestLogger, withRequestLog } from "@/lib/server/log/request-logger";

/** Structured logs: JSON lines carrying request and job ids, secrets masked, never a raw error in a response. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { log, lines };
}

describe("logger", () => {
  it("writes one JSON object per line, with level, time and message, and masks passwords", () => {
    const { log, lines } = capture();
    log.info({ user: { email: "a@example.org", password: "hunter2-hunter2" } }, "account created");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: "account created", user: { email: "a@example.org", password: "[redacted]" } });
    expect(typeof lines[0]!.time).toBe("number");
  });

  it("gives each request a child logger whose lines carry its id; a caller's well-formed x-request-id is kept", () => {
    const { log, lines } = capture();
    const given = requestLogger(new Headers({ "x-request-id": "proxy-1234abcd" }), log);
    expect(given.requestId).toBe("proxy-1234abcd");
    given.log.warn("slow query");
    const fresh = requestLogger(new Headers({ "x-request-id": "not an id {\"forged\": true}" }), log);
    expect(fresh.requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(requestLogger(undefined, log).requestId).not.toBe(fresh.requestId);
    fresh.log.error("failed");
    expect(lines.map((line) => line.reqId)).toEqual(["proxy-1234abcd", fresh.requestId]);
  });

  it("wraps a route handler: one id for all its lines and its error response, answered in x-request-id, one line per request", async () => {
    const { log, lines } = capture();
    const handler = withRequestLog(
      async (request: Request) => {
        requestLogger().log.info("inside");
        if (new URL(request.url).searchParams.has("fail")) return errorResponse(new Error("boom: SELECT secret"), request);
        return Response.json({ ok: true }, { status: 201 });
      },
      { parent: log },
    );
    const ok = await handler(new Request("http://localhost/api/thing", { headers: { "x-request-id": "edge-req-0001" } }));
    expect(ok.status).toBe(201);
    expect(ok.headers.get("x-request-id")).toBe("edge-req-0001");
    expect(await ok.json()).toEqual({ ok: true });
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([["edge-req-0001", "inside"], ["edge-req-0001", "request"]]);
    expect(lines[1]).toMatchObject({ method: "GET", path: "/api/thing", status: 201, durationMs: expect.any(Number) });

    lines.length = 0;
    const failed = await handler(new Request("http://localhost/api/thing?fail"));
    const id = failed.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(await failed.json()).toEqual({ error: "internal error", code: "INTERNAL", requestId: id });
    expect(lines.map((l) => l.reqId)).toEqual([id, id, id]);
    expect(lines[1]).toMatchObject({ msg: "request failed", err: { message: "boom: SELECT secret" } });
  });

  it("gives each import job a child logger whose lines carry its id", () => {
    const { log, lines } = capture();
    jobLogger("6f1c0f3e-job", log).info({ rows: 10 }, "imported");
    expect(lines[0]).toMatchObject({ jobId: "6f1c0f3e-job", rows: 10, msg: "imported" });
  });

  it("logs JSON lines to stderr, not pretty text, in production and when stderr is not a terminal; stdout stays the command's", () => {
    const script = `import { logger } from "./lib/server/log/logger.ts"; logger().child({ component: "test" }).info("hello");`;
    for (const NODE_ENV of ["production", "development"] as const) {
      const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], {
        env: { ...process.env, NODE_ENV, LOG_LEVEL: "info" },
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe("");
      expect(JSON.parse(run.stderr.trim())).toMatchObject({ level: 30, component: "test", msg: "hello" });
    }
  });
});

describe("errorResponse", () => {
  it("answers an unexpected error with a plain 500 and the request id of its log line, never the error text", async () => {
    const response = errorResponse(new Error('relation "users" does not exist at postgresql://postgres:secret@127.0.0.1/x'));
    expect(response.status).toBe(500);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: "internal error", code: "INTERNAL", requestId: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  it("answers an AppError with its own status and message", async () => {
    const response = errorResponse(new AppError("NOT_FOUND", "no such flight"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "no such flight", code: "NOT_FOUND" });
  });
});
