import crypto from "node:crypto";
import fs from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";
import type { Feature, FeatureCollection, Position } from "geojson";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { linePositions, parseKml } from "../support/parse-kml";
import { createAccount } from "./support/accounts";
import {
  expectBarsDrawn,
  expectNoHorizontalOverflow,
  flightGaps,
  flightPositions,
  newFlaggedFlight,
  number,
  publishedFigures,
  publishedFindings,
  publishedSwitchOff,
  query,
  reviewOf,
  screenshot,
  signIn,
  tableTotal,
  unpublishedPlainGapFlight,
  type StoredPosition,
} from "./support/dashboard";

/**
 * The dashboard's journeys against the production build and the demo data: a reader on the
 * public pages, an analyst reviewing and publishing, a researcher uploading, and the downloads
 * checked against the database. Every expectation is computed from the database at the time of
 * the test, so findings published by other spec files do not break it.
 */

const BASE_URL = () => process.env.E2E_BASE_URL!;

/** Loads the overview as a reader until it comes whole from the cache; when it last did. */
async function keptOverview(readerPage: Page): Promise<number> {
  await expect.poll(async () => (await readerPage.goto("/"))?.headers()["x-darkflight-cache"]).toBe("hit");
  return Date.now();
}

/** What the track map must draw dashed: the CSS dash pattern is set (not "none"). */
async function dashArray(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((el) => getComputedStyle(el).strokeDasharray);
}

/** The track map drew the flight: at least one segment longer than a dot (a lone position draws as one). */
async function expectTrackDrawn(page: Page): Promise<void> {
  const segments = page.getByTestId("track-map").getByTestId("map-track-segment");
  await expect(segments.first()).toBeAttached();
  await expect
    .poll(() => segments.evaluateAll((els) => Math.max(0, ...els.map((e) => { const r = e.getBoundingClientRect(); return Math.max(r.width, r.height); }))))
    .toBeGreaterThan(20);
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

function expectSamePosition(actual: Position, stored: StoredPosition, what: string) {
  expect(near(actual[0]!, stored.lonDeg) && near(actual[1]!, stored.latDeg), `${what}: [${actual.join(", ")}] vs lon ${stored.lonDeg}, lat ${stored.latDeg}`).toBe(true);
}


function attachmentName(response: APIResponse): string {
  const disposition = response.headers()["content-disposition"] ?? "";
  const match = /^attachment; filename="([^"]+)"$/.exec(disposition);
  expect(match, `Content-Disposition: ${disposition}`).not.toBeNull();
  return match![1]!;
}

// ------------------------------------------------------------------------------------ reader

