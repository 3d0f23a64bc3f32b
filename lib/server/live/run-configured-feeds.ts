import "server-only";
import { dbPool } from "../db/pool";
import type { Logger } from "../log/logger";
import { parseLiveSourceUrl, type LiveSourceAddress } from "./live-source-url";
import { coalesced } from "./loop-signals";
import { publicBaseUrl } from "./public-base-url";
import { startLive, type RunningLive } from "./run-live";

/** How often the worker looks for feeds added or removed (`feeds add`, the admin page). */
const RELOAD_MS = 5_000;

/**
 * The worker's live ingest: runs the enabled feeds of `live_feeds`, and restarts the live path
 * with the new set when feeds are added or removed (the old one commits what it received).
 */
export function runConfiguredFeeds(log: Logger): { stop(): Promise<void> } {
  let live: RunningLive | null = null;
  let running = "";
  let stopped = false;

  const reload = async () => {
    if (stopped) return;
    const { rows } = await dbPool().query<{ id: number; url: string }>(`SELECT id, url FROM live_feeds WHERE enabled ORDER BY id`);
    const sources: (LiveSourceAddress & { feedId: number })[] = [];
    for (const row of rows) {
      try {
        sources.push({ ...parseLiveSourceUrl(row.url), feedId: row.id });
      } catch (error) {
        log.warn({ feed: row.id, reason: (error as Error).message }, "live feed skipped");
      }
    }
    const wanted = sources.map((s) => `${s.feedId}:${s.url}`).join(" ");
    if (wanted === running || stopped) return;
    // The old path's sources end at once; it then commits what it holds and ends its detection
    // round (a minute, on a large database) while the new path already receives: waiting for it
    // first left every feed unread that long.
    const stopping = live?.stop();
    live = null;
    running = wanted;
    if (sources.length > 0) {
      log.info({ feeds: sources.map((s) => s.url) }, "live feeds running");
      live = startLive({ sources, log, publicUrl: publicBaseUrl() });
    }
    await stopping;
  };

  // One reload at a time: a database that does not answer must not queue a reload every 5 s.
  const reloads = coalesced(reload, (error) => log.warn({ err: error }, "live feeds not reloaded"));
  reloads.trigger();
  const timer = setInterval(() => reloads.trigger(), RELOAD_MS);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await reloads.idle();
      await live?.stop();
    },
  };
}
