import fs from "node:fs";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { createAccount } from "./support/accounts";

/**
 * One small file of each other format, made here (never copies of shared data), uploaded
 * together through the page: each gets its own batch and report.
 */
const START_S = 1722700000; // 2024-08-03T15:46:40Z

function genericCsv(): string {
  // Semicolons, ISO times with zone, metres and km/h by header suffix, a BOM.
  const lines = ["\ufefftimestamp;hex;latitude;longitude;alt_m;speed_kmh;track;flight"];
  for (let i = 0; i < 60; i++) {
    lines.push(`${new Date((START_S + i * 10) * 1000).toISOString()};0d8429;${(11 + i * 0.01).toFixed(4)};-67.5;10000;850;330;VCV3120`);
  }
  return lines.join("\r\n") + "\r\n";
}

function fr24Csv(): string {
  const lines = ["Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction"];
  for (let i = 0; i < 40; i++) {
    const t = START_S + i * 30;
    lines.push(`${t},${new Date(t * 1000).toISOString().replace(".000", "")},CUB1250,"${(22 - i * 0.05).toFixed(4)},${(-80 + i * 0.04).toFixed(4)}",35000,470,140`);
  }
  return lines.join("\n") + "\n";
}

function readsbTrace(): Buffer {
  const trace = Array.from({ length: 50 }, (_, i) => [i * 8, 18 + i * 0.02, -75 - i * 0.02, i === 0 ? "ground" : 30000, 450, 315, 0, 0, i === 0 ? { flight: "RSD352  ", squawk: "2000" } : null, i % 2 ? "mlat" : "adsb_icao", 30500]);
  return zlib.gzipSync(Buffer.from(JSON.stringify({ icao: "15770c", r: "RA-96018", t: "IL96", desc: "ILYUSHIN Il-96", timestamp: START_S, trace })));
}

function sbs1(): string {
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    const d = new Date((START_S + i * 5) * 1000).toISOString();
    const [date, time] = [d.slice(0, 10).replaceAll("-", "/"), d.slice(11, 23)];
    if (i === 0) lines.push(`MSG,1,1,1,0B04E3,1,${date},${time},${date},${time},CUB130,,,,,,,,,,,0`);
    lines.push(`MSG,4,1,1,0B04E3,1,${date},${time},${date},${time},,,460,150,,,0,,,,,0`);
    lines.push(`MSG,3,1,1,0B04E3,1,${date},${time},${date},${time},,36000,,,${(21 + i * 0.01).toFixed(5)},${(-79 + i * 0.01).toFixed(5)},,,0,0,0,0`);
  }
  return lines.join("\n") + "\n";
}

test("every format imports through the upload page, each with its own report", async ({ page }, testInfo) => {
  const analyst = await createAccount("ANALYST");
  const files = {
    "generic_semicolon.csv": genericCsv(),
    "flightradar24_export.csv": fr24Csv(),
    "trace_full_15770c.json.gz": readsbTrace(),
    "receiver.sbs": sbs1(),
  };
  const paths = Object.entries(files).map(([name, content]) => {
    const file = testInfo.outputPath(name);
    fs.writeFileSync(file, content);
    return file;
  });

  await page.goto("/login?next=/imports");
  await page.getByLabel("Email").fill(analyst.email);
  await page.getByLabel("Password").fill(analyst.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();

  // The Flightradar24 export carries no address: the form names the aircraft.
  await page.getByText("Options").click();
  await page.getByLabel("Aircraft address (Flightradar24)").fill("0b04e2");
  await page.getByLabel("Files to import").setInputFiles(paths);

  const items = page.getByTestId("upload-item");
  await expect(items).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(items.nth(i).getByTestId("upload-phase")).toHaveText("done", { timeout: 60_000 });
  const report = (name: string) => items.filter({ hasText: name }).getByTestId("upload-report");
  await expect(report("generic_semicolon.csv")).toContainText("(generic-csv)");
  await expect(report("generic_semicolon.csv").getByTestId("report-accepted")).toHaveText("60");
  await expect(report("flightradar24_export.csv")).toContainText("(fr24)");
  await expect(report("flightradar24_export.csv").getByTestId("report-accepted")).toHaveText("40");
  await expect(report("trace_full_15770c.json.gz")).toContainText("(readsb-trace)");
  await expect(report("trace_full_15770c.json.gz").getByTestId("report-accepted")).toHaveText("50");
  await expect(report("receiver.sbs")).toContainText("(sbs1)");
  await expect(report("receiver.sbs").getByTestId("report-accepted")).toHaveText("30");

  const screenshot = testInfo.outputPath("upload-formats.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("upload of every format", { path: screenshot, contentType: "image/png" });

  // An analyst sees the flags of the flights an import produced.
  await report("receiver.sbs").getByRole("link", { name: "Flights from this import →" }).click();
  await expect(page.getByTestId("batch-flights").getByRole("columnheader", { name: "Flags" })).toHaveCount(1);
});
