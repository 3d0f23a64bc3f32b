import { expect, test, type Page } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { newFlaggedFlight, publishedSwitchOff, query, reviewOf, signIn, splitKey } from "./support/dashboard";

/**
 * Pages served whole from the web server's cache (lib/server/pages/page-html-cache.ts): a
 * reader's for every reader, a signed-in user's for that session only and only while nothing
 * has been written (a signed-in page stands in for a few seconds while it renders again after a
 * write that was nobody's action). `x-darkflight-cache` says `hit`, `stale` or `miss`; absent, the
 * page was rendered.
 */

const BASE_URL = () => process.env.E2E_BASE_URL!;

test("a reader's pages come whole from the cache; client navigations are rendered, and a signed-in user never gets a reader's page", async ({ page, request }) => {
  const switchOff = await publishedSwitchOff();
  for (const path of ["/", "/methodology", `/flights/${switchOff.key}`]) {
    await expect.poll(async () => (await request.get(path)).headers()["x-darkflight-cache"], { message: path }).toBe("hit");
  }
  const kept = await request.get("/");
  expect(kept.headers()["content-type"]).toContain("text/html");
  expect(kept.headers()["content-security-policy"]).toContain("default-src 'self'");
  expect(await kept.text()).toContain("Dark and detouring flights in the Caribbean");
  // A client navigation asks for the RSC payload: never answered with the kept HTML.
  const rsc = await request.get("/?_rsc=e2e", { headers: { RSC: "1" } });
  expect(rsc.headers()["x-darkflight-cache"]).toBeUndefined();
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  // Signed in: the page is this user's (the navigation shows the analyst's links), kept or not.
  await signIn(page, await createAccount("ANALYST"), "/");
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" })).toBeVisible();
});

test("an analyst's pages are kept for that account until something is written; a colleague gets their own", async ({ page, browser }) => {
  const analyst = await createAccount("ANALYST");
  const colleague = await createAccount("ANALYST");
  const flight = await newFlaggedFlight();
  const path = `/flights/${flight.key}`;
  const other = await browser.newContext({ baseURL: BASE_URL() });
  try {
    const colleaguePage = await other.newPage();
    await signIn(page, analyst, "/review");
    await signIn(colleaguePage, colleague, "/review");
    const nav = (p: Page) => p.getByRole("navigation", { name: "Main" });
    // A second full load with nothing written in between comes from the cache (signed-in-page-version.ts).
    await expect.poll(async () => (await page.goto("/review"))?.headers()["x-darkflight-cache"]).toBe("hit");
    await expect(page.getByTestId("queue-table")).toBeVisible();
    await expect.poll(async () => (await page.goto(path))?.headers()["x-darkflight-cache"]).toBe("hit");
    await expect(page.getByTestId("review-panel").getByTestId("review-status")).toHaveText("new");
    await expect(nav(page)).toContainText(analyst.email);
    // The colleague's copy is the colleague's, kept or not: never the analyst's.
    await expect.poll(async () => (await colleaguePage.goto(path))?.headers()["x-darkflight-cache"]).toBe("hit");
    await expect(nav(colleaguePage)).toContainText(colleague.email);
    await expect(nav(colleaguePage)).not.toContainText(analyst.email);

    // Data written by no one's action (a live feed's commit re-detecting the flight): the kept page
    // stands in while the page renders again, then the new one is kept.
    const [icao24, id] = splitKey(flight.key);
    const title = page.getByTestId("flight-title");
    const [stored] = await query<{ callsign: string | null }>(`SELECT callsign FROM flights WHERE icao24 = $1 AND id = $2`, [icao24, id]);
    const setCallsign = (value: string | null) => query(`UPDATE flights SET callsign = $3 WHERE icao24 = $1 AND id = $2`, [icao24, id, value]);
    try {
      await setCallsign("DFK101");
      await expect.poll(async () => (await page.goto(path))?.headers()["x-darkflight-cache"]).toBe("hit");
      await expect(title).toContainText("DFK101");
      await setCallsign("DFK202");
      expect((await page.goto(path))?.headers()["x-darkflight-cache"]).toBe("stale");
      await expect(title).toContainText("DFK101");
      await expect.poll(async () => (await page.goto(path))?.headers()["x-darkflight-cache"]).toBe("hit");
      await expect(title).toContainText("DFK202");
    } finally {
      await setCallsign(stored?.callsign ?? null);
    }

    // The colleague takes the flight into review: the analyst's next load is rendered anew and shows it,
    // never the page from before their action.
    const colleaguePanel = colleaguePage.getByTestId("review-panel");
    await colleaguePanel.getByRole("button", { name: "Take into review", exact: true }).click();
    await expect(colleaguePanel.getByTestId("review-status")).toHaveText("in review");
    expect((await page.goto(path))?.headers()["x-darkflight-cache"]).toBe("miss");
    await expect(page.getByTestId("review-panel").getByTestId("review-status")).toHaveText("in review");
    expect(await reviewOf(flight.key)).toEqual({ status: "IN_REVIEW", published: false });
  } finally {
    await other.close();
  }
});


test("a session that ended, or two session cookies at once, never get a kept page", async ({ page, browser, request }) => {
  const analyst = await createAccount("ANALYST");
  const colleague = await createAccount("ANALYST");
  await signIn(page, analyst, "/review");
  await expect.poll(async () => (await page.goto("/review"))?.headers()["x-darkflight-cache"]).toBe("hit");
  const ended = (await page.context().cookies()).find((c) => c.name === "darkflight_session")!;

  // A planted second session cookie: the proxy does not pick one, the page decides.
  const other = await browser.newContext({ baseURL: BASE_URL() });
  try {
    const colleaguePage = await other.newPage();
    await signIn(colleaguePage, colleague, "/review");
    const theirs = (await other.cookies()).find((c) => c.name === "darkflight_session")!;
    const both = await request.get("/review", { headers: { cookie: `darkflight_session=${ended.value}; darkflight_session=${theirs.value}` }, maxRedirects: 0 });
    expect(both.headers()["x-darkflight-cache"]).toBeUndefined();
  } finally {
    await other.close();
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login|\/$/);
  const replayed = await request.get("/review", { headers: { cookie: `darkflight_session=${ended.value}` }, maxRedirects: 0 });
  expect(replayed.status()).toBe(307);
  expect(replayed.headers()["location"]).toContain("/login");
  expect(replayed.headers()["x-darkflight-cache"]).toBeUndefined();
});
