import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createAccount, createToken, revokeToken } from "./support/accounts";

/** A small OpenSky file: one aircraft cruising from Cuba towards Venezuela, plus two broken rows. */
function openskyFile(path: string, icao24: string): number {
  const lines = ["time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"];
  const start = 1722600000;
  const points = 240;
  for (let i = 0; i < points; i++) {
    const lat = 21.5 - i * 0.02;
    const lon = -80.0 + i * 0.015;
    lines.push(`${start + i * 10},${icao24},${lat.toFixed(5)},${lon.toFixed(5)},240.5,145.0,0.0,TEST123 ,False,,,,10668.0,,,`);
  }
  lines.push(`${start + 5000},${icao24},95.0,-70.0,240.5,145.0,0.0,TEST123 ,False,,,,10668.0,,,`); // latitude out of range
  lines.push(`${start + 5010},zzzzzz,12.0,-70.0,240.5,145.0,0.0,TEST123 ,False,,,,10668.0,,,`); // not an address
  fs.writeFileSync(path, lines.join("\n") + "\n");
  return points;
}

test("a researcher uploads a CSV, sees progress and the report, and follows the link to its flights", async ({ page }, testInfo) => {
  const researcher = await createAccount("RESEARCHER");
  const icao24 = "0b0fa1";
  const file = testInfo.outputPath("researcher_upload_opensky.csv");
  const points = openskyFile(file, icao24);

  await page.goto("/imports");
  await expect(page).toHaveURL(/\/login\?next=%2Fimports|\/login\?next=\/imports/);
  await page.getByLabel("Email").fill(researcher.email);
  await page.getByLabel("Password").fill(researcher.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();

  await page.getByLabel("Files to import").setInputFiles(file);
  const item = page.getByTestId("upload-item").first();
  await expect(item.getByTestId("upload-phase")).toHaveText("done", { timeout: 60_000 });
  await expect(item.getByTestId("report-accepted")).toHaveText(String(points));
  await expect(item).toContainText("2 rejected row(s)");
  await expect(item).toContainText("latitude above 90");
  await expect(item).toContainText("not a 24-bit address");
  const report = testInfo.outputPath("upload-report.png");
  await page.screenshot({ path: report, fullPage: true });
  await testInfo.attach("upload report", { path: report, contentType: "image/png" });

  await item.getByRole("link", { name: "Flights from this import →" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("researcher_upload_opensky.csv");
  await expect(page.getByTestId("batch-flights")).toContainText(icao24);
  await expect(page.getByTestId("batch-flights")).toContainText("TEST123");
  // Flags are unpublished findings: a researcher sees the flights without them.
  await expect(page.getByTestId("batch-flights").getByRole("columnheader", { name: "Flags" })).toHaveCount(0);

  // The same file again is recognised and writes nothing.
  await page.goto("/imports");
  await page.getByLabel("Files to import").setInputFiles(file);
  await expect(page.getByTestId("upload-item").first()).toContainText("Already imported as batch", { timeout: 60_000 });
});

test("files chosen while others upload wait their turn; a refused file says refused", async ({ page }, testInfo) => {
  const researcher = await createAccount("RESEARCHER");
  const first = testInfo.outputPath("queue_first.csv");
  const second = testInfo.outputPath("queue_second.csv");
  const refused = testInfo.outputPath("queue_refused.csv");
  openskyFile(first, "0b0fa5");
  openskyFile(second, "0b0fa6");
  fs.writeFileSync(refused, "name,age\nbob,3\n");

  await page.goto("/login?next=/imports");
  await page.getByLabel("Email").fill(researcher.email);
  await page.getByLabel("Password").fill(researcher.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();

  // The second pick comes while the first file is still on its way: it joins the line.
  await page.getByLabel("Files to import").setInputFiles(first);
  await expect(page.getByTestId("upload-item")).toHaveCount(1);
  await page.getByLabel("Files to import").setInputFiles([second, refused]);
  const items = page.getByTestId("upload-item");
  await expect(items).toHaveCount(3);
  for (const name of ["queue_first.csv", "queue_second.csv"]) {
    await expect(items.filter({ hasText: name }).getByTestId("upload-phase")).toHaveText("done", { timeout: 60_000 });
  }
  const bad = items.filter({ hasText: "queue_refused.csv" });
  await expect(bad.getByTestId("upload-phase")).toHaveText("refused", { timeout: 60_000 });
  await expect(bad).toContainText("Refused, nothing written");
  await expect(page.getByTestId("upload-announcement")).toHaveText(/queue_refused\.csv: refused/);
});

test("anonymous uploads are refused", async ({ request }) => {
  const response = await request.post("/api/imports", { data: "time,icao24\n", headers: { "x-file-name": "x.csv" } });
  expect(response.status()).toBe(401);
});

test("a researcher's script uploads with an API token; a revoked token is refused", async ({ request }, testInfo) => {
  const researcher = await createAccount("RESEARCHER");
  const token = await createToken(researcher.email);
  const file = testInfo.outputPath("scripted_opensky.csv");
  const points = openskyFile(file, "0b0fa3");
  const body = fs.readFileSync(file);

  // No Origin header, as from curl: tokens need none.
  const accepted = await request.post("/api/imports", { data: body, headers: { authorization: `Bearer ${token.token}`, "x-file-name": "scripted_opensky.csv" } });
  expect(accepted.status()).toBe(202);
  const { jobId } = (await accepted.json()) as { jobId: string };
  let job: { phase: string; outcome: { status: string; accepted?: number } | null } = { phase: "importing", outcome: null };
  for (let i = 0; i < 120 && job.phase !== "done" && job.phase !== "failed"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await (await request.get(`/api/imports/jobs/${jobId}`, { headers: { authorization: `Bearer ${token.token}` } })).json();
  }
  expect(job).toMatchObject({ phase: "done", outcome: { status: "imported", accepted: points } });

  // The token is for uploads only: it opens no page.
  const page = await request.get("/imports", { headers: { authorization: `Bearer ${token.token}` }, maxRedirects: 0 });
  expect(page.status()).not.toBe(200);

  await revokeToken(token.id);
  const refused = await request.post("/api/imports", { data: body, headers: { authorization: `Bearer ${token.token}`, "x-file-name": "again.csv" } });
  expect(refused.status()).toBe(401);
  const wrong = await request.post("/api/imports", { data: body, headers: { authorization: "Bearer df_not-a-token", "x-file-name": "again.csv" } });
  expect(wrong.status()).toBe(401);
});
