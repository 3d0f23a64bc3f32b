const ENTITIES: Record<string, string> = { "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
const unescapeHtml = (s: string) => s.replace(/&(quot|#x27|#39|lt|gt|amp);/g, (e) => ENTITIES[e]!);

/**
 * Sign in as a browser without JavaScript would: read the login form (React renders a server
 * action's form with hidden `$ACTION_…` fields), post it with the credentials, and return the
 * session cookie ("name=value") the answer sets. The same route, throttle and checks as a person.
 */
export async function signInThroughForm(baseUrl: string, credentials: { email: string; password: string }): Promise<string> {
  const page = await fetch(`${baseUrl}/login`);
  const html = await page.text();
  const form = /<form[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error(`no sign-in form on ${baseUrl}/login (${page.status})`);
  const body = new FormData();
  for (const input of form.match(/<input[^>]*>/g) ?? []) {
    const name = /\sname="([^"]*)"/.exec(input)?.[1];
    if (!name || !/\stype="hidden"/.test(input)) continue;
    body.append(unescapeHtml(name), unescapeHtml(/\svalue="([^"]*)"/.exec(input)?.[1] ?? ""));
  }
  body.set("email", credentials.email);
  body.set("password", credentials.password);
  const answer = await fetch(`${baseUrl}/login`, { method: "POST", body, redirect: "manual", headers: { origin: baseUrl } });
  const session = answer.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("darkflight_session=") && c.length > "darkflight_session=".length);
  if (!session) throw new Error(`signing in as ${credentials.email} failed (${answer.status}): wrong credentials or throttled`);
  return session;
}
