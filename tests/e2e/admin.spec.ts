import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { expectNoHorizontalOverflow } from "./support/dashboard";

async function signIn(page: Page, account: { email: string; password: string }, next = "/imports"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/\//g, "\\/")}$`));
}

/** A small OpenSky file with bytes of its own (a fresh address), so it is never "already imported". */
function smallCsv(): string {
  const icao24 = `e2${crypto.randomBytes(2).toString("hex")}`;
  const lines = ["time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"];
  for (let i = 0; i < 20; i++) lines.push(`${1722700000 + i * 10},${icao24},${(15 + i * 0.02).toFixed(4)},-70.0,230,0,0,TOKEN1 ,False,,,,10000,,,`);
  return lines.join("\n") + "\n";
}

test("an admin adds a researcher, whose shown password works, then disables them: their session ends", async ({ page, browser }) => {
  const admin = await createAccount("ADMIN");
  await signIn(page, admin, "/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  // No button to disable one's own account.
  const ownRow = page.getByTestId("accounts").getByRole("row").filter({ hasText: admin.email });
  await expect(ownRow).toContainText("you");
  await expect(ownRow.getByRole("button")).toHaveCount(0);

  const email = `researcher-${crypto.randomBytes(4).toString("hex")}@example.org`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("RESEARCHER");
  await page.getByRole("button", { name: "Add account" }).click();
  const created = page.getByTestId("new-account");
  await expect(created).toContainText(email);
  await expect(created).toContainText("will not be shown again");
  const password = (await page.getByTestId("new-password").textContent())?.trim() ?? "";
  expect(password.length).toBeGreaterThanOrEqual(12);
  const row = page.getByTestId("accounts").getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("researcher");
  await expect(row).toContainText("active");

  // The researcher signs in with the shown password, in a browser of their own.
  const researcherContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const researcherPage = await researcherContext.newPage();
  await signIn(researcherPage, { email, password });
  await expect(researcherPage.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();

  // A reload of the admin page shows the password no more.
  await page.reload();
  await expect(page.getByTestId("new-password")).toHaveCount(0);

  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row).toContainText("disabled");
  await expect(row.getByRole("button")).toHaveCount(0);

  await researcherPage.reload();
  await expect(researcherPage).toHaveURL(/\/login\?next=/);
  // And the password no longer signs in.
  await researcherPage.getByLabel("Email").fill(email);
  await researcherPage.getByLabel("Password").fill(password);
  await researcherPage.getByRole("button", { name: "Sign in" }).click();
  await expect(researcherPage.locator("#sign-in-error")).toContainText("Wrong email or password");
  // The email stays typed, and the refusal is tied to the fields.
  await expect(researcherPage.getByLabel("Email")).toHaveValue(email);
  await expect(researcherPage.getByLabel("Password")).toHaveAttribute("aria-describedby", "sign-in-error");
  await researcherContext.close();
});

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the accounts page fits the screen: its table scrolls inside its panel", async ({ page }) => {
    const admin = await createAccount("ADMIN");
    await signIn(page, admin, "/admin/users");
    await expect(page.getByTestId("accounts")).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});

test("an analyst opening the accounts page gets the 403 page", async ({ page }) => {
  const analyst = await createAccount("ANALYST");
  await signIn(page, analyst);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("Your account's role does not allow this page.");
  await expect(page.getByRole("heading", { level: 1, name: "Not for your role" })).toBeVisible();
});

test("a researcher creates a token, uploads with it, revokes it, and the token is refused", async ({ page, playwright }) => {
  const researcher = await createAccount("RESEARCHER");
  await signIn(page, researcher, "/account/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByTestId("curl-example")).toContainText('-H "x-file-name: flights.csv" --data-binary @flights.csv');

  const name = `nightly-${crypto.randomBytes(3).toString("hex")}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toContainText("will not be shown again");
  const token = (await page.getByTestId("new-token-value").textContent())?.trim() ?? "";
  expect(token).toMatch(/^df_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("api-tokens").getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("active");

  // A script: no cookies, only the token.
  const script = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const upload = () =>
    script.post("/api/imports", {
      data: smallCsv(),
      headers: { authorization: `Bearer ${token}`, "x-file-name": "flights.csv", "content-type": "text/csv" },
    });
  const accepted = await upload();
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toMatchObject({ fileName: "flights.csv", jobId: expect.any(String) });

  await page.reload();
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button")).toHaveCount(0);

  const refused = await upload();
  expect(refused.status()).toBe(401);
  await script.dispose();
});
