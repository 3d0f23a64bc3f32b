import { EventEmitter } from "node:events";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRenderGate, gateRenders, needsRenderSlot, RENDER_HEADER } from "@/lib/infra/render-gate.mjs";
import { RENDER_HEADER as CACHE_RENDER_HEADER } from "@/lib/server/pages/page-cache-headers";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createRenderGate", () => {
  it("lets `limit` holders in at once and the next waiter in, in arrival order, as each leaves", async () => {
    const gate = createRenderGate(2);
    const order: string[] = [];
    const a = await gate.acquire();
    const b = await gate.acquire();
    const waiters = ["c", "d", "e"].map((name) => gate.acquire().then((release) => (order.push(name), release)));
    await tick();
    expect(order).toEqual([]);
    expect([gate.running, gate.waiting]).toEqual([2, 3]);
    a();
    await tick();
    expect(order).toEqual(["c"]);
    a(); // a second release of the same slot frees nothing more
    await tick();
    expect(order).toEqual(["c"]);
    expect([gate.running, gate.waiting]).toEqual([2, 2]);
    b();
    (await waiters[0])!();
    await tick();
    expect(order).toEqual(["c", "d", "e"]);
    for (const w of waiters.slice(1)) (await w)();
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it("refuses a limit below one or not whole", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => createRenderGate(bad), String(bad)).toThrow(/whole number/);
  });
});

describe("needsRenderSlot", () => {
  it("gates what renders: the page cache's own renders, client navigations, pages the proxy does not keep", () => {
    expect(needsRenderSlot("GET", "/review", { [RENDER_HEADER]: "1" })).toBe(true);
    expect(needsRenderSlot("GET", "/flights/abc123-7", { rsc: "1" })).toBe(true);
    expect(needsRenderSlot("GET", "/review?_rsc=x1", {})).toBe(true);
    expect(needsRenderSlot("GET", "/", { "next-router-prefetch": "1" })).toBe(true);
    expect(needsRenderSlot("GET", "/admin/accounts", {})).toBe(true);
    expect(needsRenderSlot("HEAD", "/imports", {})).toBe(true);
    expect(needsRenderSlot("HEAD", "/review", {})).toBe(true); // the proxy keeps GETs only
  });

  it("lets through what the proxy answers, static files, API routes, forms and uploads", () => {
    for (const page of ["/", "/methodology", "/review?kind=TRANSPONDER_GAP", "/flights/abc123-7"]) expect(needsRenderSlot("GET", page, {}), page).toBe(false);
    expect(needsRenderSlot("GET", "/_next/static/chunks/main.js", { [RENDER_HEADER]: "1" })).toBe(false);
    expect(needsRenderSlot("GET", "/api/health", {})).toBe(false);
    expect(needsRenderSlot("GET", "/api/flights/abc123-7/export", {})).toBe(false);
    expect(needsRenderSlot("POST", "/review", { rsc: "1" })).toBe(false);
    expect(needsRenderSlot("GET", "/favicon.ico", {})).toBe(false);
  });

  it("uses the page cache's header and the proxy's pages as they are written", () => {
    expect(RENDER_HEADER).toBe(CACHE_RENDER_HEADER);
    const proxy = fs.readFileSync(path.join(process.cwd(), "proxy.ts"), "utf8");
    // The plain path entries are the kept pages; the objects after them catch server actions only.
    const matcher = /matcher:\s*\[([\s\S]*?)\n\s*\],?\n/.exec(proxy)?.[1];
    expect([...(matcher ?? "").matchAll(/^\s*("[^"]+"),?$/gm)].map((m) => m[1])).toEqual(['"/"', '"/methodology"', '"/review"', '"/flights/:key"']);
  });
});

describe("gateRenders", () => {
  const request = (url: string, headers: Record<string, string> = {}) => {
    const req = Object.assign(new EventEmitter(), { method: "GET", url, headers }) as unknown as http.IncomingMessage;
    const res = new EventEmitter() as unknown as http.ServerResponse;
    return { req, res, close: () => (res as unknown as EventEmitter).emit("close") };
  };

  it("holds a slot from the render until its response closes; a client gone while waiting gets no render", async () => {
    const gate = createRenderGate(1);
    const handled: string[] = [];
    const serve = gateRenders(gate, (req) => handled.push(req.url!));
    const a = request("/admin/accounts");
    const b = request("/imports");
    const c = request("/review", { [RENDER_HEADER]: "1" });
    serve(a.req, a.res);
    serve(b.req, b.res);
    const health = request("/api/health");
    serve(health.req, health.res); // not a render: straight through, before the renders' turn comes
    await tick();
    expect(handled).toEqual(["/api/health", "/admin/accounts"]);
    b.close(); // b's client leaves while it waits
    serve(c.req, c.res);
    a.close(); // a's page is sent: its slot goes to b, which gives it back at once, then to c
    await tick();
    await tick();
    expect(handled).toEqual(["/api/health", "/admin/accounts", "/review"]);
    expect([gate.running, gate.waiting]).toEqual([1, 0]);
    c.close();
    expect(gate.running).toBe(0);
  });
});
