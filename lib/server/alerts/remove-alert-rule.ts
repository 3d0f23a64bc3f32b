import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { actingAs, type Actor } from "../auth/acting-user";
import { REVIEW_ROLES } from "../auth/require-role";
import { maskWebhookUrl } from "../../core/alerts/mask-webhook-url";
import { prisma } from "../db/prisma";
import { MAX_INT_ID } from "../../core/format/user-input";

/** Remove a rule (analysts or the CLI; audited): its pending deliveries are cancelled; its deliveries stay in the log (their rule shown as removed). NOT_FOUND when there is none. */
export async function removeAlertRule(id: number, actor: Actor): Promise<void> {
  const who = actingAs(actor, REVIEW_ROLES);
  const rule = id > MAX_INT_ID ? null : await prisma().alertRule.findUnique({ where: { id }, select: { webhookUrl: true } });
  if (!rule) throw new AppError("NOT_FOUND", `no alert rule ${id}`);
  // Its deliveries stop, and the log keeps the hook's address masked only (it is a secret).
  await prisma().alertDelivery.updateMany({ where: { ruleId: id, status: "pending" }, data: { status: "failed", lastError: "rule removed" } });
  if (rule.webhookUrl !== null) await prisma().alertDelivery.updateMany({ where: { ruleId: id }, data: { webhookUrl: maskWebhookUrl(rule.webhookUrl) } });
  await prisma().alertRule.deleteMany({ where: { id } });
  await recordAuditEvent({ action: "alert-rule-removed", ...who, subject: `alert-rule:${id}` });
}
