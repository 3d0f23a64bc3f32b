import { expect, test, type Locator } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { newFlaggedFlight, query, signIn } from "./support/dashboard";

/**
 * A refused form names the field that is wrong: the field is marked invalid, the message is its
 * accessible description, and the keyboard's focus lands on it, with what was typed kept. The
 * values below pass the browser's own checks (`required`, `type=email`), so the server refuses them.
 */

const BASE_URL = () => process.env.E2E_BASE_URL!;

/** The field is invalid, described by exactly its message, and the only invalid control of its form. */
async function expectFieldRefused(form: Locator, field: Locator, message: string): Promise<void> {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
  await expect(form.locator('[aria-invalid="true"]')).toHaveCount(1);
  // A field's error is not repeated for the whole form.
  await expect(form.getByRole("alert")).toHaveCount(0);
}

test("the alert rule form marks the webhook URL it refuses, focuses it and keeps the choices", async ({ page }) => {
  const analyst = await createAccount("ANALYST");
  await signIn(page, analyst, "/alerts");
  const form = page.getByTestId("add-alert-rule");
  const url = form.getByLabel("Webhook URL (webhook only)");

  await form.getByLabel("Alert me about").selectOption("seen");
  await form.getByLabel("Channel").selectOption("webhook");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expectFieldRefused(form, url, "a webhook rule needs its URL");
  await expect(url).toBeFocused();
  await expect(form.getByLabel("Alert me about")).toHaveValue("seen");
  await expect(form.getByLabel("Channel")).toHaveValue("webhook");
  await expect(form.getByLabel("Channel")).not.toHaveAttribute("aria-invalid", "true");

  // Another wrong URL: the typed URL stays for correction, with the new words.
  await url.fill("ftp://hooks.example.org/x");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expectFieldRefused(form, url, "a webhook URL must be an http:// or https:// URL");
  await expect(url).toHaveValue("ftp://hooks.example.org/x");
  await expect(url).toBeFocused();
  expect(await query(`SELECT 1 FROM alert_rules WHERE created_by = $1`, [analyst.email])).toHaveLength(0);
});

test("the note form marks the note it refuses, focuses it and keeps the text", async ({ page }) => {
  const analyst = await createAccount("ANALYST");
  const flight = await newFlaggedFlight();
  await signIn(page, analyst, "/review");
  await page.goto(`/flights/${flight.key}`);
  const form = page.getByRole("form", { name: "Add a note" });
  const note = form.getByRole("textbox", { name: "Add a note" });

  // A right-to-left override would make the note read differently from what is stored.
  const typed = "Turned back \u202Ehtron\u202C over the sea";
  await note.fill(typed);
  await form.getByRole("button", { name: "Add note", exact: true }).click();
  await expectFieldRefused(form, note, "a note has no control characters other than line breaks and tabs, and no text-direction overrides");
  await expect(note).toBeFocused();
  await expect(note).toHaveValue(typed);

  // Blank (the browser's `required` lets spaces through): its own words.
  await note.fill("   ");
  await form.getByRole("button", { name: "Add note", exact: true }).click();
  await expectFieldRefused(form, note, "the note is empty");

  // Corrected, the note is added and the field is valid again and empty.
  await note.fill("Turned back north over the sea");
  await form.getByRole("button", { name: "Add note", exact: true }).click();
  await expect(page.getByTestId("note").filter({ hasText: "Turned back north over the sea" })).toHaveCount(1);
  await expect(note).not.toHaveAttribute("aria-invalid", "true");
  await expect(note).toHaveValue("");
});

test("without JavaScript a refused field is marked, described and focused in the page the server sends", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL(), javaScriptEnabled: false });
  const page = await context.newPage();
  const analyst = await createAccount("ANALYST");
  await page.goto("/login?next=%2Falerts");
  await page.getByLabel("Email").fill(analyst.email);
  await page.getByLabel("Password").fill(analyst.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();

  const form = page.getByTestId("add-alert-rule");
  const url = form.getByLabel("Webhook URL (webhook only)");
  await form.getByLabel("Channel").selectOption("webhook");
  await url.fill("ftp://hooks.example.org/x");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expectFieldRefused(form, url, "a webhook URL must be an http:// or https:// URL");
  await expect(url).toHaveValue("ftp://hooks.example.org/x");
  await expect(form.getByLabel("Channel")).toHaveValue("webhook");
  await expect(url).toBeFocused();
  await context.close();
});

test("the account, token and feed forms mark the field they refuse", async ({ page }) => {
  const admin = await createAccount("ADMIN");
  await signIn(page, admin, "/admin/users");
  const users = page.locator("form").filter({ has: page.getByRole("button", { name: "Add account" }) });
  const email = users.getByLabel("Email");
  await email.fill("someone@localhost");
  await users.getByRole("button", { name: "Add account" }).click();
  await expectFieldRefused(users, email, "not an email address");
  await expect(email).toBeFocused();
  await expect(email).toHaveValue("someone@localhost");

  await page.goto("/admin/feeds");
  const feeds = page.locator("form").filter({ has: page.getByRole("button", { name: "Add feed" }) });
  const source = feeds.getByLabel("Source URL");
  await source.fill("ftp://127.0.0.1:39998");
  await feeds.getByRole("button", { name: "Add feed" }).click();
  await expectFieldRefused(feeds, source, "ftp://127.0.0.1:39998: unknown source kind ftp (sbs1:// or aircraft-json+http://)");
  await expect(source).toBeFocused();

  const researcher = await createAccount("RESEARCHER");
  await page.context().clearCookies();
  await signIn(page, researcher, "/account/tokens");
  const tokens = page.locator("form").filter({ has: page.getByRole("button", { name: "Create token" }) });
  const name = tokens.getByLabel("Name");
  await name.fill("   ");
  await tokens.getByRole("button", { name: "Create token" }).click();
  await expectFieldRefused(tokens, name, "name the token (what it is for)");
  await expect(name).toBeFocused();
});

test("the import page marks the upload option the server refuses, opening the options to focus it", async ({ page }) => {
  const researcher = await createAccount("RESEARCHER");
  await signIn(page, researcher, "/imports");
  const options = page.locator("details.options");
  await options.getByText("Options", { exact: true }).click();
  const address = page.getByLabel("Aircraft address (Flightradar24)");
  await address.fill("0b04z2");
  // Closed again: the refusal must open the options to show the field.
  await options.getByText("Options", { exact: true }).click();
  await page.getByLabel("Files to import").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from("Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction\n") });
  await expect(page.getByTestId("upload-phase").first()).toHaveText("failed");
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveAccessibleDescription("icao24 is 6 hex digits");
  await expect(address).toBeFocused();
  await expect(address).toHaveValue("0b04z2");
  await expect(page.getByLabel("Dataset name")).not.toHaveAttribute("aria-invalid", "true");
});
