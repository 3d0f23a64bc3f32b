import "server-only";
import { maskWebhookUrl } from "../../core/alerts/mask-webhook-url";
import type { AlertRule } from "../db/prisma";
import { prisma } from "../db/prisma";

export interface AlertRuleSummary {
  id: number;
  rule: string;
  channel: string;
  /** Host and last characters only: a webhook URL is a secret (maskWebhookUrl). */
  webhookUrl: string | null;
  webhookFormat: string | null;
  createdBy: string | null;
  createdAt: string;
  /** Deliveries of this rule: delivered, pending (retrying) and failed. */
  deliveries: { delivered: number; pending: number; failed: number };
}

export async function listAlertRules(): Promise<AlertRuleSummary[]> {
  const rules = await prisma().alertRule.findMany({ orderBy: { id: "asc" } });
  const counts = await prisma().alertDelivery.groupBy({ by: ["ruleId", "status"], _count: { _all: true } });
  return rules.map((r) => {
    const of = (status: string) => counts.find((c) => c.ruleId === r.id && c.status === status)?._count._all ?? 0;
    return alertRuleSummary(r, { delivered: of("delivered"), pending: of("pending"), failed: of("failed") });
  });
}

/** A stored rule as pages and the CLI show it: the webhook's address masked. */
export function alertRuleSummary(r: AlertRule, deliveries: AlertRuleSummary["deliveries"]): AlertRuleSummary {
  return {
    id: r.id,
    rule: r.rule,
    channel: r.channel,
    webhookUrl: r.webhookUrl === null ? null : maskWebhookUrl(r.webhookUrl),
    webhookFormat: r.webhookFormat,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    deliveries,
  };
}
