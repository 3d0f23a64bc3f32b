import { geoArea, geoPath } from "d3-geo";
import type { ZoneRef } from "../model/zone-ref";
import type { FittedMap } from "./fit-mercator";
import type { ProjectedZone } from "./map-data";

type ZoneGeometry = ZoneRef["geometry"];

/**
 * d3-geo reads polygons on the sphere: an exterior ring wound the "wrong" way (RFC 7946's
 * counter-clockwise, common in hand-drawn zones) means the whole globe except the zone. A zone
 * is smaller than a hemisphere, so any polygon whose area exceeds 2π sr is reversed.
 */
export function rewindForD3(geometry: ZoneGeometry): ZoneGeometry {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const fixed = polygons.map((rings) =>
    geoArea({ type: "Polygon", coordinates: rings }) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings,
  );
  return geometry.type === "Polygon" ? { type: "Polygon", coordinates: fixed[0] ?? [] } : { type: "MultiPolygon", coordinates: fixed };
}

/** The zones that show in the frame, clipped to it, each with a label point; watched ones last (drawn on top). */
export function projectZones(zones: readonly ZoneRef[], fitted: FittedMap): ProjectedZone[] {
  const out: ProjectedZone[] = [];
  // Label points from the unsimplified projection: exactly where they were before simplifying.
  const centroidOf = geoPath(fitted.projection);
  for (const zone of zones) {
    const geometry = rewindForD3(zone.geometry);
    const path = fitted.path(geometry);
    if (!path) continue;
    const [x, y] = centroidOf.centroid(geometry);
    out.push({
      code: zone.code,
      name: zone.name,
      watched: zone.watched,
      path,
      labelXPx: Number.isFinite(x) ? Math.round(x * 10) / 10 : 0,
      labelYPx: Number.isFinite(y) ? Math.round(y * 10) / 10 : 0,
    });
  }
  return out.sort((a, b) => Number(a.watched) - Number(b.watched));
}
