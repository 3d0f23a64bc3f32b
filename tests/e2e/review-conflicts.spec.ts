import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { newFlaggedFlight, reviewOf, screenshot, signIn } from "./support/dashboard";

/**
 * Two analysts, each in a browser of their own, on one finding: a page left open while a
 * colleague moved the finding away and back shows the same status as before, and its change is
 * refused all the same (the forms carry the review's version). Each journey leaves the finding
 * new and unassigned, as it found it, for the other journeys on the shared database.
 */

const STALE_NEW = "changed since your page was loaded: it is now new; reload to see who changed it";

/** A signed-in analyst in a browser context of their own (their own session cookie). */
async function analystPage(browser: Browser, next: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL! });
  const page = await context.newPage();
  await signIn(page, await createAccount("ANALYST"), next);
  return { page, close: () => context.close() };
}

/** The colleague takes the finding into review and puts it back to new, from its flight page. */
async function moveAwayAndBack(page: Page, key: string): Promise<void> {
  await page.goto(`/flights/${key}`);
  const panel = page.getByTestId("review-panel");
  await expect(panel.getByTestId("review-status")).toHaveText("new");
  await panel.getByRole("button", { name: "Take into review", exact: true }).click();
  await expect(panel.getByTestId("review-status")).toHaveText("in review");
  await panel.getByRole("button", { name: "Back to new", exact: true }).click();
  await expect(panel.getByTestId("review-status")).toHaveText("new");
  // Taking it into review assigned the colleague: unassign, so only the version tells.
  await panel.getByLabel("Assignee").selectOption("");
  await panel.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Unassigned." })).toBeVisible();
  await expect(statusLine(panel)).not.toContainText("assigned to");
}

/** The panel's line "Status: … · … · assigned to …" (the audit trail below also says "assigned to"). */
const statusLine = (panel: Locator) => panel.locator("p", { has: panel.page().getByTestId("review-status") });

