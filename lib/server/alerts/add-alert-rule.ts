import "server-only";
import { invalidInput } from "../app-error";
import { maskWebhookUrl } from "../../core/alerts/mask-webhook-url";
import { recordAuditEvent } from "../audit/record-audit-event";
import { actingAs, type Actor } from "../auth/acting-user";
import { REVIEW_ROLES } from "../auth/require-role";
import { prisma } from "../db/prisma";
import { alertRuleInputSchema } from "./alert-rule-input";
import { alertRuleSummary, type AlertRuleSummary } from "./list-alert-rules";

/** Add an alert rule (validated: alert-rule-input.ts). Analysts (or the CLI) only; written to the audit log. */
export async function addAlertRule(raw: unknown, actor: Actor): Promise<AlertRuleSummary> {
  const who = actingAs(actor, REVIEW_ROLES);
  const createdBy = who.actorEmail;
  const parsed = alertRuleInputSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const r = await prisma().alertRule.create({ data: { ...parsed.data, createdBy } });
  // The webhook URL is a secret: the audit log keeps only its masked form.
  await recordAuditEvent({
    action: "alert-rule-added", ...who, subject: `alert-rule:${r.id}`,
    details: { rule: r.rule, channel: r.channel, webhook: r.webhookUrl === null ? null : maskWebhookUrl(r.webhookUrl), format: r.webhookFormat },
  });
  return alertRuleSummary(r, { delivered: 0, pending: 0, failed: 0 });
}