test.describe("a reader", () => {
  test("opens the overview: headline figures from the database, drawn charts, the map and the latest findings; then a suspected switch-off", async ({ page }, testInfo) => {
    const figures = await publishedFigures();
    const published = await publishedFindings();
    expect(published.length).toBeGreaterThanOrEqual(4); // the demo analyst published four

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Dark and detouring flights in the Caribbean" })).toBeVisible();
    await expect(page.getByTestId("figure-findings")).toHaveText(number.format(figures.findings));
    await expect(page.getByTestId("figure-cuba-venezuela")).toHaveText(number.format(figures.cubaVenezuela));
    await expect(page.getByTestId("figure-suspected")).toHaveText(number.format(figures.suspected));
    await expect(page.getByTestId("figure-gaps")).toHaveText(number.format(figures.gaps));
    await expect(page.getByTestId("figure-detours")).toHaveText(number.format(figures.detours));

    // The three charts are drawn in the browser (Recharts), and their tables add up to the figures.
    for (const id of ["chart-flagged-per-week", "chart-cuba-venezuela", "chart-gap-durations"]) await expectBarsDrawn(page.getByTestId(id));
    // Each plot is a keyboard stop (Recharts' role "application"): each has a name to announce.
    const plots = page.getByRole("application");
    await expect(plots).toHaveCount(4);
    for (const plot of await plots.all()) expect((await plot.getAttribute("aria-label"))?.trim()).toBeTruthy();
    await expect(page.getByRole("application", { name: "Cuba–Venezuela flights per week, scheduled and unscheduled" })).toBeVisible();
    const gapChart = page.getByTestId("chart-gap-durations");
    expect(await tableTotal(gapChart, 0)).toBe(figures.gaps);
    expect(await tableTotal(gapChart, 1)).toBe(figures.suspected);
    const weekChart = page.getByTestId("chart-flagged-per-week");
    const weekTotals = await weekChart.locator("table tbody tr td:last-child").allTextContents();
    expect(weekTotals.reduce((s, t) => s + Number(t), 0)).toBe(figures.findings);

    // The map draws every published finding's track, each a link to its flight.
    const map = page.getByTestId("overview-map");
    await expect(map.locator("svg[aria-labelledby]")).toBeVisible();
    await expect(map.getByTestId("overview-map-empty")).toHaveCount(0);
    for (const f of published) {
      const track = map.locator(`[data-testid="map-track"][data-key="${f.key}"]`);
      expect(await track.count(), `map track of ${f.key}`).toBeGreaterThanOrEqual(1);
      await expect(track.first()).toBeVisible();
    }
    expect(await map.getByTestId("map-track").count()).toBeGreaterThanOrEqual(published.length);
    await expect(map.locator('[data-testid="map-gap"][data-suspected="true"]').first()).toBeVisible();

    // The latest findings: the newest published first, at most ten, only published ones.
    const items = page.getByTestId("finding");
    await expect(items).toHaveCount(Math.min(10, published.length));
    const listed = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-key")!));
    const publishedKeys = new Set(published.map((f) => f.key));
    for (const key of listed) expect(publishedKeys.has(key), `${key} is a published finding`).toBe(true);
    await screenshot(page, testInfo, "reader-overview");

    // A published finding with a suspected switch-off, opened from the list.
    const switchOff = await publishedSwitchOff();
    const entry = page.locator(`[data-testid="finding"][data-key="${switchOff.key}"]`);
    await expect(entry).toBeVisible();
    await expect(entry.locator(".tags")).toContainText("suspected switch-off");
    await entry.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/flights/${switchOff.key}$`));
    await expect(page.getByTestId("flight-title")).toContainText(switchOff.callsign ?? "No callsign");
    const positions = await flightPositions(switchOff.key);
    await expect(page.getByTestId("stat-positions")).toHaveText(number.format(positions.length));

    // The track map: the silence as a dashed line between "ADS-B lost" and "ADS-B back".
    const track = page.getByTestId("track-map");
    await expectTrackDrawn(page);
    const gap = track.locator('[data-testid="map-gap"][data-suspected="true"]');
    await expect(gap.first()).toBeVisible();
    expect(await dashArray(page, '[data-testid="track-map"] [data-testid="map-gap"][data-suspected="true"]')).not.toBe("none");
    expect(await dashArray(page, '[data-testid="track-map"] [data-testid="map-track-segment"]')).toBe("none"); // observed: solid
    await expect(track.locator('[data-testid="gap-off"][data-suspected="true"]').first()).toBeVisible();
    await expect(track.locator('[data-testid="gap-on"][data-suspected="true"]').first()).toBeVisible();

    // The profile: lines drawn, the silence shaded.
    const profile = page.getByTestId("chart-flight-profile");
    await expect(profile.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(profile.getByRole("application", { name: "Altitude (ft) and ground speed (kt) over time, gaps shaded" })).toBeVisible();
    await expect(profile.locator(".recharts-line-curve").first()).toBeVisible();
    const gaps = await flightGaps(switchOff.key);
    await expect(profile.locator(".recharts-reference-area")).toHaveCount(gaps.length);
    await expect(profile.locator(".recharts-reference-area-rect").first()).toBeVisible();
    await expect(profile).toContainText("Shaded: suspected switch-off");

    // The flags in plain words: no rule codes, the switch-off with its witnesses.
    const flags = page.getByTestId("flag-list");
    await expect(flags).toBeVisible();
    expect(await flags.textContent()).not.toMatch(/TRANSPONDER_GAP|CUBA_VENEZUELA|ZONE_AVOIDANCE|TYPE_OF_INTEREST|UNSCHEDULED/);
    const gapFlag = flags.locator('[data-testid="flag"][data-kind="TRANSPONDER_GAP"]').first();
    await expect(gapFlag.locator(".tag")).toHaveText("suspected switch-off");
    // Expected versus received, from the reception map, then what the other aircraft did meanwhile.
    const meanwhile = switchOff.witnesses > 0 ? `while ${switchOff.witnesses} other aircraft (were|was) received there during the silence` : "and no other aircraft there went quiet .+";
    await expect(gapFlag.getByTestId("flag-sentence")).toHaveText(
      new RegExp(`^ADS-B silent .+: at the reception measured here over 7 days, about [\\d,]+ positions were expected along its path; none arrived, ${meanwhile}\\.$`),
    );
    // The reception layer: the cells along the silence, coloured by the reception measured there.
    const cells = track.getByTestId("reception-cell");
    expect(await cells.count()).toBeGreaterThan(0);
    await expect(track.getByTestId("reception-layer")).toBeAttached();
    expect(await cells.first().getAttribute("aria-label")).toMatch(/% of the positions expected here were received|reception unknown/);
    await expect(page.getByTestId("gap-table")).toContainText(
      switchOff.witnesses > 0 ? `suspected switch-off: ${switchOff.witnesses} other aircraft received along its path meanwhile` : "suspected switch-off",
    );
    // A reader gets the public downloads, not the analysts' case file.
    await expect(page.getByTestId("downloads").getByRole("link", { name: /Case file/ })).toHaveCount(0);
    await expect(page.getByTestId("review-panel")).toHaveCount(0);
    await screenshot(page, testInfo, "reader-flight-switch-off");
  });

  test("narrows the overview to a period with the form: figures and list follow", async ({ page }, testInfo) => {
    const days = await query<{ day: string }>(
      `SELECT DISTINCT to_char(f.first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
         FROM flights f JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
        WHERE r.published AND r.status = 'CONFIRMED' ORDER BY 1`,
    );
    expect(days.length).toBeGreaterThanOrEqual(2);
    const from = days.at(-1)!.day; // the last day with a published finding
    const [expected] = await query<{ n: number; keys: string[] }>(
      `SELECT count(*)::int AS n, array_agg(trim(f.icao24) || '-' || f.id::text) AS keys
         FROM flights f JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
        WHERE r.published AND r.status = 'CONFIRMED' AND f.first_seen >= $1::date`,
      [from],
    );
    await page.goto("/");
    const form = page.getByTestId("period-form");
    await form.getByLabel("First seen from (UTC)").fill(from);
    await form.getByRole("button", { name: "Show period" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]from=${from}(&|$)`));
    await expect(page.getByTestId("figure-findings")).toHaveText(number.format(expected!.n));
    const listed = await page.getByTestId("finding").evaluateAll((els) => els.map((e) => e.getAttribute("data-key")!));
    expect(listed.sort()).toEqual([...expected!.keys].sort().slice(0, 10));
    await expect(page.getByRole("link", { name: "All dates" })).toBeVisible();
    await expectBarsDrawn(page.getByTestId("chart-flagged-per-week"));
    await screenshot(page, testInfo, "reader-overview-period");
  });

  test("points at a track on the overview map, a little beside its thin line: the wide hover area names the flight", async ({ page }) => {
    await page.goto("/");
    const track = page.getByTestId("map-track").first();
    await expect(track).toBeAttached();
    await track.scrollIntoViewIfNeeded();
    // Points 4 px off the line, across it: inside the 14-px hover copy (<use>), outside the drawn
    // 2.5-px stroke. The first along the track where a hover copy is what the pointer meets (other
    // tracks, gaps or labels may lie on top elsewhere).
    const spot = await track.evaluate((el) => {
      const path = el as SVGPathElement;
      const length = path.getTotalLength();
      const at = (l: number) => path.getPointAtLength(l).matrixTransform(path.getScreenCTM()!);
      for (const share of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const [a, b] = [at(length * share), at(Math.min(length, length * share + 1))];
        const norm = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        for (const side of [4, -4]) {
          const [x, y] = [a.x - ((b.y - a.y) / norm) * side, a.y + ((b.x - a.x) / norm) * side];
          const under = document.elementFromPoint(x, y);
          if (under?.tagName === "use") {
            return { x, y, description: under.closest("a")!.getAttribute("aria-label")!.replace(/\. Open the flight\.$/, "") };
          }
        }
      }
      return null;
    });
    expect(spot, "a point beside the track where its hover copy is under the pointer").not.toBeNull();
    // Moved again until the page has hydrated and listens.
    await expect(async () => {
      await page.mouse.move(spot!.x - 1, spot!.y);
      await page.mouse.move(spot!.x, spot!.y);
      await expect(page.getByTestId("map-tooltip")).toHaveText(spot!.description, { timeout: 1000 });
    }).toPass();
  });

  test("cannot open an unpublished flagged flight, nor download it: 404 as for a flight that does not exist", async ({ page, request }, testInfo) => {
    const hidden = await unpublishedPlainGapFlight();
    const response = await page.goto(`/flights/${hidden.key}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("flight-title")).toHaveCount(0);
    await screenshot(page, testInfo, "reader-unpublished-404");
    for (const file of ["track.csv", "track.geojson", "track.kml", "flags.csv"]) {
      expect((await request.get(`/flights/${hidden.key}/export/${file}`)).status(), file).toBe(404);
    }
    expect((await request.get(`/flights/0d0000-999999999/export/track.csv`)).status()).toBe(404);
    // Reviewed but not published (in review, dismissed, or confirmed and not yet published): hidden too.
    const reviewed = await query<{ key: string }>(
      `SELECT trim(icao24) || '-' || flight_id::text AS key FROM reviews WHERE NOT published ORDER BY status, icao24, flight_id LIMIT 5`,
    );
    expect(reviewed.length).toBeGreaterThanOrEqual(3); // the demo data: two in review, one dismissed
    for (const { key } of reviewed) {
      expect((await request.get(`/flights/${key}`)).status(), key).toBe(404);
      expect((await request.get(`/flights/${key}/export/track.geojson`)).status(), key).toBe(404);
    }
  });

  test.describe("on a phone (390 × 844)", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("the overview and a flight page fit the screen and show their map", async ({ page }, testInfo) => {
      await page.goto("/");
      await expectBarsDrawn(page.getByTestId("chart-gap-durations"));
      await expect(page.getByTestId("overview-map").locator("svg[aria-labelledby]")).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await screenshot(page, testInfo, "phone-overview");

      const switchOff = await publishedSwitchOff();
      await page.goto(`/flights/${switchOff.key}`);
      await expect(page.getByTestId("chart-flight-profile").locator("svg.recharts-surface").first()).toBeVisible();
      const map = page.getByTestId("track-map").locator("svg[aria-labelledby]");
      await expect(map).toBeVisible();
      const box = await map.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.width).toBeLessThanOrEqual(390);
      await expectNoHorizontalOverflow(page);
      await screenshot(page, testInfo, "phone-flight");
    });
  });
});

// ----------------------------------------------------------------------------------- analyst

test.describe("an analyst", () => {
  test("sees the reception map on the overview of all flagged flights, and a reader does not", async ({ page }, testInfo) => {
    const analyst = await createAccount("ANALYST");
    await signIn(page, analyst, "/?scope=all");
    const map = page.getByTestId("overview-map");
    await expect(map).toBeVisible();
    const cells = map.getByTestId("reception-cell");
    expect(await cells.count()).toBeGreaterThan(20);
    expect(await cells.first().getAttribute("aria-label")).toMatch(/% of [\d,]+ positions expected here were received/);
    await expect(page.getByRole("list", { name: "Map legend" })).toContainText("reception: 90 % or more");
    await screenshot(page, testInfo, "analyst-overview-reception");
    await page.context().clearCookies();
    await page.goto("/");
    await expect(page.getByTestId("overview-map")).toBeVisible();
    await expect(page.getByTestId("overview-map").getByTestId("reception-cell")).toHaveCount(0);
  });

  test("filters the queue through the URL and the form", async ({ page }, testInfo) => {
    const analyst = await createAccount("ANALYST");
    await signIn(page, analyst, "/review");
    await expect(page).toHaveURL(/\/review$/);
    await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();

    const countOf = async (kind: string) =>
      (
        await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM flights f LEFT JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
            WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id AND g.kind = $1::"FlagKind")
              AND coalesce(r.status, 'NEW') = 'NEW'`,
          [kind],
        )
      )[0]!.n;

    const gaps = await countOf("TRANSPONDER_GAP");
    expect(gaps).toBeGreaterThan(0);
    await page.goto("/review?kind=TRANSPONDER_GAP&status=NEW&sort=score");
    await expect(page.getByTestId("queue-count")).toHaveText(
      `${number.format(gaps)} flagged flight${gaps === 1 ? "" : "s"} match these filters · page 1 of ${Math.max(1, Math.ceil(gaps / 50))}`,
    );
    const rows = page.getByTestId("queue-row");
    await expect(rows).toHaveCount(Math.min(gaps, 50));
    for (const row of await rows.all()) {
      await expect(row.getByTestId("queue-status")).toHaveText("new");
      const tags = await row.locator(".tags li").allTextContents();
      expect(tags.some((t) => t === "gap" || t === "suspected switch-off"), `${await row.getAttribute("data-key")}: ${tags.join(", ")}`).toBe(true);
    }
    const scores = (await rows.locator("td.num").allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await expect(page.getByTestId("queue-filters").getByLabel("Flag")).toHaveValue("TRANSPONDER_GAP");
    await expect(page.getByTestId("queue-filters").getByLabel("Status")).toHaveValue("NEW");
    await screenshot(page, testInfo, "analyst-queue-gaps");

    // Change the flag filter in the form: the URL carries the new view.
    const cubaVenezuela = await countOf("CUBA_VENEZUELA");
    await page.getByTestId("queue-filters").getByLabel("Flag").selectOption("CUBA_VENEZUELA");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]kind=CUBA_VENEZUELA(&|$)/);
    expect(new URL(page.url()).searchParams.get("status")).toBe("NEW");
    await expect(page.getByTestId("queue-count")).toContainText(`${number.format(cubaVenezuela)} flagged flight`);
    await expect(rows).toHaveCount(Math.min(cubaVenezuela, 50));
    for (const row of await rows.all()) {
      await expect(row.locator(".tags")).toContainText("Cuba–Venezuela");
      await expect(row.getByTestId("queue-status")).toHaveText("new");
    }
    await screenshot(page, testInfo, "analyst-queue-cuba-venezuela");
  });

  test("reads a gap the coverage model did not suspect as a gap, never as a switch-off", async ({ page }, testInfo) => {
    const analyst = await createAccount("ANALYST");
    const plain = await unpublishedPlainGapFlight();
    await signIn(page, analyst, `/flights/${plain.key}`);
    await expect(page).toHaveURL(new RegExp(`/flights/${plain.key}$`));
    const flag = page.locator('[data-testid="flag"][data-kind="TRANSPONDER_GAP"]').first();
    await expect(flag.locator(".tag")).toHaveText("gap");
    const sentence = (await flag.getByTestId("flag-sentence").textContent()) ?? "";
    expect(sentence).toMatch(/\bgap\b/);
    // The only mention of a switch-off allowed is the denial.
    expect(sentence.replace("not a suspected switch-off", "")).not.toMatch(/switch-off|switched off/i);
    await expect(page.getByTestId("gap-table")).toContainText("gap: no coverage evidence");
    await expect(page.getByTestId("gap-table")).not.toContainText("suspected switch-off");
    const track = page.getByTestId("track-map");
    await expect(track.locator('[data-testid="map-gap"][data-suspected="false"]').first()).toBeVisible();
    await expect(track.locator('[data-testid="map-gap"][data-suspected="true"]')).toHaveCount(0);
    expect(await dashArray(page, '[data-testid="track-map"] [data-testid="map-gap"]')).not.toBe("none");
    await expect(page.getByTestId("chart-flight-profile")).toContainText("Shaded: gap");
    await expect(page.getByTestId("chart-flight-profile")).not.toContainText("Shaded: suspected switch-off");
    await screenshot(page, testInfo, "analyst-plain-gap");
  });

  test("sees a silence at the end of a flight last at most until the aircraft was received again", async ({ page }, testInfo) => {
    // An open gap ("nothing received after it") whose aircraft flew again later: its length must stop
    // at the aircraft's next position, not run on to the end of the whole data set.
    const rows = await query<{ key: string; allowed_min: number; open_gaps: number }>(
      `SELECT trim(e.icao24) || '-' || e.flight_id::text AS key,
              (SELECT extract(epoch FROM min(p.time) - e.off_time) / 60 FROM positions p WHERE p.icao24 = e.icao24 AND p.time > e.off_time)::float8 AS allowed_min,
              (SELECT count(*) FROM gap_events o WHERE o.icao24 = e.icao24 AND o.flight_id = e.flight_id AND o.open)::int AS open_gaps
         FROM gap_events e
        WHERE e.open AND EXISTS (SELECT 1 FROM positions p WHERE p.icao24 = e.icao24 AND p.time > e.off_time)
        ORDER BY e.duration_s DESC, e.icao24, e.flight_id LIMIT 3`,
    );
    testInfo.annotations.push({ type: "open gaps followed by later positions", description: rows.map((r) => r.key).join(", ") || "none" });
    const analyst = await createAccount("ANALYST");
    await signIn(page, analyst, "/review");
    for (const row of rows) {
      await page.goto(`/flights/${row.key}`);
      const openRow = page.getByTestId("gap-table").locator("tbody tr").filter({ hasText: "not on this flight (open gap)" }).first();
      const duration = (await openRow.locator("td.num").textContent()) ?? "";
      // A lower bound: the aircraft was not heard again on this flight.
      const match = /^≥ (?:(\d+) h )?(\d+) min$/.exec(duration.trim());
      expect(match, `duration cell "${duration}"`).not.toBeNull();
      const shownMin = Number(match![1] ?? 0) * 60 + Number(match![2]);
      if (row === rows[0]) await screenshot(page, testInfo, "analyst-open-gap");
      expect(shownMin, `${row.key}: open gap shown as ${duration}, but the aircraft was received again ${Math.round(row.allowed_min)} min later`).toBeLessThanOrEqual(Math.ceil(row.allowed_min));

      const geo = JSON.parse(await (await page.request.get(`/flights/${row.key}/export/track.geojson`)).text()) as FeatureCollection;
      const open = geo.features.filter((f) => f.properties?.role === "gap-off" && f.properties.open === true);
      expect(open).toHaveLength(row.open_gaps);
      for (const f of open) expect(f.properties!.durationMin as number, `${row.key} GeoJSON durationMin`).toBeLessThanOrEqual(Math.ceil(row.allowed_min));
    }
  });

  test("takes a flagged flight into review, notes, confirms and publishes it; a reader then sees it; then unpublishes it", async ({ page, browser }, testInfo) => {
    const analyst = await createAccount("ANALYST");
    const flight = await newFlaggedFlight();
    // A reader's overview is kept whole (lib/server/pages/page-html-cache.ts): publishing must
    // replace it at once, and unpublishing again (checked well within its 10 s age limit).
    const reader = await browser.newContext({ baseURL: BASE_URL() });
    const readerPage = await reader.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, analyst, "/review");
    await page.goto(`/flights/${flight.key}`);
    const panel = page.getByTestId("review-panel");
    await expect(panel.getByTestId("review-status")).toHaveText("new");
    // Steps recorded before this test (another journey may have touched the flight): ours come after.
    const trail = panel.getByTestId("audit-trail").locator("li");
    const before = await trail.count();
    await expect(panel).toContainText("not published");

    await panel.getByRole("button", { name: "Take into review", exact: true }).click();
    await expect(panel.getByTestId("review-status")).toHaveText("in review");

    const note = `Checked against the NOTAMs. <script>alert(1)</script><img src=x onerror=alert(1)> ${crypto.randomBytes(3).toString("hex")}`;
    await panel.getByRole("textbox", { name: "Add a note" }).fill(note);
    await panel.getByRole("button", { name: "Add note", exact: true }).click();
    const shown = panel.getByTestId("note").filter({ hasText: note });
    await expect(shown).toHaveCount(1);
    await expect(shown.locator(".note-body")).toHaveText(note);
    await expect(shown.locator("img")).toHaveCount(0);
    await expect(panel.getByTestId("notes").locator("script")).toHaveCount(0);
    await expect(shown).toContainText(analyst.email);

    await panel.getByRole("button", { name: "Confirm", exact: true }).click();
    await expect(panel.getByTestId("review-status")).toHaveText("confirmed");
    // The answer shows (the form outlives the buttons it changed), and the keyboard's focus is on it.
    await expect(panel.getByRole("status").filter({ hasText: "Now confirmed." })).toBeFocused();
    const keptMs = await keptOverview(readerPage);
    await expect(readerPage.locator(`[data-testid="finding"][data-key="${flight.key}"]`)).toHaveCount(0);
    await panel.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(panel.getByTestId("published-badge")).toBeVisible();
    expect((await readerPage.goto("/"))?.headers()["x-darkflight-cache"]).toBe("miss");
    expect(Date.now() - keptMs).toBeLessThan(10_000);
    expect(await reviewOf(flight.key)).toEqual({ status: "CONFIRMED", published: true });

    await expect(trail).toHaveCount(before + 4);
    const steps = (await trail.allTextContents()).slice(before);
    expect(steps[0]).toContain(`${analyst.email} changed the status from new to in review`);
    expect(steps[1]).toContain(`${analyst.email} added a note`);
    expect(steps[2]).toContain(`${analyst.email} changed the status from in review to confirmed`);
    expect(steps[3]).toContain(`${analyst.email} published the finding`);
    await screenshot(page, testInfo, "analyst-published");

    // The reader, in a browser without the analyst's session, now finds it on the public pages.
    try {
      const listed = readerPage.locator(`[data-testid="finding"][data-key="${flight.key}"]`);
      await expect(listed).toBeVisible();
      await expect(readerPage.getByTestId("finding").first()).toHaveAttribute("data-key", flight.key); // newest published first
      await expect(readerPage.locator(`[data-testid="overview-map"] [data-testid="map-track"][data-key="${flight.key}"]`)).toHaveCount(1);
      await screenshot(readerPage, testInfo, "reader-sees-new-finding");
      await listed.getByRole("link").click();
      await expect(readerPage).toHaveURL(new RegExp(`/flights/${flight.key}$`));
      await expect(readerPage.getByTestId("flag-list")).toBeVisible();
      await expect(readerPage.getByTestId("review-panel")).toHaveCount(0);
      // Notes are for analysts: the reader sees neither the panel nor the note's text.
      await expect(readerPage.locator("body")).not.toContainText("Checked against the NOTAMs");

      // Leave the shared database as it was found: unpublish (the status stays confirmed).
      const keptAgainMs = await keptOverview(readerPage);
      await panel.getByRole("button", { name: "Unpublish", exact: true }).click();
      await expect(panel.getByTestId("published-badge")).toHaveCount(0);
      expect((await readerPage.goto("/"))?.headers()["x-darkflight-cache"]).toBe("miss");
      expect(Date.now() - keptAgainMs).toBeLessThan(10_000);
      await expect(readerPage.locator(`[data-testid="finding"][data-key="${flight.key}"]`)).toHaveCount(0);
      await expect(panel.getByTestId("review-status")).toHaveText("confirmed");
      await expect(trail).toHaveCount(before + 5);
      await expect(trail.nth(before + 4)).toContainText(`${analyst.email} unpublished the finding`);
      expect(await reviewOf(flight.key)).toEqual({ status: "CONFIRMED", published: false });
      expect((await readerPage.goto(`/flights/${flight.key}`))?.status()).toBe(404);
    } finally {
      await reader.close();
    }
    expect(dialogs).toEqual([]);
  });

  test("changes the status of two flights at once from the queue", async ({ page }, testInfo) => {
    const analyst = await createAccount("ANALYST");
    await signIn(page, analyst, "/review?kind=TRANSPONDER_GAP&sort=time&dir=asc");
    const rows = page.getByTestId("queue-row");
    await expect(rows.first()).toBeVisible();
    // Two flights still new (the status filter is off, so they stay listed after the change).
    const fresh = rows.filter({ has: page.getByTestId("queue-status").getByText("new", { exact: true }) });
    expect(await fresh.count()).toBeGreaterThanOrEqual(2);
    const keys = [await fresh.nth(0).getAttribute("data-key"), await fresh.nth(1).getAttribute("data-key")] as string[];
    const row = (key: string) => page.locator(`[data-testid="queue-row"][data-key="${key}"]`);

    const bulk = page.getByTestId("bulk-form");
    for (const key of keys) await row(key).getByRole("checkbox").check();
    await bulk.getByLabel("Set the selected to").selectOption("IN_REVIEW");
    await bulk.getByRole("button", { name: "Change status" }).click();
    await expect(bulk.getByRole("status")).toHaveText("2 findings now in review.");
    for (const key of keys) await expect(row(key).getByTestId("queue-status")).toHaveText("in review");
    for (const key of keys) expect((await reviewOf(key))?.status).toBe("IN_REVIEW");
    await screenshot(page, testInfo, "analyst-bulk-in-review");

    // Put them back to new, for the other journeys on the shared database.
    for (const key of keys) await row(key).getByRole("checkbox").check();
    await bulk.getByLabel("Set the selected to").selectOption("NEW");
    await bulk.getByRole("button", { name: "Change status" }).click();
    await expect(bulk.getByRole("status")).toHaveText("2 findings now new.");
    for (const key of keys) await expect(row(key).getByTestId("queue-status")).toHaveText("new");
  });
});

