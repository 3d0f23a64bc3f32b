import "server-only";
import { AppError } from "../app-error";
import { maskWebhookUrl } from "../../core/alerts/mask-webhook-url";
import { prisma } from "../db/prisma";
import { alertRuleInputSchema } from "./alert-rule-input";
import type { AlertRuleSummary } from "./list-alert-rules";

/** Add an alert rule (validated: alert-rule-input.ts). `createdBy`: who, for the list (an e-mail or "cli"). */
export async function addAlertRule(raw: unknown, createdBy: string): Promise<AlertRuleSummary> {
  const parsed = alertRuleInputSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues.map((i) => i.message).join("; "));
  const r = await prisma().alertRule.create({ data: { ...parsed.data, createdBy } });
  return {
    id: r.id,
    rule: r.rule,
    channel: r.channel,
    webhookUrl: r.webhookUrl === null ? null : maskWebhookUrl(r.webhookUrl),
    webhookFormat: r.webhookFormat,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    deliveries: { delivered: 0, pending: 0, failed: 0 },
  };
}
