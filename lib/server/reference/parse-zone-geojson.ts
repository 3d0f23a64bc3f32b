import "server-only";
import { z } from "zod";
import type { ZoneRef } from "../../core/model/zone-ref";
import { AppError } from "../app-error";

export type ZoneGeometry = ZoneRef["geometry"];

export interface ParsedZoneGeometry {
  /** Positions reduced to [lon, lat] degrees (an altitude, if any, dropped). */
  geometry: ZoneGeometry;
  polygonCount: number;
  /** Positions over every ring, closing ones included. */
  vertexCount: number;
  /** [minLon, minLat, maxLon, maxLat], degrees. */
  bbox: [number, number, number, number];
}

/** A zone is a hand-drawn or published boundary: thousands of vertices at most, never megabytes. */
export const MAX_ZONE_FILE_BYTES = 10 * 1024 * 1024;
const MAX_PROBLEMS = 5;

const position = z
  .array(z.number("a coordinate must be a number"), "a position must be an array [longitude, latitude]")
  .min(2, "a position needs a longitude and a latitude")
  .superRefine((p, ctx) => {
    const [lonDeg = 0, latDeg = 0] = p;
    if (lonDeg < -180 || lonDeg > 180) ctx.addIssue({ code: "custom", message: `longitude ${lonDeg} is outside -180…180` });
    if (latDeg < -90 || latDeg > 90) {
      ctx.addIssue({ code: "custom", message: `latitude ${latDeg} is outside -90…90 (GeoJSON positions are [longitude, latitude])` });
    }
  });

const ring = z.array(position, "a ring must be an array of positions").superRefine((r, ctx) => {
  if (r.length < 4) {
    ctx.addIssue({ code: "custom", message: `a ring needs at least 4 positions (3 corners and the first repeated to close it), found ${r.length}` });
    return;
  }
  const first = r[0]!;
  const last = r[r.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    ctx.addIssue({
      code: "custom",
      message: `ring is not closed: it starts at [${first[0]}, ${first[1]}] and ends at [${last[0]}, ${last[1]}] (GeoJSON repeats the first position at the end)`,
    });
  }
  let twiceArea = 0;
  for (let i = 0; i + 1 < r.length; i++) {
    const [lon0 = 0, lat0 = 0] = r[i]!;
    const [lon1 = 0, lat1 = 0] = r[i + 1]!;
    // Containment is planar on lon/lat (point-in-zone.ts): an edge spanning more than half the globe is not what was meant.
    if (Math.abs(lon1 - lon0) > 180) {
      ctx.addIssue({
        code: "custom",
        path: [i + 1],
        message: `ring crosses the antimeridian between positions ${i} and ${i + 1} (longitude ${lon0} → ${lon1}): not supported, split the zone at 180°`,
      });
    }
    twiceArea += lon0 * lat1 - lon1 * lat0;
  }
  if (twiceArea === 0) ctx.addIssue({ code: "custom", message: "ring encloses no area (its positions lie on one line)" });
});

const polygonCoordinates = z
  .array(ring, "Polygon coordinates must be an array of rings")
  .min(1, "a polygon needs at least one ring (its outer boundary)");

const polygon = z.object({ type: z.literal("Polygon"), coordinates: polygonCoordinates });
const multiPolygon = z.object({
  type: z.literal("MultiPolygon"),
  coordinates: z.array(polygonCoordinates, "MultiPolygon coordinates must be an array of polygons").min(1, "a MultiPolygon needs at least one polygon"),
});

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const describe = (x: unknown) => (Array.isArray(x) ? "an array" : x === null ? "null" : typeof x);
const EXPECTED = "a zone is a Polygon or MultiPolygon geometry, or a Feature or a FeatureCollection holding exactly one";

/**
 * The geometry a zone file holds, validated: a GeoJSON Polygon or MultiPolygon, or a Feature /
 * FeatureCollection with exactly one such geometry. Checks positions ([lon, lat] in range), rings
 * (closed, ≥ 4 positions, some area, not across the antimeridian). Pure; nothing is written.
 * Refusals are BAD_REQUEST errors naming the file, where in it, and what is wrong.
 * @example parseZoneGeoJson('{"type":"Polygon","coordinates":[[[-70,12],[-69,12],[-69,13],[-70,12]]]}', "zone.geojson").vertexCount // 4
 */
