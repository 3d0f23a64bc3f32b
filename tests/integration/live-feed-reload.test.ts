import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { createLogger } from "@/lib/server/log/logger";
import { runConfiguredFeeds } from "@/lib/server/live/run-configured-feeds";
import { waitFor } from "./support/live-harness";

/**
 * The worker's feeds while one is added: the live path restarts with the new set, and the old
 * one's detection round (which may take a minute on a large database) must not leave every feed
 * unread meanwhile. Here that round is held on detection's own lock, as a long run holds it.
 */
const log = createLogger({ level: "silent" });

/** An SBS-1 receiver that counts its connections and sends one position of `icao24` every 200 ms. */
async function receiver(icao24: string) {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    const timer = setInterval(() => {
      const iso = new Date(Date.now() - 1_000).toISOString();
      const at = `${iso.slice(0, 10).replace(/-/g, "/")},${iso.slice(11, 23)}`;
      socket.write(`MSG,3,1,1,${icao24.toUpperCase()},1,${at},${at},,35000,,,18.5,-70.1,,,0,0,0,0\r\n`);
    }, 200);
    socket.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `sbs1://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

afterAll(async () => {
  await closeDbPool();
});

describe("adding a feed to the worker", () => {
  it("starts reading it while the old live path still finishes its detection round", async () => {
    await dbPool().query(`DELETE FROM live_feeds`);
    const [a, b] = await Promise.all([receiver("0c0f01"), receiver("0c0f02")]);
    const holder = await dbPool().connect();
    const feeds = runConfiguredFeeds(log);
    let held = false;
    try {
      await dbPool().query(`INSERT INTO live_feeds (url, kind) VALUES ($1, 'sbs1')`, [a.url]);
      await waitFor(() => a.connections() > 0, 15_000, "the first feed read");
      // Detection's lock taken: the running path's next round waits on it, as behind a long run.
      await holder.query("SELECT pg_advisory_lock(hashtext('darkflight-detection'))");
      held = true;
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      await dbPool().query(`INSERT INTO live_feeds (url, kind) VALUES ($1, 'sbs1')`, [b.url]);
      await waitFor(() => b.connections() > 0, 15_000, "the added feed read while the old path's round waits");
      // The first feed goes on too, read again by the new path.
      await waitFor(() => a.connections() > 1, 15_000, "the first feed read again by the new path");
    } finally {
      if (held) await holder.query("SELECT pg_advisory_unlock(hashtext('darkflight-detection'))");
      holder.release();
      await feeds.stop();
      a.close();
      b.close();
      await dbPool().query(`DELETE FROM live_feeds`);
      await dbPool().query(`DELETE FROM positions WHERE icao24 IN ('0c0f01', '0c0f02')`);
    }
    expect(b.connections()).toBeGreaterThan(0);
  }, 90_000);
});
