/**
 * Live alert rules and the channels they are delivered through. An analyst subscribes to one
 * rule or to "all"; a webhook's payload format is guessed from its URL only where the host is
 * unmistakable, and chosen explicitly otherwise.
 */

/** What an alert is about, in the order the settings page lists them. */
export const ALERT_RULES = ["dark", "seen", "cuba-venezuela", "detour", "spoofing"] as const;
export type AlertRuleKind = (typeof ALERT_RULES)[number];

/** What a subscription may name: one rule, or every rule. */
export const ALERT_RULE_CHOICES = [...ALERT_RULES, "all"] as const;
export type AlertRuleChoice = (typeof ALERT_RULE_CHOICES)[number];

/** Short labels for menus and message headings. "went dark" names the rule; the summary says what the grading found. */
export const ALERT_RULE_LABELS: Readonly<Record<AlertRuleKind, string>> = {
  dark: "went dark",
  seen: "seen",
  "cuba-venezuela": "new Cuba–Venezuela flight",
  detour: "detour around a watched zone",
  spoofing: "position spoofing",
};

/** @example alertRuleLabel("detour") // "detour around a watched zone" */
export function alertRuleLabel(rule: AlertRuleKind): string {
  return ALERT_RULE_LABELS[rule];
}

/** Narrow an untrusted string (a form field, a stored row) to a rule. */
export function isAlertRule(value: string): value is AlertRuleKind {
  return (ALERT_RULES as readonly string[]).includes(value);
}

/**
 * Does a subscription to `ruleSetting` receive alerts of `rule`?
 * @example ruleMatches("all", "dark") // true
 * @example ruleMatches("seen", "dark") // false
 */
export function ruleMatches(ruleSetting: AlertRuleChoice, rule: AlertRuleKind): boolean {
  return ruleSetting === "all" || ruleSetting === rule;
}

/** Where an alert goes: the app's own list, or an HTTP POST to a URL the analyst gave. */
export const ALERT_CHANNELS = ["in-app", "webhook"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** The body shapes a webhook can receive (see webhook-payload.ts). */
export const WEBHOOK_FORMATS = ["json", "slack", "discord", "mattermost"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const DISCORD_HOSTS = new Set(["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"]);

/**
 * The payload format a webhook URL most likely expects. Conservative: only Slack incoming
 * webhooks (hooks.slack.com/services/…) and Discord webhooks (…/api/webhooks/…) are recognised,
 * by exact host and path. Slack's Workflow Builder triggers (hooks.slack.com/triggers/…) take the
 * workflow's own variables, so they stay json; Mattermost (self-hosted, any host) and everything
 * else are json unless the analyst chooses otherwise. A URL that does not parse is json too.
 * @example webhookFormatOf("https://hooks.slack.com/services/T0/B0/x") // "slack"
 * @example webhookFormatOf("https://chat.example.org/hooks/abc") // "json"
 */
export function webhookFormatOf(url: string): WebhookFormat {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return "json";
  }
  if (parsed.protocol !== "https:") return "json";
  const host = parsed.hostname.toLowerCase();
  if (host === "hooks.slack.com" && parsed.pathname.startsWith("/services/")) return "slack";
  if (DISCORD_HOSTS.has(host) && /^\/api\/(v\d+\/)?webhooks\//.test(parsed.pathname)) return "discord";
  return "json";
}
