/**
 * A webhook URL is a secret (whoever has a Slack or Discord hook URL can post to the channel):
 * pages and listings show its host and the last four characters only.
 * @example maskWebhookUrl("https://hooks.slack.com/services/T0/B0/abcdEFGH") // "https://hooks.slack.com/…EFGH"
 */
export function maskWebhookUrl(url: string): string {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return "…";
  }
  const rest = url.slice(origin.length);
  return rest.length <= 4 ? url : `${origin}/…${rest.slice(-4)}`;
}
