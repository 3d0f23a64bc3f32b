import "server-only";
import { AppError } from "../app-error";
import { prisma } from "../db/prisma";
import type { ZoneSummary } from "./list-zones";
import { parseZoneCode } from "./zone-input";

/**
 * Remove a zone an analyst added (kind WATCHED). Seeded FIRs are refused (CONFLICT): they name the
 * FIR sequence of every flight and would be seeded again at the next start; unwatch them instead.
 * NOT_FOUND for an unknown code.
 */
export async function removeWatchedZone(rawCode: string): Promise<ZoneSummary> {
  const code = parseZoneCode(rawCode);
  const analysts = { code, kind: "WATCHED" } as const;
  const zone = await prisma().zone.findFirst({ where: analysts, select: { id: true, code: true, name: true, watched: true, source: true, updatedAt: true } });
  // The delete repeats the condition: a zone removed meanwhile counts 0, never another row.
  const { count } = zone ? await prisma().zone.deleteMany({ where: { ...analysts, id: zone.id } }) : { count: 0 };
  if (zone && count === 1) {
    const { id: _id, ...removed } = zone;
    return { ...removed, kind: "WATCHED", updatedAt: removed.updatedAt.toISOString() };
  }

  const fir = await prisma().zone.findUnique({ where: { code }, select: { name: true } });
  if (!fir) throw new AppError("NOT_FOUND", `no zone ${code} (\`zones list\` shows the codes)`);
  throw new AppError(
    "CONFLICT",
    `zone ${code} (${fir.name}) is a seeded FIR: it cannot be removed, only unwatched (\`zones unwatch ${code}\`); nothing removed`,
  );
}
