import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { query, signIn } from "./support/dashboard";

/**
 * The live pages: an admin's feeds, an analyst's alert rules, and alerts arriving in an open
 * page without a reload (a NOTIFY on the channel the live path uses, sent straight to the
 * e2e server's database, as the worker would after committing an alert).
 */

const LIVE_CHANNEL = "darkflight_live";

/** Web server sessions listening on the live channel (one shared connection per process, or none). */
async function liveListeners(): Promise<number> {
  const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'darkflight-live-listener'`);
  return row!.n;
}

test("an admin adds a live feed, sees it not connected, removes it; a bad URL is refused in words", async ({ page }) => {
  const admin = await createAccount("ADMIN");
  await signIn(page, admin, "/admin/feeds");
  await expect(page.getByRole("heading", { level: 1, name: "Live feeds" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feeds" })).toBeVisible();

  // A kind of source the worker cannot read: the data layer's words, and the typed URL kept for correction.
  await page.getByLabel("Source URL").fill("ftp://127.0.0.1:39999");
  await page.getByRole("button", { name: "Add feed" }).click();
  await expect(page.getByLabel("Source URL")).toHaveAccessibleDescription("ftp://127.0.0.1:39999: unknown source kind ftp (sbs1:// or aircraft-json+http://)");
  await expect(page.getByLabel("Source URL")).toHaveValue("ftp://127.0.0.1:39999");
  await expect(page.getByTestId("live-feed")).toHaveCount(0);

  // Nothing listens on this port: the feed is listed, and honestly not connected.
  await page.getByLabel("Source URL").fill("sbs1://127.0.0.1:39999");
  await page.getByLabel("Name (optional)").fill("e2e receiver");
  await page.getByRole("button", { name: "Add feed" }).click();
  await expect(page.getByText("Added sbs1://127.0.0.1:39999.")).toBeVisible();
  const row = page.getByTestId("live-feed").filter({ hasText: "sbs1://127.0.0.1:39999" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("e2e receiver");
  await expect(row.getByTestId("feed-connection")).toHaveText("not connected");

  // The same URL twice is refused.
  await page.getByLabel("Source URL").fill("sbs1://127.0.0.1:39999");
  await page.getByRole("button", { name: "Add feed" }).click();
  await expect(page.getByLabel("Source URL")).toHaveAccessibleDescription(/^sbs1:\/\/127\.0\.0\.1:39999 is already feed \d+$/);

  await row.getByRole("button", { name: "Remove feed e2e receiver" }).click();
  await expect(page.getByTestId("live-feed")).toHaveCount(0);
  expect(await query(`SELECT 1 FROM live_feeds WHERE url = 'sbs1://127.0.0.1:39999'`)).toHaveLength(0);
});

test("an analyst adds a webhook rule, sees its URL masked, and removes it", async ({ page }) => {
  const analyst = await createAccount("ANALYST");
  await signIn(page, analyst, "/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  const form = page.getByTestId("add-alert-rule");

  // A webhook rule without its URL is refused in words.
  await form.getByLabel("Alert me about").selectOption("dark");
  await form.getByLabel("Channel").selectOption("webhook");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByLabel("Webhook URL (webhook only)")).toHaveAccessibleDescription("a webhook rule needs its URL");

  const secret = `e2eSecret${crypto.randomBytes(4).toString("hex")}WXYZ`;
  const hook = `https://hooks.slack.com/services/T00000000/B00000000/${secret}`;
  await form.getByLabel("Channel").selectOption("webhook");
  await form.getByLabel("Webhook URL (webhook only)").fill(hook);
  await form.getByLabel("Webhook format").selectOption(""); // automatic: a Slack URL is sent in Slack's shape
  await form.getByRole("button", { name: "Add rule" }).click();

  const row = page.getByTestId("alert-rule").filter({ hasText: "https://hooks.slack.com/…WXYZ" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("rule-webhook")).toHaveText("https://hooks.slack.com/…WXYZ");
  await expect(row).toContainText("went dark");
  await expect(row).toContainText("slack format");
  await expect(row).toContainText("0 delivered · 0 pending · 0 failed");
  await expect(row).toContainText(`by ${analyst.email}`);
  // The secret part of the URL is never sent to the browser.
  expect(await page.content()).not.toContain(secret);

  await row.getByRole("button", { name: /^Remove rule \d+: went dark$/ }).click();
  await expect(row).toHaveCount(0);
  expect(await query(`SELECT 1 FROM alert_rules WHERE webhook_url = $1`, [hook])).toHaveLength(0);
});