// -------------------------------------------------------------------------------- researcher

/** An OpenSky state-vector file: one aircraft, `points` positions 10 s apart, cruising south-east. */
function openskyFile(path: string, icao24: string, callsign: string, points: number, startS: number) {
  const lines = ["time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"];
  for (let i = 0; i < points; i++) {
    const lat = 20.0 - i * 0.012;
    const lon = -78.0 + i * 0.01;
    lines.push(`${startS + i * 10},${icao24},${lat.toFixed(5)},${lon.toFixed(5)},230.0,140.0,0.0,${callsign},False,,,,10668.0,,,`);
  }
  fs.writeFileSync(path, lines.join("\n") + "\n");
}

test.describe("a researcher", () => {
  test("uploads a file, opens the flight it made without its findings, and downloads a spreadsheet-safe CSV", async ({ page }, testInfo) => {
    const researcher = await createAccount("RESEARCHER");
    let icao24 = "";
    do icao24 = `e2e${crypto.randomBytes(2).toString("hex").slice(0, 3)}`;
    while ((await query(`SELECT 1 FROM positions WHERE icao24 = $1 LIMIT 1`, [icao24])).length > 0);
    const callsign = "HYPER12";
    // What a spreadsheet would run: no callsign imported now can hold it (the importer drops it),
    // but rows stored by an earlier version can; the download must neutralise it all the same.
    const formula = "=HYPERLI";
    const points = 120; // 20 minutes
    const file = testInfo.outputPath(`researcher_${icao24}.csv`);
    openskyFile(file, icao24, callsign, points, 1722700000 + crypto.randomInt(0, 3600) * 10);

    await signIn(page, researcher, "/imports");
    await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();
    await page.getByLabel("Files to import").setInputFiles(file);
    const item = page.getByTestId("upload-item").first();
    await expect(item.getByTestId("upload-phase")).toHaveText("done", { timeout: 60_000 });
    await expect(item.getByTestId("report-accepted")).toHaveText(String(points));
    await item.getByRole("link", { name: "Flights from this import →" }).click();
    const batch = page.getByTestId("batch-flights");
    await expect(batch).toContainText(icao24);
    await expect(batch).toContainText(callsign);
    await batch.getByTestId("batch-flight-link").first().click();

    await expect(page).toHaveURL(/\/flights\/e2e[0-9a-f]{3}-\d+$/);
    const key = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("flight-title")).toHaveText(callsign);
    await expectTrackDrawn(page);
    await expect(page.getByTestId("chart-flight-profile").locator("svg.recharts-surface").first()).toBeVisible();
    // Unpublished: the researcher sees the track, not the findings.
    await expect(page.getByRole("heading", { name: "Why this flight is flagged" })).toHaveCount(0);
    await expect(page.getByTestId("flag-list")).toHaveCount(0);
    await expect(page.getByTestId("review-panel")).toHaveCount(0);
    await expect(page.getByTestId("downloads").getByRole("link", { name: /Flags|Case file/ })).toHaveCount(0);
    const stored = await flightPositions(key);
    expect(stored.length).toBe(points);
    await expect(page.getByTestId("stat-positions")).toHaveText(number.format(stored.length));
    await screenshot(page, testInfo, "researcher-flight");

    await query(`UPDATE positions SET callsign = $2 WHERE icao24 = $1`, [icao24, formula]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Track (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^darkflight_[a-z0-9]*_?e2e[0-9a-f]{3}-\d+\.csv$/);
    const text = fs.readFileSync(await download.path(), "utf8");
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(stored.length);
    for (const row of rows) {
      expect(row.icao24).toBe(icao24);
      // A cell starting with = + - @ gets a leading apostrophe: a spreadsheet shows it as text.
      expect(row.callsign).toBe(`'${formula}`);
    }
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (Number.isFinite(Number(value))) continue; // numbers (a negative longitude) stay numbers
        expect(value, `${column} = ${value}`).not.toMatch(/^[=+\-@]/);
      }
    }
  });

  test("is refused the review queue with a 403 page", async ({ page }, testInfo) => {
    const researcher = await createAccount("RESEARCHER");
    await signIn(page, researcher, "/imports");
    const response = await page.goto("/review");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByTestId("queue-row")).toHaveCount(0);
    await screenshot(page, testInfo, "researcher-forbidden");
  });
});

