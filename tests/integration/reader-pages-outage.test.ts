import http from "node:http";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE_NAME } from "@/lib/server/auth/session";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { CACHE_HEADER } from "@/lib/server/pages/page-cache-headers";
import { serveKeptPage } from "@/lib/server/pages/page-html-cache";
import { OUTAGE_CONFIRMED_WITHIN_MS, READER_VERSION_WAIT_MS, resetReaderOutage } from "@/lib/server/pages/reader-outage";
import { changingPublication } from "@/lib/server/public/publication-changes-here";
import { setFindingPublished } from "@/lib/server/review/set-finding-published";
import { account, insertFlight, resetFlights, setReview } from "./support/review-fixtures";

/**
 * Readers keep reading while the database is down: a reader's page kept before the outage is
 * served (marked `outage`) as long as nothing can have been published since it was rendered.
 * The web server's own render is played by a small HTTP server that counts its renders and can
 * fail like a page whose queries met a database going down.
 */
const liveUrl = process.env.DATABASE_URL;
const OWN_ADDRESS = "0b0c01";
let renders = 0;
let failWith: number | null = null;
const self = http.createServer((request, response) => {
  renders++;
  if (request.url?.startsWith("/flights/moved")) {
    response.writeHead(307, { location: "/methodology" });
    return response.end();
  }
  response.writeHead(failWith ?? 200, { "content-type": "text/html" });
  response.end(failWith ? "the database is not answering" : `render ${renders} of ${request.url}`);
});

/** A port nothing listens on: connections are refused at once, as when the server is down. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function databaseDown(): Promise<void> {
  await closeDbPool();
  process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${await closedPort()}/darkflight`;
}

/** A host that takes connections and never answers (as one dropping packets): the pool's connect timeout is 30 s. */
const silentSockets = new Set<net.Socket>();
const silent = net.createServer((socket) => void silentSockets.add(socket));
/** The silent host goes away: its connections end, and the pool's attempts with them. */
function hangUpSilent(): void {
  for (const socket of silentSockets) socket.destroy();
  silentSockets.clear();
}
async function databaseSilent(): Promise<void> {
  await closeDbPool();
  await new Promise<void>((resolve) => (silent.listening ? resolve() : silent.listen(0, "127.0.0.1", resolve)));
  process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${(silent.address() as net.AddressInfo).port}/darkflight`;
}

async function databaseBack(): Promise<void> {
  await closeDbPool();
  process.env.DATABASE_URL = liveUrl;
}

/** A publish, unpublish or reopen committed by any process. */
const publishSomething = () => dbPool().query("UPDATE publication_version SET version = version + 1 WHERE id = 1");

const get = (path: string, cookie?: string) => serveKeptPage(new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }));

async function read(path: string): Promise<{ how: string | null; status: number; body: string }> {
  const response = await get(path);
  if (!response) throw new Error(`${path} was not answered from the cache`);
  return { how: response.headers.get(CACHE_HEADER), status: response.status, body: await response.text() };
}

beforeAll(async () => {
  await new Promise<void>((resolve) => self.listen(0, "127.0.0.1", resolve));
  process.env.DARKFLIGHT_SELF_URL = `http://127.0.0.1:${(self.address() as net.AddressInfo).port}`;
});
afterEach(async () => {
  vi.useRealTimers();
  failWith = null;
  resetReaderOutage();
  await databaseBack();
});
afterAll(async () => {
  delete process.env.DARKFLIGHT_SELF_URL;
  await resetFlights([OWN_ADDRESS]);
  await closeDbPool();
  await new Promise((resolve) => self.close(resolve));
  hangUpSilent();
  if (silent.listening) await new Promise((resolve) => silent.close(resolve));
});

describe("a kept page's render that redirects", () => {
  it("is passed on with the whole address (a proxy's redirect must name one), never kept", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await get("/flights/moved-1");
      expect(response?.status).toBe(307);
      expect(response?.headers.get("location")).toBe("http://localhost/methodology");
      expect(response?.headers.get(CACHE_HEADER)).toBe("miss");
    }
  });
});