test("a new alert appears in an analyst's open pages without a reload, and the listener closes when they leave", async ({ page }) => {
  const analyst = await createAccount("ANALYST");
  await signIn(page, analyst, "/review");
  // The review page: live status and the "dark now" section above the queue.
  await expect(page.getByTestId("live-status")).toHaveText(/^Live: updated \d\d:\d\d:\d\d UTC$/);
  const darkNow = page.getByTestId("dark-now");
  await expect(darkNow.getByRole("heading", { name: "Dark now" })).toBeVisible();
  const entries = await darkNow.getByTestId("dark-now-entry").count();
  if (entries === 0) await expect(darkNow).toContainText("No aircraft of interest is silent now");
  else await expect(darkNow.getByTestId("dark-now-entry").first().getByRole("link")).toHaveAttribute("href", /^\/flights\/[0-9a-f]{6}-\d+$/);

  // A second tab on the alerts page: both streams share one listening connection.
  const alertsPage = await page.context().newPage();
  await alertsPage.goto("/alerts");
  await expect(alertsPage.getByTestId("live-status")).toHaveText(/^Live: updated/);
  expect(await liveListeners()).toBe(1);
  await alertsPage.evaluate(() => Object.assign(window, { e2eNotReloaded: true }));

  const [flight] = await query<{ icao24: string; id: string }>(`SELECT trim(icao24) AS icao24, id::text AS id FROM flights ORDER BY id LIMIT 1`);
  const key = `${flight!.icao24}-${flight!.id}`;
  const summary = `E2E ${crypto.randomBytes(3).toString("hex")}: silent for 12 min at FL350 where 40 positions were expected.`;
  const url = `https://darkflight.example/flights/${key}`;
  const [alert] = await query<{ id: string }>(
    `INSERT INTO alerts (rule, icao24, dedupe_key, flight_id, summary, at, url)
     VALUES ('dark', $1, $2, $3, $4, now(), $5) RETURNING id::text AS id`,
    [flight!.icao24, `e2e:${crypto.randomUUID()}`, flight!.id, summary, url],
  );
  // A delivery that already gave up (the worker only retries pending ones).
  await query(
    `INSERT INTO alert_deliveries (alert_id, webhook_url, format, status, attempts, last_error, response_status, next_attempt_at)
     VALUES ($1, 'https://example.org/hooks/e2e-secret-ABCD', 'json', 'failed', 3, 'HTTP 500', 500, now())`,
    [alert!.id],
  );
  await query(`SELECT pg_notify($1, $2)`, [LIVE_CHANNEL, JSON.stringify({ kind: "alert", streamTimeMs: 0, alerts: [{ id: alert!.id, rule: "dark", summary, url }] })]);

  for (const open of [page, alertsPage]) {
    const notice = open.getByTestId("live-alerts").getByTestId("live-alert").filter({ hasText: summary });
    await expect(notice).toContainText(`went dark: ${summary}`);
    await expect(notice.getByRole("link", { name: "Open the flight" })).toHaveAttribute("href", `/flights/${key}`);
  }
  // The alerts page re-rendered its list from the server, in place.
  const listed = alertsPage.getByTestId("alerts-list").getByTestId("alert").filter({ hasText: summary });
  await expect(listed).toHaveCount(1);
  await expect(listed.getByRole("link", { name: "Open the flight" })).toHaveAttribute("href", `/flights/${key}`);
  await expect(listed.getByTestId("alert-deliveries")).toHaveText("https://example.org/…ABCD (json): failed after 3 attempts (HTTP 500)");
  expect(await alertsPage.evaluate(() => (window as unknown as { e2eNotReloaded?: boolean }).e2eNotReloaded)).toBe(true);

  // A notice can be dismissed.
  await page.getByRole("button", { name: `Dismiss the alert: ${summary}` }).click();
  await expect(page.getByTestId("live-alert").filter({ hasText: summary })).toHaveCount(0);

  // The analysts' overview of every flagged flight follows live detection too; the published one has no stream.
  await page.goto("/?scope=all");
  await expect(page.getByTestId("live-status")).toHaveText(/^Live: updated/);
  await page.goto("/");
  await expect(page.getByTestId("live-refresh")).toHaveCount(0);

  // Leaving closes the streams, and with the last one the shared connection.
  await alertsPage.close();
  await page.close();
  await expect.poll(liveListeners, { timeout: 15_000 }).toBe(0);
});

test("the live event stream refuses anonymous visitors and other roles", async ({ request, browser }) => {
  const anonymous = await request.get("/api/live/events");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" });

  const admin = await createAccount("ADMIN");
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  await signIn(page, admin, "/admin/feeds");
  const refused = await page.request.get("/api/live/events");
  expect(refused.status()).toBe(403);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" })).toHaveCount(0);
  await context.close();
});
