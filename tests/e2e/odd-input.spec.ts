import { expect, test } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { signIn } from "./support/dashboard";

/**
 * Odd input from a browser's address bar or a hand-edited link never ends in an error page or
 * on another site: each gets the page a user would expect.
 */
test("signing in never sends the browser to another site, whatever the next address holds", async ({ page, baseURL }) => {
  const analyst = await createAccount("ANALYST");
  // Browsers drop the tab: "/\t/example.com" is "//example.com", another site.
  await signIn(page, analyst, "/\t/example.com");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(page.url()).pathname).toBe("/imports");
});

test("a queue page past the end shows the last page, and filters the database cannot take are ignored", async ({ page }) => {
  const analyst = await createAccount("ANALYST");
  await signIn(page, analyst, "/review");
  const count = await page.getByTestId("queue-count").textContent();
  const last = Number(/page \d+ of (\d+)/.exec(count ?? "")?.[1]);
  expect(last).toBeGreaterThanOrEqual(1);

  await page.goto("/review?page=99999");
  await expect(page).toHaveURL(last === 1 ? /\/review$/ : new RegExp(`/review\\?page=${last}$`));
  await expect(page.getByTestId("queue-count")).toContainText(`page ${last} of ${last}`);
  await expect(page.getByText("No flagged flights yet")).toHaveCount(0);

  for (const path of ["/review?from=0000-01-01", "/review?operator=%00", "/?from=0000-01-01&scope=all"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  expect((await page.goto("/imports/99999999999999999999"))?.status()).toBe(404);
});