export function parseZoneGeoJson(text: string, fileName: string): ParsedZoneGeometry {
  if (Buffer.byteLength(text) > MAX_ZONE_FILE_BYTES) refuse(fileName, [`the file is larger than ${MAX_ZONE_FILE_BYTES / 1024 / 1024} MB`]);
  if (text.trim() === "") refuse(fileName, ["the file is empty"]);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    refuse(fileName, [`not JSON (${error instanceof Error ? error.message : String(error)})`]);
  }

  const { geometry, at } = locateGeometry(json, fileName);
  const result = (geometry.type === "Polygon" ? polygon : multiPolygon).safeParse(geometry);
  if (!result.success) refuse(fileName, result.error.issues.map((issue) => `${formatPath([...at, ...issue.path]) || "geometry"}: ${issue.message}`));

  const flat = (p: number[]) => [p[0]!, p[1]!];
  const normalised: ZoneGeometry =
    result.data.type === "Polygon"
      ? { type: "Polygon", coordinates: result.data.coordinates.map((r) => r.map(flat)) }
      : { type: "MultiPolygon", coordinates: result.data.coordinates.map((poly) => poly.map((r) => r.map(flat))) };
  const polygons = normalised.type === "Polygon" ? [normalised.coordinates] : normalised.coordinates;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let vertexCount = 0;
  for (const [lonDeg = 0, latDeg = 0] of polygons.flat(2)) {
    vertexCount++;
    bbox[0] = Math.min(bbox[0], lonDeg);
    bbox[1] = Math.min(bbox[1], latDeg);
    bbox[2] = Math.max(bbox[2], lonDeg);
    bbox[3] = Math.max(bbox[3], latDeg);
  }
  return { geometry: normalised, polygonCount: polygons.length, vertexCount, bbox };
}

function refuse(fileName: string, problems: string[]): never {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more problem(s)` : "";
  throw new AppError("BAD_REQUEST", `${fileName} is not a usable zone: ${shown.join("; ")}${more}`);
}

/** Where the one geometry sits: the document itself, a Feature's, or the single feature's of a collection. */
function locateGeometry(json: unknown, fileName: string): { geometry: Record<string, unknown>; at: (string | number)[] } {
  if (!isObject(json)) refuse(fileName, [`expected a GeoJSON object, found ${describe(json)}`]);
  let at: (string | number)[] = [];
  let node: unknown = json;
  if (json.type === "FeatureCollection") {
    const features = json.features;
    if (!Array.isArray(features)) refuse(fileName, ['the FeatureCollection has no "features" array']);
    if (features.length !== 1) refuse(fileName, [`the FeatureCollection holds ${features.length} features; one zone per file: ${EXPECTED}`]);
    at = ["features", 0];
    node = features[0];
    if (!isObject(node) || node.type !== "Feature") {
      refuse(fileName, [`features[0]: expected a Feature, found ${isObject(node) ? JSON.stringify(node.type) : describe(node)}`]);
    }
  }
  if (isObject(node) && node.type === "Feature") {
    if (!isObject(node.geometry)) refuse(fileName, [`${formatPath([...at, "geometry"])}: the Feature has no geometry`]);
    at = [...at, "geometry"];
    node = node.geometry;
  }
  if (!isObject(node)) refuse(fileName, [`expected a GeoJSON object, found ${describe(node)}`]);
  if (node.type !== "Polygon" && node.type !== "MultiPolygon") {
    const where = at.length > 0 ? `${formatPath(at)}: ` : "";
    const what = typeof node.type === "string" ? `GeoJSON type "${node.type}"` : 'an object without a GeoJSON "type"';
    refuse(fileName, [`${where}${what} cannot be a zone: ${EXPECTED}`]);
  }
  return { geometry: node, at };
}

/** ["features", 0, "geometry", "coordinates", 0, 3] → "features[0].geometry.coordinates[0][3]" */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i === 0 ? "" : "."}${String(k)}`)).join("");
}
