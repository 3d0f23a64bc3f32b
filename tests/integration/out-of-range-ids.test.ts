import { afterAll, describe, expect, it } from "vitest";
import { removeAlertRule } from "@/lib/server/alerts/remove-alert-rule";
import { AppError } from "@/lib/server/app-error";
import { closeDbPool } from "@/lib/server/db/pool";
import { removeLiveFeed } from "@/lib/server/live/remove-live-feed";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";

/**
 * An id past its column's range (a typo, an edited form) names nothing: "no such …", as for any
 * unknown id, never PostgreSQL's "out of range for type integer" (`token revoke`, `alerts
 * remove`, `feeds remove` and the pages' forms).
 */
afterAll(async () => {
  await closeDbPool();
});

describe("ids past their column's range", () => {
  it.each([
    ["token revoke", () => revokeApiToken(2 ** 31), "no active token 2147483648"],
    ["alerts remove", () => removeAlertRule(99_999_999_999, "cli"), "no alert rule 99999999999"],
    ["feeds remove", () => removeLiveFeed("2147483648", "cli"), "no live feed 2147483648"],
  ])("%s answers that there is none", async (_what, run, message) => {
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_FOUND", message });
  });
});
