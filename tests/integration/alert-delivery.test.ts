import http from "node:http";
import os from "node:os";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAlertRule } from "@/lib/server/alerts/add-alert-rule";
import { deliverDueAlerts, MAX_DELIVERY_ATTEMPTS } from "@/lib/server/alerts/deliver-alerts";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { removeAlertRule } from "@/lib/server/alerts/remove-alert-rule";
import { loadAlertRules, recordAlert, type AlertCandidate } from "@/lib/server/alerts/record-alert";
import { LOCAL_TARGET_CODE, webhookLookup } from "@/lib/server/alerts/webhook-target";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { startHookReceiver } from "./support/live-harness";

/** Alerts: one per rule, aircraft and episode, a cooldown per aircraft and rule, and a delivery log that retries. */
const T0 = Date.parse("2024-07-29T17:20:00Z");
const MIN = 60_000;

function darkCandidate(icao24: string, offTimeMs: number): AlertCandidate {
  const who = { icao24, registration: "CU-T1250", typecode: "IL96", callsign: "CUB1250" };
  return {
    rule: "dark", ...who, episode: String(offTimeMs), flightId: "7", url: `http://localhost:3000/flights/${icao24}-7`,
    description: {
      rule: "dark", ...who, suspected: true, offAltitudeFt: 35000, offLatDeg: 17.4, offLonDeg: -75, offTimeMs, nowMs: offTimeMs + 6 * MIN,
      expectedPositions: 32, witnessCount: 2,
    },
  };
}

let status = 200;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;

beforeAll(async () => {
  // The receivers below listen on this machine, where webhooks may point only when allowed.
  process.env.DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS = "1";
  await dbPool().query(`TRUNCATE alerts, alert_deliveries CASCADE`);
  // Only the in-app rule for everything (what the migration seeds), whatever earlier files left.
  await dbPool().query(`DELETE FROM alert_rules`);
  await addAlertRule({ rule: "all", channel: "in-app" }, "cli");
  receiver = await startHookReceiver(() => 0, () => status);
});

afterAll(async () => {
  delete process.env.DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS;
  await receiver.close();
  await dbPool().query(`TRUNCATE alerts, alert_deliveries CASCADE`);
  await dbPool().query(`DELETE FROM alert_rules WHERE channel = 'webhook'`);
  await closeDbPool();
});