test.describe("two analysts on one finding", () => {
  test("a flight page left open is refused after a colleague moved the finding away and back; reloaded, it acts", async ({ browser }, testInfo) => {
    const flight = await newFlaggedFlight();
    const first = await analystPage(browser, `/flights/${flight.key}`);
    const colleague = await analystPage(browser, "/review");
    try {
      const panel = first.page.getByTestId("review-panel");
      await expect(panel.getByTestId("review-status")).toHaveText("new");

      await moveAwayAndBack(colleague.page, flight.key);

      // The open page still shows "new", as the finding is again: the change is refused all the same.
      await expect(panel.getByTestId("review-status")).toHaveText("new");
      await panel.getByRole("button", { name: "Dismiss", exact: true }).click();
      await expect(panel.getByRole("alert")).toHaveText(STALE_NEW);
      expect(await reviewOf(flight.key)).toEqual({ status: "NEW", published: false });
      await screenshot(first.page, testInfo, "stale-page-refused");

      // Reloaded, the page carries the new version and its change goes through.
      await first.page.reload();
      await panel.getByRole("button", { name: "Take into review", exact: true }).click();
      await expect(panel.getByTestId("review-status")).toHaveText("in review");
      await panel.getByRole("button", { name: "Back to new", exact: true }).click();
      await expect(panel.getByTestId("review-status")).toHaveText("new");
      await panel.getByLabel("Assignee").selectOption("");
      await panel.getByRole("button", { name: "Assign", exact: true }).click();
      await expect(statusLine(panel)).not.toContainText("assigned to");
      expect(await reviewOf(flight.key)).toEqual({ status: "NEW", published: false });
    } finally {
      await first.close();
      await colleague.close();
    }
  });

  test("the queue's bulk change leaves out a row whose finding moved away and back since the queue was loaded", async ({ browser }) => {
    const flight = await newFlaggedFlight();
    const queue = "/review?status=NEW&pageSize=100&sort=time&dir=asc";
    const first = await analystPage(browser, queue);
    const colleague = await analystPage(browser, "/review");
    try {
      const row = first.page.locator(`[data-testid="queue-row"][data-key="${flight.key}"]`);
      // The flight may sit past the first 100 new ones: load page after page until it shows.
      for (let page = 1; (await row.count()) === 0; page++) {
        await first.page.goto(`${queue}&page=${page}`);
        await expect(first.page.getByTestId("queue-count"), `${flight.key} is in the queue of new findings`).toContainText(`page ${page} of`);
      }
      await expect(row.getByTestId("queue-status")).toHaveText("new");

      await moveAwayAndBack(colleague.page, flight.key);

      const bulk = first.page.getByTestId("bulk-form");
      await row.getByRole("checkbox").check();
      await bulk.getByLabel("Set the selected to").selectOption("DISMISSED");
      await bulk.getByRole("button", { name: "Change status" }).click();
      await expect(bulk.getByRole("status")).toHaveText(`0 findings now dismissed. Not changed: ${flight.key}: ${STALE_NEW}.`);
      expect(await reviewOf(flight.key)).toEqual({ status: "NEW", published: false });
    } finally {
      await first.close();
      await colleague.close();
    }
  });

  test("a page from before the stamp (no version sent) still acts; a forged version is a clear error, not a crash", async ({ browser }) => {
    const flight = await newFlaggedFlight();
    const analyst = await analystPage(browser, `/flights/${flight.key}`);
    try {
      const panel = analyst.page.getByTestId("review-panel");
      const stamps = panel.locator('input[name="seenVersion"]');
      await expect(panel.getByTestId("review-status")).toHaveText("new");
      const before = await reviewOf(flight.key);
      await stamps.evaluateAll((inputs) => inputs.forEach((input) => ((input as HTMLInputElement).value = "1e3")));
      await panel.getByRole("button", { name: "Take into review", exact: true }).click();
      await expect(panel.getByRole("alert")).toHaveText("the page's review version is not valid: reload the page");
      expect(await reviewOf(flight.key)).toEqual(before);

      // A disabled input is not sent: the forms as a page rendered before the version had them.
      await analyst.page.reload();
      await stamps.evaluateAll((inputs) => inputs.forEach((input) => ((input as HTMLInputElement).disabled = true)));
      await panel.getByRole("button", { name: "Take into review", exact: true }).click();
      await expect(panel.getByTestId("review-status")).toHaveText("in review");
      await panel.getByRole("button", { name: "Back to new", exact: true }).click();
      await expect(panel.getByTestId("review-status")).toHaveText("new");
      await panel.getByLabel("Assignee").selectOption("");
      await panel.getByRole("button", { name: "Assign", exact: true }).click();
      await expect(statusLine(panel)).not.toContainText("assigned to");
      expect(await stamps.evaluateAll((inputs) => inputs.every((input) => (input as HTMLInputElement).disabled))).toBe(true);
      expect(await reviewOf(flight.key)).toEqual({ status: "NEW", published: false });
    } finally {
      await analyst.close();
    }
  });
});

test("an analyst's own quick second change on the same page goes through: it waits for the first, then carries its version", async ({ browser }) => {
  const flight = await newFlaggedFlight();
  const analyst = await analystPage(browser, `/flights/${flight.key}`);
  try {
    const panel = analyst.page.getByTestId("review-panel");
    await expect(panel.getByTestId("review-status")).toHaveText("new");
    // No wait between the two: the second form is still on the page the first one changes.
    await panel.getByRole("button", { name: "Take into review", exact: true }).click();
    await panel.getByLabel("Assignee").selectOption("");
    await panel.getByRole("button", { name: "Assign", exact: true }).click();
    // Answered, not refused. (Which of the two: the page rendered again after the first change
    // shows the select anew, with the assignee taking it into review gave; it may land before
    // the choice or after it.)
    const assign = panel.getByRole("form", { name: "Assign" });
    await expect(assign.getByRole("status")).toHaveText(/^(Unassigned|Assigned)\.$/);
    await expect(panel.getByRole("alert")).toHaveCount(0);
    await expect(panel.getByTestId("review-status")).toHaveText("in review");
    expect(await reviewOf(flight.key)).toEqual({ status: "IN_REVIEW", published: false });
    // Left new and unassigned, as found.
    await panel.getByLabel("Assignee").selectOption("");
    await panel.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(statusLine(panel)).not.toContainText("assigned to");
    await panel.getByRole("button", { name: "Back to new", exact: true }).click();
    await expect(panel.getByTestId("review-status")).toHaveText("new");
    expect(await reviewOf(flight.key)).toEqual({ status: "NEW", published: false });
  } finally {
    await analyst.close();
  }
});
