import { describe, expect, it } from "vitest";
import {
  ALERT_CHANNELS,
  ALERT_RULE_CHOICES,
  ALERT_RULES,
  WEBHOOK_FORMATS,
  alertRuleLabel,
  isAlertRule,
  ruleMatches,
  webhookFormatOf,
} from "@/lib/core/alerts/alert-rule";

describe("alert rules", () => {
  it("lists the five rules, and 'all' only among the choices", () => {
    expect(ALERT_RULES).toEqual(["dark", "seen", "cuba-venezuela", "detour", "spoofing"]);
    expect(ALERT_RULE_CHOICES).toEqual([...ALERT_RULES, "all"]);
    expect(isAlertRule("all")).toBe(false);
    expect(isAlertRule("dark")).toBe(true);
    expect(isAlertRule("DARK")).toBe(false);
  });

  it("matches a rule to itself and to 'all', never to another rule", () => {
    for (const rule of ALERT_RULES) {
      expect(ruleMatches("all", rule)).toBe(true);
      expect(ruleMatches(rule, rule)).toBe(true);
      for (const other of ALERT_RULES.filter((r) => r !== rule)) expect(ruleMatches(other, rule)).toBe(false);
    }
  });

  it("labels each rule in a few plain words", () => {
    expect(ALERT_RULES.map(alertRuleLabel)).toEqual([
      "went dark",
      "seen",
      "new Cuba–Venezuela flight",
      "detour around a watched zone",
      "position spoofing",
    ]);
  });

  it("has two channels and four webhook formats", () => {
    expect(ALERT_CHANNELS).toEqual(["in-app", "webhook"]);
    expect(WEBHOOK_FORMATS).toEqual(["json", "slack", "discord", "mattermost"]);
  });
});

describe("webhookFormatOf", () => {
  it("recognises Slack incoming webhooks", () => {
    expect(webhookFormatOf("https://hooks.slack.com/services/T000/B000/XXXX")).toBe("slack");
    expect(webhookFormatOf("  https://HOOKS.SLACK.COM/services/T000/B000/XXXX ")).toBe("slack");
  });

  it("recognises Discord webhooks on every Discord host, with or without an API version", () => {
    expect(webhookFormatOf("https://discord.com/api/webhooks/123/abc")).toBe("discord");
    expect(webhookFormatOf("https://discordapp.com/api/webhooks/123/abc")).toBe("discord");
    expect(webhookFormatOf("https://canary.discord.com/api/v10/webhooks/123/abc")).toBe("discord");
  });

  it("guesses nothing else: Mattermost-looking URLs, Slack workflow triggers and look-alike hosts are json", () => {
    expect(webhookFormatOf("https://chat.example.org/hooks/xyz")).toBe("json");
    expect(webhookFormatOf("https://hooks.slack.com/triggers/T000/123/abc")).toBe("json");
    expect(webhookFormatOf("https://hooks.slack.com.evil.example/services/T/B/X")).toBe("json");
    expect(webhookFormatOf("https://evil.example/hooks.slack.com/services/T/B/X")).toBe("json");
    expect(webhookFormatOf("https://discord.com/channels/1/2")).toBe("json");
    expect(webhookFormatOf("https://notdiscord.com/api/webhooks/1/x")).toBe("json");
  });

  it("treats plain http and unparsable URLs as json", () => {
    expect(webhookFormatOf("http://hooks.slack.com/services/T/B/X")).toBe("json");
    expect(webhookFormatOf("not a url")).toBe("json");
    expect(webhookFormatOf("")).toBe("json");
  });
});
