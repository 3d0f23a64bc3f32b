import "server-only";
import { AppError } from "../app-error";
import { isUniqueViolation } from "../db/is-unique-violation";
import { prisma, type Prisma } from "../db/prisma";
import type { ZoneSummary } from "./list-zones";
import { parseZoneGeoJson, type ParsedZoneGeometry } from "./parse-zone-geojson";
import { parseZoneCode, parseZoneName } from "./zone-input";

/**
 * Add an analyst's zone (kind WATCHED, watched) from the text of a GeoJSON file: validated first
 * (parse-zone-geojson.ts), so a refused file writes nothing. A code already in use, FIR or not,
 * is a CONFLICT: remove the analyst's zone first to replace it. Takes effect at the next
 * detection (`detect --all` for stored flights).
 * @example await addWatchedZone({ code: "CUR-ADIZ", name: "Curaçao identification zone", geojson, fileName: "adiz.geojson" })
 */
export async function addWatchedZone(request: {
  code: string;
  name: string;
  geojson: string;
  fileName: string;
}): Promise<ZoneSummary & Omit<ParsedZoneGeometry, "geometry">> {
  const code = parseZoneCode(request.code);
  const name = parseZoneName(request.name);
  const { geometry, ...shape } = parseZoneGeoJson(request.geojson, request.fileName);
  try {
    const zone = await prisma().zone.create({
      data: { code, name, kind: "WATCHED", watched: true, geometry: geometry as unknown as Prisma.InputJsonValue, source: `analyst, from ${request.fileName}` },
      select: { source: true, updatedAt: true },
    });
    return { code, kind: "WATCHED", name, watched: true, source: zone.source, updatedAt: zone.updatedAt.toISOString(), ...shape };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma().zone.findUnique({ where: { code }, select: { kind: true, name: true } });
    const what = existing ? `${existing.kind === "FIR" ? "a FIR" : "an analyst's zone"} (${existing.name})` : "a zone";
    throw new AppError("CONFLICT", `zone ${code} already exists: ${what}; nothing written`);
  }
}
