import "server-only";
import { z } from "zod";
import { ALERT_RULE_CHOICES, WEBHOOK_FORMATS, webhookFormatOf } from "../../core/alerts/alert-rule";
import { localTargetReason } from "./webhook-target";

/** An alert rule as the CLI and the alerts page submit it; a webhook URL must be http(s). */
export const alertRuleInputSchema = z
  .object({
    rule: z.enum(ALERT_RULE_CHOICES).default("all"),
    channel: z.enum(["in-app", "webhook"]),
    webhookUrl: z.url({ protocol: /^https?$/, error: "a webhook URL must be an http:// or https:// URL" }).nullish(),
    webhookFormat: z.enum(WEBHOOK_FORMATS).nullish(),
  })
  .refine((r) => r.channel !== "webhook" || !!r.webhookUrl, { message: "a webhook rule needs its URL", path: ["webhookUrl"] })
  // fetch refuses URLs with credentials, and its error would carry them into the delivery log.
  .refine((r) => !r.webhookUrl || !hasCredentials(r.webhookUrl), { message: "a webhook URL must not carry a user name or password", path: ["webhookUrl"] })
  .superRefine((r, ctx) => {
    const reason = r.webhookUrl ? localTargetReason(r.webhookUrl) : null;
    if (reason) ctx.addIssue({ code: "custom", message: reason, path: ["webhookUrl"] });
  })
  .transform((r) =>
    r.channel === "webhook"
      ? { rule: r.rule, channel: r.channel, webhookUrl: r.webhookUrl!, webhookFormat: r.webhookFormat ?? webhookFormatOf(r.webhookUrl!) }
      : { rule: r.rule, channel: r.channel, webhookUrl: null, webhookFormat: null },
  );

export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    return false;
  }
}
