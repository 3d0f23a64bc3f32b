import { expect, test, type APIRequestContext } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { actionIds } from "./support/server-actions";

/**
 * A server action posted from another site (a forged form, or a script's fetch) is refused by the
 * proxy with a short 403, where Next.js's own origin check answered with its raw 500 page.
 * Same-site calls still reach the action's guard.
 */
const ACTION = "app/review/actions.ts#bulkStatusAction";

function post(request: APIRequestContext, origin: string | null, form: boolean) {
  const target = actionIds().get(ACTION)!;
  const headers: Record<string, string> = origin === null ? {} : { Origin: origin };
  if (form) {
    // What a browser sends for a <form action={…}> posted from another site: no Next-Action header.
    return request.post(target.pagePath, { headers, multipart: { [`$ACTION_ID_${target.id}`]: "" }, maxRedirects: 0 });
  }
  return request.post(target.pagePath, {
    headers: { ...headers, "Next-Action": target.id, "Content-Type": "text/plain;charset=UTF-8" },
    data: "[null,null]",
    maxRedirects: 0,
  });
}

test("a server action posted from another site gets a plain 403, even with a valid session", async ({ page }) => {
  const analyst = await createAccount("ANALYST");
  await page.goto("/login");
  await page.getByLabel("Email").fill(analyst.email);
  await page.getByLabel("Password").fill(analyst.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(analyst.email);

  for (const origin of ["https://evil.example", "null"]) {
    for (const form of [false, true]) {
      const response = await post(page.request, origin, form);
      expect(response.status(), `${origin}, ${form ? "form" : "fetch"}`).toBe(403);
      expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
      expect(await response.text()).toBe("Cross-site request refused: this action can only be sent from darkflight's own pages.\n");
    }
  }
});

test("a same-site server action call still reaches the action's guard", async ({ request, baseURL }) => {
  // Anonymous: the guard answers 401; the proxy let it through.
  expect((await post(request, baseURL!, false)).status()).toBe(401);
});
