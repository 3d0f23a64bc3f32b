import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { actionIds } from "./support/server-actions";

/**
 * Every page, route handler and server action of the app, found on the file system (so new
 * ones are covered without editing this test): the non-public ones must refuse anonymous
 * visitors (401, or the sign-in page) and wrong roles (403); the public ones must not leak an
 * unpublished finding. The roles each one allows are read from its guard call in the source, so
 * a page or action without a recognised guard fails here.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const APP_DIR = path.join(ROOT, "app");
type Role = "ADMIN" | "ANALYST" | "RESEARCHER";
const ROLES: Role[] = ["ADMIN", "ANALYST", "RESEARCHER"];
/** The role lists of lib/server/auth/require-role.ts, by the names the guards are called with. */
const ROLE_LISTS: Record<string, Role[]> = {
  REVIEW_ROLES: ["ANALYST"],
  ACCOUNT_ROLES: ["ADMIN"],
  UPLOAD_ROLES: ["RESEARCHER", "ANALYST", "ADMIN"],
};
/** Open to everyone. Flight pages and their downloads are public for published findings only. */
const PUBLIC = new Set(["/", "/login", "/methodology", "/api/health", "/flights/[id]", "/flights/[id]/export/[file]"]);
const PUBLIC_ACTIONS = new Set(["app/login/actions.ts#signInAction", "app/login/actions.ts#signOutAction"]);

interface Endpoint {
  kind: "page" | "route";
  /** The route pattern, e.g. "/flights/[id]". */
  path: string;
  methods: string[];
  /** Roles allowed by the guard found in the source; null when no guard was recognised. */
  roles: Role[] | null;
}

function guardRoles(source: string, guard: RegExp): Role[] | null {
  const m = guard.exec(source);
  if (!m) return null;
  return m[1] ? ROLE_LISTS[m[1]] ?? null : ROLE_LISTS.UPLOAD_ROLES!;
}

