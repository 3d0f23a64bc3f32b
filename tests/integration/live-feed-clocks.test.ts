import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplay, type Replay } from "@/lib/infra/replay-server";
import { addAlertRule } from "@/lib/server/alerts/add-alert-rule";
import { closeDbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { listDarkNow, type DarkNowEntry } from "@/lib/server/live/list-dark-now";
import { createLogger } from "@/lib/server/log/logger";
import { startLive } from "@/lib/server/live/run-live";
import { resetForLive, scenarioRows, startHookReceiver, tempDir, waitFor, writeWindow } from "./support/live-harness";

/**
 * Two feeds at once, each with its own clock: the article scenario replayed at 30× (CU-T1250,
 * 0b04e2, switched its transponder off from 17:13:40 to 17:58:20 UTC on 29 July 2024, where it
 * should have been heard) beside a feed whose times run ten times faster (a recording replayed
 * at 300×: one ordinary aircraft circling over Germany). Measured against the newest position of
 * any feed, every aircraft the scenario feed still hears would look silent for up to hours.
 */
const log = createLogger({ level: (process.env.TEST_LOG_LEVEL as "silent" | undefined) ?? "silent" });
const NOW_MS = Date.parse("2026-01-01T00:00:00Z");
const SWITCH_OFF_MS = Date.parse("2024-07-29T17:13:40Z");
const BACK_ON_MS = Date.parse("2024-07-29T17:58:20Z");
let dir: string;

beforeAll(async () => {
  process.env.DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS = "1";
  dir = tempDir();
  await resetForLive();
}, 120_000);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

/** An OpenSky CSV of one ordinary (unregistered) aircraft circling at FL350 from `fromIso` for `hours`, a fix every 10 s. */
function circlingFile(file: string, fromIso: string, hours: number): string {
  const fromS = Date.parse(fromIso) / 1000;
  const lines = ["time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"];
  for (let i = 0; i < (hours * 3600) / 10; i++) {
    const angle = (i / 900) * 2 * Math.PI; // a lap of ~2,100 km every 2.5 h at 230 m/s
    const lat = 50 + 3 * Math.cos(angle);
    const lon = 10 + 4.7 * Math.sin(angle);
    const headingDeg = (((90 - (angle * 180) / Math.PI) % 360) + 360) % 360;
    lines.push(`${fromS + i * 10},3c6444,${lat.toFixed(5)},${lon.toFixed(5)},230,${headingDeg.toFixed(0)},0,DLH400  ,False,,,1000,10668,10668,,`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

const sbs1 = (replay: Replay) => ({ kind: "sbs1" as const, url: `sbs1://127.0.0.1:${replay.sbs1Port}`, host: "127.0.0.1", port: replay.sbs1Port! });

describe("each feed's own clock", () => {
  it("a feed running far ahead makes no aircraft of the slower feed dark; one that really went silent there is listed and alerted by its own feed's clock", async () => {
    const { header, rows } = scenarioRows();
    const history = writeWindow(dir, "history.csv", header, rows, "2024-07-28T00:00:00Z", "2024-07-29T16:40:00Z");
    expect((await importPositionsFile({ path: history, fileName: "history.csv", nowMs: NOW_MS })).status).toBe("imported");
    await runDetection();

    const scenario = await startReplay({ file: writeWindow(dir, "live.csv", header, rows, "2024-07-29T16:40:00Z", "2024-07-29T18:02:00Z"), speed: 30, sbs1Port: 0, waitForClient: 1, nowMs: NOW_MS });
    const ahead = await startReplay({ file: circlingFile(path.join(dir, "ahead.csv"), "2024-07-29T16:40:00Z", 12), speed: 300, sbs1Port: 0, waitForClient: 1, nowMs: NOW_MS });
    const receiver = await startHookReceiver(() => scenario.streamTimeMs());
    await addAlertRule({ rule: "all", channel: "webhook", webhookUrl: receiver.url, webhookFormat: "json" }, "cli");
    const live = startLive({ sources: [sbs1(scenario), sbs1(ahead)], log, publicUrl: "http://localhost:3000", flushMs: 500 });
    /** A dark entry never claims more silence than the scenario feed's clock (at most `scenarioClockMs`) allows since its aircraft's last fix. */
    const expectOwnClock = (entries: DarkNowEntry[], scenarioClockMs = scenario.streamTimeMs()) => {
      for (const e of entries) expect(e.silentMinutes, `${e.icao24} off at ${e.offTime}`).toBeLessThanOrEqual((scenarioClockMs - Date.parse(e.offTime)) / 60_000 + 1);
    };
    const whileTransmitting: DarkNowEntry[] = [];
    let whileSilent: DarkNowEntry | undefined;
    let roundsBefore = 0;
    try {
      // Until CU-T1250's switch-off, with the fast feed half an hour ahead and more: "dark now" as
      // the detection rounds go. (Only the first round can start before it is 5 min ahead.)
      await waitFor(() => ahead.streamTimeMs() - scenario.streamTimeMs() >= 30 * 60_000, 30_000, "the fast feed half an hour ahead");
      roundsBefore = live.stats().detectionRuns;
      while (scenario.streamTimeMs() < SWITCH_OFF_MS - 60_000) {
        const { entries } = await listDarkNow();
        if (scenario.streamTimeMs() < SWITCH_OFF_MS) whileTransmitting.push(...entries);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // Still transmitting on its feed: not dark, whatever the other feed's clock (through at least
      // one detection round with the fast feed ahead, besides the first).
      expect(live.stats().detectionRuns, "detection rounds before the switch-off").toBeGreaterThanOrEqual(Math.max(2, roundsBefore + 1));
      expect(whileTransmitting.map((e) => e.icao24)).not.toContain("0b04e2");
      expectOwnClock(whileTransmitting, SWITCH_OFF_MS);

      // During CU-T1250's silence, once its feed's clock is past the 5-min minimum.
      await waitFor(async () => {
        expect(scenario.streamTimeMs(), "CU-T1250 listed dark before it came back").toBeLessThan(BACK_ON_MS);
        const { entries } = await listDarkNow();
        whileSilent = entries.find((e) => e.icao24 === "0b04e2" && e.suspected);
        if (whileSilent) expectOwnClock(entries);
        return whileSilent !== undefined;
      }, 90_000, "CU-T1250 listed dark");
      await Promise.all([scenario.done, ahead.done]);
      await waitFor(() => receiver.hooks.some((h) => h.body.rule === "seen" && h.body.icao24 === "0b04e2" && Date.parse(h.body.at as string) >= BACK_ON_MS), 60_000, "CU-T1250 seen again");
    } finally {
      await live.stop();
      await scenario.stop();
      await ahead.stop();
      await receiver.close();
    }

    // Really silent: listed with its silence by its own feed's clock.
    expect(Date.parse(whileSilent!.offTime)).toBeLessThanOrEqual(SWITCH_OFF_MS);
    expect(Date.parse(whileSilent!.offTime)).toBeGreaterThan(SWITCH_OFF_MS - 60_000);
    expect(whileSilent!.silentMinutes).toBeGreaterThanOrEqual(5);
    // One dark alert, CU-T1250's, dated by its feed's clock while it was still silent.
    const dark = receiver.hooks.filter((h) => h.body.rule === "dark");
    expect(dark.map((h) => h.body.icao24), JSON.stringify(dark.map((h) => [h.body.icao24, h.body.at]))).toEqual(["0b04e2"]);
    expect(dark[0]!.streamTimeMs).toBeLessThan(BACK_ON_MS);
    expect(Date.parse(dark[0]!.body.at as string)).toBeGreaterThanOrEqual(SWITCH_OFF_MS + 5 * 60_000);
    expect(Date.parse(dark[0]!.body.at as string)).toBeLessThan(BACK_ON_MS);
  }, 300_000);
});