describe("a reader's pages while the database is down", () => {
  it("are the pages kept before the outage, without a render; a page never kept is not invented", async () => {
    const before = await read("/flights/outage-kept");
    expect(before.how).toBe("miss");
    expect(before.body).toMatch(/^render \d+ of \/flights\/outage-kept$/);
    const rendersBefore = renders;

    await databaseDown();
    const during = await read("/flights/outage-kept");
    expect(during).toEqual({ how: "outage", status: 200, body: before.body });
    expect(renders).toBe(rendersBefore);
    await expect(get("/flights/outage-never-kept")).rejects.toThrow();
    // A signed-in user's pages are never a reader's, outage or not.
    expect(await get("/flights/outage-kept", `${SESSION_COOKIE_NAME}=Fe26.2**not-a-session`).catch(() => null)).toBeNull();

    await databaseBack();
    expect((await read("/flights/outage-kept")).how).toBe("hit");
  });

  it("are served within READER_VERSION_WAIT_MS when the database host answers nothing at all", async () => {
    const before = await read("/flights/outage-silent");
    await databaseSilent();
    const started = performance.now();
    expect(await read("/flights/outage-silent")).toEqual({ how: "outage", status: 200, body: before.body });
    expect(performance.now() - started).toBeLessThan(READER_VERSION_WAIT_MS + 2_000);
    hangUpSilent();
  });

  it("are not served when something was published after they were rendered", async () => {
    await read("/flights/outage-superseded");
    await publishSomething();
    // Another reader's request reads the new version before the outage.
    expect((await read("/methodology")).how).toMatch(/^(miss|hit)$/);

    await databaseDown();
    await expect(get("/flights/outage-superseded")).rejects.toThrow();
    expect((await read("/methodology")).how).toBe("outage");
  });

  it("are not served after this web server published or unpublished something, even within the window", async () => {
    const analyst = await account("ANALYST");
    const ref = await insertFlight({ icao24: OWN_ADDRESS, firstSeen: "2031-05-01T14:00:00Z", callsign: "OUT1", origin: "MUHA", destination: "SVMI", score: 0.8, kinds: ["CUBA_VENEZUELA"] });
    await setReview(ref, { status: "CONFIRMED" });
    await setFindingPublished(analyst, ref, true);
    const path = `/flights/${ref.icao24}-${ref.id}`;
    await read(path);
    // The analyst takes it back; the database goes down before any reader asks again.
    await setFindingPublished(analyst, ref, false);
    await databaseDown();
    await expect(get(path)).rejects.toThrow();
  });

  it("are not served when one of this web server's changes was under way as the version was read", async () => {
    let finish = () => undefined as void;
    const change = changingPublication(() => new Promise<void>((resolve) => (finish = resolve)).then(publishSomething));
    await read("/flights/outage-during-change");
    finish();
    await change;
    await databaseDown();
    await expect(get("/flights/outage-during-change")).rejects.toThrow();
  });

  it("are not served when the version was last read too long before the database stopped answering", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await read("/flights/outage-old");
    vi.setSystemTime(Date.now() + OUTAGE_CONFIRMED_WITHIN_MS + 1_000);
    await databaseDown();
    await expect(get("/flights/outage-old")).rejects.toThrow();
  });

  it("stand in for a render that fails under the same publication, never across a publication", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const kept = await read("/flights/outage-render");
    // Past a kept page's age, the page renders again, and its render fails.
    vi.setSystemTime(Date.now() + 11 * 60_000);
    failWith = 500;
    const rendersBefore = renders;
    expect(await read("/flights/outage-render")).toEqual({ how: "outage", status: 200, body: kept.body });
    expect(renders).toBe(rendersBefore + 1);

    await publishSomething();
    expect(await read("/flights/outage-render")).toEqual({ how: "miss", status: 500, body: "the database is not answering" });
  });
});