// --------------------------------------------------------------------------------- downloads

test.describe("the downloads", () => {
  test("of published findings hold every stored position and every gap, in CSV, GeoJSON and KML", async ({ request }) => {
    const published = (await publishedFindings()).slice(0, 6);
    const switchOff = await publishedSwitchOff();
    if (!published.some((f) => f.key === switchOff.key)) published.push(switchOff);
    for (const flight of published) {
      const stored = await flightPositions(flight.key);
      const gaps = await flightGaps(flight.key);
      expect(stored.length, flight.key).toBeGreaterThan(1);
      const first = stored[0]!;
      const last = stored.at(-1)!;
      const base = `/flights/${flight.key}/export`;

      const csv = await request.get(`${base}/track.csv`);
      expect(csv.status()).toBe(200);
      expect(attachmentName(csv)).toMatch(/\.csv$/);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const rows = parseCsv(await csv.text(), { columns: true }) as Record<string, string>[];
      expect(rows, `${flight.key} CSV rows`).toHaveLength(stored.length);
      expectSamePosition([Number(rows[0]!.lon_deg), Number(rows[0]!.lat_deg)], first, `${flight.key} CSV first`);
      expectSamePosition([Number(rows.at(-1)!.lon_deg), Number(rows.at(-1)!.lat_deg)], last, `${flight.key} CSV last`);
      expect(rows.filter((r) => r.gap_after !== "").map((r) => r.gap_after!.split(" (")[0])).toEqual(gaps.map((g) => (g.suspected ? "suspected switch-off" : "gap")));

      const flagsCsv = await request.get(`${base}/flags.csv`);
      expect(flagsCsv.status()).toBe(200);
      expect(attachmentName(flagsCsv)).toMatch(/\.csv$/);
      const flagRows = parseCsv(await flagsCsv.text(), { columns: true }) as Record<string, string>[];
      const [storedFlags] = await query<{ kinds: string[] }>(
        `SELECT coalesce(array_agg(kind::text ORDER BY kind::text), '{}') AS kinds FROM flags WHERE icao24 = $1 AND flight_id = $2`,
        [flight.icao24, flight.id],
      );
      expect(flagRows.map((r) => r.kind).sort()).toEqual([...storedFlags!.kinds].sort());
      for (const r of flagRows.filter((x) => x.kind === "TRANSPONDER_GAP")) expect(["gap", "suspected switch-off"]).toContain(r.label);

      const geo = await request.get(`${base}/track.geojson`);
      expect(geo.status()).toBe(200);
      expect(attachmentName(geo)).toMatch(/\.geojson$/);
      const collection = JSON.parse(await geo.text()) as FeatureCollection;
      const trackFeature = collection.features.find((f) => f.properties?.role === "track")!;
      expect(trackFeature.properties!.positionCount).toBe(stored.length);
      const segments = (trackFeature.geometry as { coordinates: Position[][] }).coordinates;
      // A lone position between two gaps is written twice (a line needs two): count it once.
      const counted = segments.reduce((n, s) => n + (s.length === 2 && s[0]!.join() === s[1]!.join() ? 1 : s.length), 0);
      expect(counted, `${flight.key} GeoJSON positions`).toBe(stored.length);
      expectSamePosition(segments[0]![0]!, first, `${flight.key} GeoJSON first`);
      expectSamePosition(segments.at(-1)!.at(-1)!, last, `${flight.key} GeoJSON last`);
      const kindOf = (g: { suspected: boolean }) => (g.suspected ? "suspected switch-off" : "gap");
      const byRole = (role: string) => collection.features.filter((f: Feature) => f.properties?.role === role);
      // One "ADS-B lost" point per gap event; a line for each closed gap whose ADS-B did not continue as MLAT.
      expect(byRole("gap-off").map((f) => f.properties!.kind)).toEqual(gaps.map(kindOf));
      expect(byRole("gap").map((f) => f.properties!.kind)).toEqual(gaps.filter((g) => g.closed && !g.partial).map(kindOf));
      for (const f of byRole("gap")) expect(f.properties!.observed).toBe(false);

      const kmlResponse = await request.get(`${base}/track.kml`);
      expect(kmlResponse.status()).toBe(200);
      expect(attachmentName(kmlResponse)).toMatch(/\.kml$/);
      const parsed = parseKml(await kmlResponse.text());
      const name = flight.callsign?.trim() || flight.icao24;
      const kmlTrack = parsed.features.filter((f) => f.properties?.name === name);
      expect(kmlTrack, `${flight.key} KML track named ${name}`).toHaveLength(1);
      const coords = linePositions(kmlTrack[0]!.geometry);
      const kmlCounted = (() => {
        // The KML track is the GeoJSON track's segments: drop the doubled lone positions the same way.
        const g = kmlTrack[0]!.geometry;
        const parts = g?.type === "MultiLineString" ? g.coordinates : g?.type === "GeometryCollection" ? g.geometries.map(linePositions) : [coords];
        return parts.reduce((n, s) => n + (s.length === 2 && s[0]!.join() === s[1]!.join() ? 1 : s.length), 0);
      })();
      expect(kmlCounted, `${flight.key} KML positions`).toBe(stored.length);
      expectSamePosition(coords[0]!, first, `${flight.key} KML first`);
      expectSamePosition(coords.at(-1)!, last, `${flight.key} KML last`);
      const gapLines = parsed.features.map((f) => String(f.properties?.name)).filter((n) => n.endsWith("(not observed)"));
      expect(gapLines.map((n) => n.split(",")[0])).toEqual(gaps.filter((g) => g.closed && !g.partial).map(kindOf));
    }
  });

  test("the case file is for analysts: complete for them, 401 anonymous, 403 for a researcher", async ({ page, request, browser }, testInfo) => {
    const switchOff = await publishedSwitchOff();
    const url = `/flights/${switchOff.key}/case-file`;
    expect((await request.get(url)).status()).toBe(401);

    const researcher = await createAccount("RESEARCHER");
    const researcherContext = await browser.newContext({ baseURL: BASE_URL() });
    try {
      const researcherPage = await researcherContext.newPage();
      await signIn(researcherPage, researcher, "/imports");
      await researcherPage.goto(`/flights/${switchOff.key}`); // a published finding: the public page
      await expect(researcherPage.getByTestId("downloads").getByRole("link", { name: /Case file/ })).toHaveCount(0);
      expect((await researcherPage.request.get(url)).status()).toBe(403);
    } finally {
      await researcherContext.close();
    }

    const analyst = await createAccount("ANALYST");
    await signIn(page, analyst, `/flights/${switchOff.key}`);
    await expect(page.getByTestId("review-panel")).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("downloads").getByRole("link", { name: /Case file/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    for (const name of ["README.txt", "track.csv", "track.geojson", "track.kml", "flags.json", "notes.json", "review.json", "rule-versions.json"]) {
      expect(files[name], `${name} in the case file`).toBeDefined();
    }
    const stored = await flightPositions(switchOff.key);
    expect(parseCsv(strFromU8(files["track.csv"]!), { columns: true })).toHaveLength(stored.length);
    const review = JSON.parse(strFromU8(files["review.json"]!)) as { status: string; published: boolean; audit: unknown[] };
    expect(review).toMatchObject({ status: "CONFIRMED", published: true });
    expect(review.audit.length).toBeGreaterThan(0);
    const flags = JSON.parse(strFromU8(files["flags.json"]!)) as { kind: string; label: string; ruleVersion: string }[];
    expect(flags.map((f) => f.kind)).toContain("TRANSPONDER_GAP");
    expect(flags.find((f) => f.kind === "TRANSPONDER_GAP")!.label).toBe("suspected switch-off");
    const versions = JSON.parse(strFromU8(files["rule-versions.json"]!)) as { ruleVersions: string[] };
    expect(versions.ruleVersions.length).toBeGreaterThan(0);
    expect(Array.isArray(JSON.parse(strFromU8(files["notes.json"]!)))).toBe(true);
    expect(strFromU8(files["README.txt"]!)).toContain("What a gap means");
    const direct = await page.request.get(url);
    expect(direct.status()).toBe(200);
    expect(attachmentName(direct)).toMatch(/\.zip$/);
    expect(direct.headers()["content-type"]).toBe("application/zip");
    await screenshot(page, testInfo, "analyst-flight-with-case-file");
  });
});