function endpoints(dir = APP_DIR, prefix = ""): Endpoint[] {
  const found: Endpoint[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue; // private folders: components, not routes
      const segment = entry.name.startsWith("(") ? "" : `/${entry.name}`;
      found.push(...endpoints(full, prefix + segment));
    } else if (entry.name === "page.tsx") {
      const source = fs.readFileSync(full, "utf8");
      found.push({ kind: "page", path: prefix || "/", methods: ["GET"], roles: guardRoles(source, /requirePageRole\((\w+)/) });
    } else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export\s+(?:async\s+function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      found.push({ kind: "route", path: prefix, methods, roles: guardRoles(source, /require(?:Role\((\w+)|Uploader\()/) });
    }
  }
  return found;
}

interface Action {
  file: string;
  name: string;
  roles: Role[] | null;
}

/** Exported functions of every "use server" module, with the roles of the guard each one starts with. */
function serverActions(dir = APP_DIR): Action[] {
  const found: Action[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    const source = fs.readFileSync(full, "utf8");
    if (!/^\s*["']use server["']/.test(source)) continue;
    const file = path.relative(ROOT, full).split(path.sep).join("/");
    const fns = [...source.matchAll(/export\s+async\s+function\s+(\w+)\s*\([^)]*\)[^{]*\{\s*([^\n]*)/g)];
    for (const [, name, firstLine] of fns) {
      // The guard must be the first statement: nothing may run before the role is checked.
      found.push({ file, name: name!, roles: guardRoles(firstLine!, /await requireActionRole\((\w+)\)/) });
    }
  }
  return found;
}

const ALL = endpoints();
const ACTIONS = serverActions();

async function database<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An unpublished flagged flight of the demo data: what no public page may show. */
async function unpublishedFinding(): Promise<string> {
  return database(async (client) => {
    const { rows } = await client.query<{ key: string }>(
      `SELECT f.icao24 || '-' || f.id AS key FROM flights f
        WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.icao24 = f.icao24 AND r.flight_id = f.id AND r.published)
        ORDER BY f.score DESC LIMIT 1`,
    );
    expect(rows[0], "the demo data has unpublished findings").toBeTruthy();
    return rows[0]!.key;
  });
}

/** A concrete URL for a route pattern: the flight segment gets `flightKey`, other segments "1". */
function urlOf(pattern: string, flightKey: string): string {
  return pattern.replace("[id]", flightKey).replace("[file]", "track.csv").replace(/\[[^\]]+\]/g, "1");
}

/** A browser context signed in as a new account of this role. */
async function signedIn(browser: Browser, role: Role): Promise<BrowserContext> {
  const account = await createAccount(role);
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(account.email);
  return context;
}

test("the enumeration finds the app's pages, route handlers and server actions, each with a guard", () => {
  expect(ALL.map((e) => e.path)).toEqual(
    expect.arrayContaining(["/", "/login", "/imports", "/imports/[batchId]", "/review", "/flights/[id]", "/admin/users", "/api/imports", "/api/health"]),
  );
  expect(ACTIONS.map((a) => `${a.file}#${a.name}`)).toEqual(
    expect.arrayContaining(["app/review/actions.ts#bulkStatusAction", "app/flights/[id]/actions.ts#publishAction", "app/admin/users/actions.ts#addUserAction"]),
  );
  for (const endpoint of ALL.filter((e) => !PUBLIC.has(e.path))) {
    expect(endpoint.roles, `${endpoint.path} has no recognised role guard`).not.toBeNull();
  }
  for (const action of ACTIONS.filter((a) => !PUBLIC_ACTIONS.has(`${a.file}#${a.name}`))) {
    expect(action.roles, `${action.file} ${action.name} does not start with await requireActionRole(…)`).not.toBeNull();
  }
  // Every action on disk is in the build the tests run against (so its id below is real).
  const ids = actionIds();
  for (const action of ACTIONS) expect(ids.has(`${action.file}#${action.name}`), `${action.file}#${action.name} in the build`).toBe(true);
});

for (const endpoint of ALL.filter((e) => !PUBLIC.has(e.path))) {
  for (const method of endpoint.methods) {
    test(`${method} ${endpoint.path} refuses anonymous visitors`, async ({ request, page }) => {
      const url = urlOf(endpoint.path, "000000-1");
      if (endpoint.kind === "page") {
        await page.goto(url);
        await expect(page).toHaveURL(/\/login\?next=/);
      } else {
        const response = await request.fetch(url, { method, data: method === "GET" ? undefined : "x" });
        expect(response.status()).toBe(401);
        const body = await response.text();
        expect(body).not.toMatch(/at .*\.(ts|js):\d+|SELECT|INSERT/); // no stack trace, no SQL
      }
    });

    const wrongRoles = ROLES.filter((r) => !(endpoint.roles ?? ROLES).includes(r));
    for (const role of wrongRoles) {
      test(`${method} ${endpoint.path} refuses a signed-in ${role.toLowerCase()} with 403`, async ({ browser }) => {
        const context = await signedIn(browser, role);
        const url = urlOf(endpoint.path, await unpublishedFinding());
        if (endpoint.kind === "page") {
          const page = await context.newPage();
          const response = await page.goto(url);
          expect(response?.status()).toBe(403);
          await expect(page.getByTestId("forbidden")).toBeVisible();
        } else {
          const response = await context.request.fetch(url, { method, data: method === "GET" ? undefined : "x", maxRedirects: 0 });
          expect(response.status()).toBe(403);
          expect(await response.text()).not.toMatch(/at .*\.(ts|js):\d+|SELECT|INSERT/);
        }
        await context.close();
      });
    }
  }
}

for (const action of ACTIONS.filter((a) => !PUBLIC_ACTIONS.has(`${a.file}#${a.name}`))) {
  const call = async (request: APIRequestContext) => {
    const target = actionIds().get(`${action.file}#${action.name}`)!;
    // A forged call straight to the action endpoint, as a script would send it: no form needed.
    return request.post(urlOf(target.pagePath, await unpublishedFinding()), {
      headers: { "Next-Action": target.id, "Content-Type": "text/plain;charset=UTF-8", Origin: process.env.E2E_BASE_URL! },
      data: "[null,null]",
      maxRedirects: 0,
    });
  };
  test(`server action ${action.name} (${action.file}) refuses anonymous callers with 401`, async ({ request }) => {
    expect((await call(request)).status()).toBe(401);
  });
  for (const role of ROLES.filter((r) => !(action.roles ?? ROLES).includes(r))) {
    test(`server action ${action.name} (${action.file}) refuses a ${role.toLowerCase()} with 403`, async ({ browser }) => {
      const context = await signedIn(browser, role);
      expect((await call(context.request)).status()).toBe(403);
      await context.close();
    });
  }
}

test("the public pages and routes leak no unpublished finding", async ({ request }) => {
  const key = await unpublishedFinding();
  // A flight that does not exist, with a key of the same length: the answers must not differ.
  const [icao24, id] = key.split("-");
  const missing = `ffffff-${"9".repeat(id!.length)}`;
  expect(icao24).not.toBe("ffffff");
  for (const endpoint of ALL.filter((e) => PUBLIC.has(e.path))) {
    for (const method of endpoint.methods.filter((m) => m === "GET")) {
      const url = urlOf(endpoint.path, key);
      const response = await request.fetch(url, { method });
      if (!endpoint.path.includes("[id]")) {
        expect(response.status(), url).toBe(200);
        expect(await response.text(), url).not.toContain(key);
        continue;
      }
      // Unpublished and non-existent look the same: same status, same page once the key is masked.
      const absent = await request.fetch(urlOf(endpoint.path, missing), { method });
      expect(response.status(), url).toBe(404);
      expect(absent.status()).toBe(404);
      const masked = (body: string, k: string) => body.replaceAll(k, "KEY");
      expect(masked(await response.text(), key), url).toBe(masked(await absent.text(), missing));
    }
  }
});

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

test("a callsign carrying markup is dropped at import with its reason, and never runs", async ({ page }, testInfo) => {
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
  const item = page.getByTestId("upload-item").first();
  await expect(item.getByTestId("upload-phase")).toHaveText("done", { timeout: 60_000 });
  // Not a callsign: the value goes, the rows stay, and the report says why.
  await expect(item).toContainText("not a callsign");
  await expect(item.getByTestId("report-accepted")).toHaveText("60");
  await item.getByRole("link", { name: "Flights from this import →" }).click();
  await expect(page.getByTestId("batch-flights")).toContainText("0b0fa2");
  await expect(page.getByTestId("batch-flights")).not.toContainText(/<script>/i);
  expect(await page.locator("[data-testid=batch-flights] script").count()).toBe(0);
  expect(dialogs).toBe(0);
});
