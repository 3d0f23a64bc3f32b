import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { Position } from "geojson";
// Natural Earth 1:50m admin-0 outlines (public domain) from world-atlas, imported statically as
// lib/core/geo/country-at.ts does, so it resolves the same in Vitest, tsx and a Next.js bundle.
// Only the server projects maps: client components must not import this module.
import countries50m from "world-atlas/countries-50m.json" with { type: "json" };
import type { FittedMap, LonLatBounds } from "./fit-mercator";

interface LandPolygon {
  rings: Position[][];
  bounds: LonLatBounds;
}

let polygons: LandPolygon[] | null = null;

/**
 * Every land polygon of the atlas with its lon/lat box (plain min/max: a polygon that crosses the
 * antimeridian gets a box spanning the globe, which only costs it being projected every time).
 */
function loadPolygons(): LandPolygon[] {
  const topology = countries50m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const out: LandPolygon[] = [];
  for (const f of feature(topology, topology.objects.countries).features) {
    const g = f.geometry;
    const polys = g?.type === "Polygon" ? [g.coordinates] : g?.type === "MultiPolygon" ? g.coordinates : [];
    for (const rings of polys) {
      let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
      for (const [lon = 0, lat = 0] of rings[0] ?? []) {
        west = Math.min(west, lon); east = Math.max(east, lon);
        south = Math.min(south, lat); north = Math.max(north, lat);
      }
      out.push({ rings, bounds: { westDeg: west, southDeg: south, eastDeg: east, northDeg: north } });
    }
  }
  return out;
}

function overlaps(a: LonLatBounds, b: LonLatBounds): boolean {
  return a.westDeg <= b.eastDeg && b.westDeg <= a.eastDeg && a.southDeg <= b.northDeg && b.southDeg <= a.northDeg;
}

/**
 * The land in the frame (country outlines, clipped to it) as one SVG path. Polygons whose box
 * misses the visible area are dropped before projecting: the Caribbean needs a few dozen of the
 * atlas's thousands, and projecting the United States' Aleutians for a map of Cuba would cost
 * a tenth of a second per page.
 */
export function landPath(fitted: FittedMap): string {
  polygons ??= loadPolygons();
  // A frame across the antimeridian runs past 180: the land east of it is there 360° on.
  const v = fitted.visible;
  const shifted = { ...v, westDeg: v.westDeg - 360, eastDeg: v.eastDeg - 360 };
  const visible = polygons.filter((p) => overlaps(p.bounds, v) || overlaps(p.bounds, shifted)).map((p) => p.rings);
  if (visible.length === 0) return "";
  return fitted.path({ type: "MultiPolygon", coordinates: visible }) ?? "";
}
