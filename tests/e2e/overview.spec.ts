import pg from "pg";
import { expect, test } from "@playwright/test";

const number = new Intl.NumberFormat("en-US");

async function databaseFigures() {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM positions)::int AS positions,
            (SELECT count(DISTINCT icao24) FROM positions)::int AS aircraft,
            (SELECT count(*) FROM flights)::int AS flights,
            (SELECT count(DISTINCT (time AT TIME ZONE 'UTC')::date) FROM positions)::int AS days`,
  );
  await client.end();
  return rows[0] as { positions: number; aircraft: number; flights: number; days: number };
}

test("a reader opens the overview: the stored data from the database and a drawn chart", async ({ page }, testInfo) => {
  const figures = await databaseFigures();
  expect(figures.positions).toBeGreaterThan(0); // the demo data was loaded by npm start

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dark and detouring flights in the Caribbean" })).toBeVisible();

  // What is stored sits in its own section under the findings.
  const data = page.getByRole("region", { name: "The data behind it" });
  await expect(data).toBeVisible();
  await expect(data.getByTestId("stat-positions")).toHaveText(number.format(figures.positions));
  await expect(data.getByTestId("stat-aircraft")).toHaveText(number.format(figures.aircraft));
  await expect(data.getByTestId("stat-flights")).toHaveText(number.format(figures.flights));

  // Recharts draws its SVG only after hydration: wait for the bars themselves.
  const chart = data.getByTestId("positions-per-day-chart");
  await expect(chart.locator("svg.recharts-surface[role=application]")).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle")).toHaveCount(figures.days);
  // The table alternative lists the same days.
  await expect(data.locator("details table tbody tr")).toHaveCount(figures.days);

  const screenshot = testInfo.outputPath("overview.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("overview", { path: screenshot, contentType: "image/png" });
});