describe("alerts and their delivery log", () => {
  it("keeps one alert per episode and none within the cooldown of the same aircraft and rule", async () => {
    const rules = await loadAlertRules();
    expect(await recordAlert(darkCandidate("0b04e2", T0), rules, T0 + 6 * MIN)).not.toBeNull();
    expect(await recordAlert(darkCandidate("0b04e2", T0), rules, T0 + 7 * MIN)).toBeNull(); // same episode
    expect(await recordAlert(darkCandidate("0b04e2", T0 + 10 * MIN), rules, T0 + 16 * MIN)).toBeNull(); // cooldown
    expect(await recordAlert(darkCandidate("157712", T0 + 10 * MIN), rules, T0 + 16 * MIN)).not.toBeNull(); // another aircraft
    expect(await recordAlert(darkCandidate("0b04e2", T0 + 40 * MIN), rules, T0 + 46 * MIN)).not.toBeNull(); // after 30 min
    // The stream's clock went back (a replay started again): within 30 min of an earlier alert, though long before the latest.
    expect(await recordAlert(darkCandidate("0b04e2", T0 + 140 * MIN), rules, T0 + 146 * MIN)).not.toBeNull();
    expect(await recordAlert(darkCandidate("0b04e2", T0 + 1 * MIN), rules, T0 + 8 * MIN)).toBeNull();
    const listed = await listAlerts();
    expect(listed.map((a) => [a.icao24, a.rule])).toEqual([["0b04e2", "dark"], ["0b04e2", "dark"], ["157712", "dark"], ["0b04e2", "dark"]]);
    expect(listed[0]!.summary).toMatch(/suspected transponder switch-off/);
  });

  it("retries a webhook that fails, then logs it delivered; gives up after the last attempt", async () => {
    await addAlertRule({ rule: "dark", channel: "webhook", webhookUrl: receiver.url, webhookFormat: "slack" }, "cli");
    const rules = await loadAlertRules();
    const first = await recordAlert(darkCandidate("0d80ae", T0), rules, T0 + 6 * MIN);
    status = 500;
    expect(await deliverDueAlerts()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    // Not due again before its backoff.
    expect(await deliverDueAlerts()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    status = 200;
    expect(await deliverDueAlerts(Date.now() + 10 * MIN)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.hooks).toHaveLength(1);
    expect(receiver.hooks[0]!.body).toHaveProperty("text");
    const log = await dbPool().query(`SELECT status, attempts, response_status FROM alert_deliveries WHERE alert_id = $1`, [first!.id]);
    expect(log.rows).toEqual([{ status: "delivered", attempts: 2, response_status: 200 }]);

    await recordAlert(darkCandidate("152b0e", T0), rules, T0 + 6 * MIN);
    status = 503;
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) expect((await deliverDueAlerts(Date.now() + i * 10 * MIN)).retrying).toBe(1);
    expect(await deliverDueAlerts(Date.now() + 100 * MIN)).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const failed = await listAlerts();
    expect(failed[0]!.deliveries).toEqual([expect.objectContaining({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS, lastError: "HTTP 503" })]);
    // The log shows the hook's address masked: it is a secret.
    expect(failed[0]!.deliveries[0]!.webhookUrl).not.toContain("/hook");
  });

  it("refuses a hook URL with credentials, and removing a rule cancels its pending deliveries and masks its address", async () => {
    await expect(addAlertRule({ rule: "all", channel: "webhook", webhookUrl: "https://user:pw@hooks.example.org/x" }, "cli")).rejects.toThrow(/user name or password/);
    const rule = await addAlertRule({ rule: "spoofing", channel: "webhook", webhookUrl: "https://hooks.example.org/services/SECRETTOKEN" }, "cli");
    const recorded = await recordAlert({ ...darkCandidate("730541", T0), rule: "spoofing", description: { rule: "spoofing", icao24: "730541", registration: "EP-AJA", typecode: "A343", callsign: null, stretchKind: "frozen", durationS: 600 } }, await loadAlertRules(), T0);
    await removeAlertRule(rule.id, "cli");
    const { rows } = await dbPool().query(`SELECT status, last_error, webhook_url FROM alert_deliveries WHERE alert_id = $1`, [recorded!.id]);
    expect(rows).toEqual([{ status: "failed", last_error: "rule removed", webhook_url: "https://hooks.example.org/…OKEN" }]);
    expect(await deliverDueAlerts(Date.now() + 100 * MIN)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });
});

describe("where a webhook may point", () => {
  /** Deliver one fresh "dark" alert to `url` (a rule written as if added while it was allowed) and return its log row. */
  async function deliverTo(url: string, icao24: string) {
    await dbPool().query(`DELETE FROM alert_rules WHERE channel = 'webhook'`);
    await dbPool().query(`INSERT INTO alert_rules (rule, channel, webhook_url, webhook_format) VALUES ('dark', 'webhook', $1, 'json')`, [url]);
    const alert = await recordAlert(darkCandidate(icao24, T0), await loadAlertRules(), T0 + 6 * MIN);
    await deliverDueAlerts(Date.now() + 1000 * MIN);
    const { rows } = await dbPool().query(`SELECT status, attempts, last_error FROM alert_deliveries WHERE alert_id = $1`, [alert!.id]);
    return rows[0];
  }

  it("refuses this machine, link-local and multicast addresses unless allowed, and keeps private networks", async () => {
    status = 200;
    process.env.DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS = "0";
    try {
      for (const url of ["http://127.0.0.1:9000/hook", "http://localhost:3000/api", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/x", "http://[::ffff:127.0.0.1]/x", "http://224.0.0.1/x", "http://0.0.0.0:80/"]) {
        await expect(addAlertRule({ rule: "all", channel: "webhook", webhookUrl: url }, "cli"), url).rejects.toThrow(/may not point at this machine/);
      }
      // This machine's own interface addresses are this machine too, whatever their range.
      const own = Object.values(os.networkInterfaces()).flat().filter((i) => i && !i.internal && !i.address.startsWith("fe80")).map((i) => i!);
      for (const i of own) {
        const url = i.family === "IPv4" ? `http://${i.address}:3000/api/health` : `http://[${i.address}]:3000/`;
        await expect(addAlertRule({ rule: "all", channel: "webhook", webhookUrl: url }, "cli"), url).rejects.toThrow(/may not point at this machine/);
      }
      const lan = await addAlertRule({ rule: "all", channel: "webhook", webhookUrl: "http://10.20.30.40/hooks/newsroom" }, "cli");
      expect(lan.channel).toBe("webhook");
      await removeAlertRule(lan.id, "cli");

      // A rule that points here already (added while allowed) is refused at delivery, and nothing is posted.
      const before = receiver.hooks.length;
      expect(await deliverTo(receiver.url, "0a0b01")).toMatchObject({ last_error: "refused: the host is this machine, link-local or multicast" });
      expect(receiver.hooks).toHaveLength(before);
      // So is any name that resolves here: the connection's own lookup checks the address it connects to.
      for (const all of [false, true]) {
        const looked = await new Promise<{ code?: string }>((resolve) => webhookLookup("localhost", { all }, (error) => resolve({ code: (error as { code?: string } | null)?.code })));
        expect(looked.code).toBe(LOCAL_TARGET_CODE);
      }
      await expect(addAlertRule({ rule: "all", channel: "webhook", webhookUrl: "http://LocalHost.:3000/x" }, "cli")).rejects.toThrow(/may not point at this machine/);
    } finally {
      process.env.DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS = "1";
    }
    // Allowed, the same rule delivers, and the name resolves.
    expect(await deliverTo(receiver.url, "0a0b03")).toMatchObject({ status: "delivered", last_error: null });
    const address = await new Promise<string>((resolve) => webhookLookup("localhost", { family: 4 }, (_error, found) => resolve(found as string)));
    expect(address).toBe("127.0.0.1");
  });

  it("words a refused connection and a hook that never answers", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await deliverTo(`http://127.0.0.1:${port}/hook`, "0a0b04")).toMatchObject({ status: "pending", last_error: "connection refused" });

    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
      expect(await deliverTo(url, "0a0b05")).toMatchObject({ status: "pending", last_error: "no answer within 5 s" });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 20_000);

  it("takes a hook's status as its answer, even when its body trickles on forever", async () => {
    const drip = http.createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => response.write("."), 500);
      response.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => drip.listen(0, "127.0.0.1", resolve));
    try {
      const startedMs = Date.now();
      const url = `http://127.0.0.1:${(drip.address() as AddressInfo).port}/hook`;
      expect(await deliverTo(url, "0a0b06")).toMatchObject({ status: "delivered", attempts: 1 });
      // Before the 5 s deadline: the round does not wait for the body.
      expect(Date.now() - startedMs).toBeLessThan(4_000);
    } finally {
      drip.closeAllConnections();
      await new Promise((resolve) => drip.close(resolve));
    }
  }, 20_000);
});
