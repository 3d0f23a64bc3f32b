import "server-only";
import { prisma } from "../db/prisma";

export interface ZoneSummary {
  code: string;
  /** FIR: seeded reference boundary (watch or unwatch it, never remove it); WATCHED: added by an analyst. */
  kind: "FIR" | "WATCHED";
  name: string;
  /** Watched zones are the ones ZONE_AVOIDANCE checks. */
  watched: boolean;
  source: string | null;
  updatedAt: string;
}

/** Every zone, watched ones first, then by code. The geometry stays in the database. */
export async function listZones(): Promise<ZoneSummary[]> {
  const zones = await prisma().zone.findMany({
    select: { code: true, kind: true, name: true, watched: true, source: true, updatedAt: true },
    orderBy: [{ watched: "desc" }, { code: "asc" }],
  });
  return zones.map((z) => ({ ...z, updatedAt: z.updatedAt.toISOString() }));
}
