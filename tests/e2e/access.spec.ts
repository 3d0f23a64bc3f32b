import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createAccount } from "./support/accounts";

/**
 * Every page and route handler of the app, found on the file system (so new ones are covered
 * without editing this test): the non-public ones must refuse anonymous visitors.
 */
const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const PUBLIC = new Set(["/", "/login", "/api/health"]);

interface Endpoint {
  kind: "page" | "route";
  path: string;
  methods: string[];
}

function endpoints(dir = APP_DIR, prefix = ""): Endpoint[] {
  const found: Endpoint[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue; // private folders: components, not routes
      const segment = entry.name.startsWith("(") ? "" : `/${entry.name.replace(/^\[.*\]$/, "1")}`;
      found.push(...endpoints(full, prefix + segment));
    } else if (entry.name === "page.tsx") {
      found.push({ kind: "page", path: prefix || "/", methods: ["GET"] });
    } else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export\s+async\s+function\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      found.push({ kind: "route", path: prefix, methods });
    }
  }
  return found;
}

const ALL = endpoints();

test("the enumeration finds the app's pages and route handlers", () => {
  expect(ALL.map((e) => e.path)).toEqual(expect.arrayContaining(["/", "/login", "/imports", "/imports/1", "/api/imports", "/api/health"]));
});

for (const endpoint of ALL.filter((e) => !PUBLIC.has(e.path))) {
  for (const method of endpoint.methods) {
    test(`${method} ${endpoint.path} refuses anonymous visitors`, async ({ request, page }) => {
      if (endpoint.kind === "page") {
        await page.goto(endpoint.path);
        await expect(page).toHaveURL(/\/login\?next=/);
      } else {
        const response = await request.fetch(endpoint.path, { method, data: method === "GET" ? undefined : "x" });
        expect(response.status()).toBe(401);
        const body = await response.text();
        expect(body).not.toMatch(/at .*\.(ts|js):\d+|SELECT|INSERT/); // no stack trace, no SQL
      }
    });
  }
}

test("a cross-site upload is refused even with a valid session", async ({ page }) => {
  const researcher = await createAccount("RESEARCHER");
  await page.goto("/login");
  await page.getByLabel("Email").fill(researcher.email);
  await page.getByLabel("Password").fill(researcher.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();
  const response = await page.request.post("/api/imports", {
    data: "time,icao24,lat,lon\n",
    headers: { "x-file-name": "x.csv", origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
});

test("a callsign carrying markup is shown as text, never run", async ({ page }, testInfo) => {
  const researcher = await createAccount("RESEARCHER");
  const file = testInfo.outputPath("markup_callsign.csv");
  const lines = ["time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"];
  for (let i = 0; i < 60; i++) lines.push(`${1722900000 + i * 10},0b0fa2,${(20 - i * 0.02).toFixed(4)},-75.0,230,180,0,<script>,False,,,,10000,,,`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await page.goto("/login?next=/imports");
  await page.getByLabel("Email").fill(researcher.email);
  await page.getByLabel("Password").fill(researcher.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Files to import").setInputFiles(file);
  await expect(page.getByTestId("upload-item").first().getByTestId("upload-phase")).toHaveText("done", { timeout: 60_000 });
  await page.getByTestId("upload-item").first().getByRole("link", { name: "Flights from this import →" }).click();
  await expect(page.getByTestId("batch-flights")).toContainText(/<script>/i); // callsigns are upper-cased
  expect(await page.locator("[data-testid=batch-flights] script").count()).toBe(0);
  expect(dialogs).toBe(0);
});
