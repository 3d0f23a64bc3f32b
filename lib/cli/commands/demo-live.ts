import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import { startReplay } from "../../infra/replay-server";
import { PROJECT_ROOT } from "../../infra/project-root";
import { runDetection } from "../../server/detection/run-detection";
import { importPositionsFile } from "../../server/ingest/import-positions-file";
import { addLiveFeed } from "../../server/live/add-live-feed";
import { publicBaseUrl } from "../../server/live/public-base-url";
import { removeLiveFeed } from "../../server/live/remove-live-feed";
import { withDatabase } from "../with-database";

const SCENARIO = path.join(PROJECT_ROOT, "fixtures", "scenario", "positions_opensky.csv.gz");
/** CU-T1250 (Cubana Il-96) switches its transponder off at 17:13:40 and is heard again at 17:58:20. */
const LIVE_FROM_MS = Date.parse("2024-07-29T16:40:00Z");
const LIVE_TO_MS = Date.parse("2024-07-29T18:10:00Z");
/** The reception map needs days of traffic to know where aircraft are heard. */
const HISTORY_FROM_MS = Date.parse("2024-07-26T00:00:00Z");

/**
 * `npm run demo:live [-- --speed 30]`: the article scenario as it happens, into a running
 * `npm start`. The three days before 29 July 2024 16:40 UTC are imported moved in time so that
 * they end now (the reception map learns where aircraft are heard), then 16:40–18:10 is replayed
 * as a live SBS-1 feed from now on, and added as a feed that the worker of `npm start` runs. The
 * review queue moves, CU-T1250 is "seen", then goes dark over the Caribbean Sea: an in-app alert
 * (and a webhook, if one was added with `alerts add`). Ctrl-C removes the feed.
 */
export async function demoLiveCommand(options: { speed: string; port: string }): Promise<number> {
  const speed = Number(options.speed);
  const port = Number(options.port);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-demo-live-"));
  const shiftMs = Date.now() - LIVE_FROM_MS;
  try {
    return await withDatabase(false, async () => {
      const history = path.join(dir, "demo-live-history.csv");
      const live = path.join(dir, "demo-live-feed.csv");
      await splitScenario(history, live, shiftMs);
      console.log("importing the three days before the flight (moved to end now), for the reception map …");
      const imported = await importPositionsFile({ path: history, fileName: "demo-live-history.csv", dataset: "demo-live", nowMs: Date.now() });
      if (imported.status === "refused") throw new Error(`the demo history did not import: ${imported.reason}`);
      await runDetection();
      // The clock starts when the worker connects (it looks for new feeds every few seconds).
      const replay = await startReplay({ file: live, speed, sbs1Port: port, waitForClient: true, nowMs: Date.now() + LIVE_TO_MS - LIVE_FROM_MS });
      const feed = await addLiveFeed({ url: `sbs1://127.0.0.1:${replay.sbs1Port}`, name: "demo:live (article scenario)" }, "cli");
      try {
        const minutes = (ms: number) => (ms / speed / 60_000).toFixed(1);
        console.log(
          `replaying 29 July 2024 16:40–18:10 UTC as a live feed at ${speed}× on sbs1://127.0.0.1:${replay.sbs1Port} (feed ${feed.id}).\n` +
            `Open ${publicBaseUrl()}/review (signed in as an analyst): the queue moves as the feed arrives; CU-T1250 goes silent\n` +
            `in about ${minutes(Date.parse("2024-07-29T17:13:40Z") - LIVE_FROM_MS)} min, and its dark alert follows once the silence passes 5 min (see /alerts).\n` +
            `Ctrl-C stops the demo and removes its feed.`,
        );
        await Promise.race([replay.done, stopped()]);
      } finally {
        // Whatever ends the demo, the worker must not keep reconnecting to a replay that is gone.
        await replay.stop();
        await removeLiveFeed(String(feed.id), "cli").catch(() => undefined);
        console.log("demo feed removed");
      }
      return 0;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function stopped(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => resolve());
    }
  });
}

/** The scenario's history window and live window, every time moved by `shiftMs` (OpenSky CSV, seconds). */
async function splitScenario(historyFile: string, liveFile: string, shiftMs: number): Promise<void> {
  const history = fs.createWriteStream(historyFile);
  const live = fs.createWriteStream(liveFile);
  const shiftS = Math.round(shiftMs / 1000);
  let header = true;
  for await (const line of readline.createInterface({ input: fs.createReadStream(SCENARIO).pipe(zlib.createGunzip()) })) {
    if (header) {
      history.write(`${line}\n`);
      live.write(`${line}\n`);
      header = false;
      continue;
    }
    const comma = line.indexOf(",");
    const timeS = Number(line.slice(0, comma));
    const moved = `${timeS + shiftS}${line.slice(comma)}\n`;
    if (timeS * 1000 >= HISTORY_FROM_MS && timeS * 1000 < LIVE_FROM_MS) history.write(moved);
    else if (timeS * 1000 >= LIVE_FROM_MS && timeS * 1000 < LIVE_TO_MS) live.write(moved);
  }
  await Promise.all([history, live].map((s) => new Promise<void>((resolve) => s.end(() => resolve()))));
}
