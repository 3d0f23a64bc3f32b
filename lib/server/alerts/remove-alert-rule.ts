import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { actingAs, type Actor } from "../auth/acting-user";
import { REVIEW_ROLES } from "../auth/require-role";
import { prisma } from "../db/prisma";

/** Remove a rule (analysts or the CLI; audited); its deliveries stay in the log (their rule shown as removed). NOT_FOUND when there is none. */
export async function removeAlertRule(id: number, actor: Actor): Promise<void> {
  const who = actingAs(actor, REVIEW_ROLES);
  const { count } = await prisma().alertRule.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND", `no alert rule ${id}`);
  await recordAuditEvent({ action: "alert-rule-removed", ...who, subject: `alert-rule:${id}` });
}
