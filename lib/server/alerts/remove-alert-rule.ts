import "server-only";
import { AppError } from "../app-error";
import { prisma } from "../db/prisma";

/** Remove a rule; its deliveries stay in the log (their rule shown as removed). NOT_FOUND when there is none. */
export async function removeAlertRule(id: number): Promise<void> {
  const { count } = await prisma().alertRule.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND", `no alert rule ${id}`);
}
