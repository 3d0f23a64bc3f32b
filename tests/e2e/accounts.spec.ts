import pg from "pg";
import { expect, test } from "@playwright/test";
import { createAccount } from "./support/accounts";

async function auditActions(email: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(
    `SELECT action FROM audit_events WHERE actor_email = $1 OR actor_id = (SELECT id FROM users WHERE email = $1) ORDER BY id`,
    [email],
  );
  await client.end();
  return rows.map((r) => r.action as string);
}

test("an analyst signs in and out; the session cookie is HttpOnly and SameSite=Lax; both are audited", async ({ page, context }) => {
  const analyst = await createAccount("ANALYST");
  await page.goto("/login");
  await page.getByLabel("Email").fill(analyst.email);
  await page.getByLabel("Password").fill(analyst.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(`${analyst.email} (analyst)`);
  const cookie = (await context.cookies()).find((c) => c.name === "darkflight_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  const signedIn = (await context.cookies()).filter((c) => c.name === "darkflight_session");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Sign in");
  // The old cookie, replayed after sign-out, opens nothing: the session ended on the server.
  await context.addCookies(signedIn);
  await page.goto("/imports");
  await expect(page).toHaveURL(/\/login/);
  await context.clearCookies();
  await page.goto("/imports");
  await expect(page).toHaveURL(/\/login/);
  expect(await auditActions(analyst.email)).toEqual(["sign-in", "sign-out"]);
});

test("ten wrong passwords in a row are throttled, even before the right one", async ({ page }) => {
  const researcher = await createAccount("RESEARCHER");
  await page.goto("/login");
  const messages: string[] = [];
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("Email").fill(researcher.email);
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.locator("#sign-in-error");
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  expect(messages.slice(0, 5).every((m) => m.includes("Wrong email or password"))).toBe(true);
  expect(messages.slice(5).some((m) => m.includes("Too many failed sign-ins"))).toBe(true);
  // Now even the right password is refused until the wait is over.
  await page.getByLabel("Email").fill(researcher.email);
  await page.getByLabel("Password").fill(researcher.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#sign-in-error")).toContainText("Too many failed sign-ins");
  const actions = await auditActions(researcher.email);
  expect(actions.filter((a) => a === "sign-in-refused").length).toBeGreaterThanOrEqual(5);
  expect(actions).toContain("sign-in-throttled");
  expect(actions).not.toContain("sign-in");
});

test("every response carries the security headers; the pages work under the CSP", async ({ request, page }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await expect(page.getByTestId("positions-per-day-chart").locator("svg.recharts-surface[role=application]")).toBeVisible();
  expect(violations).toEqual([]);
});
