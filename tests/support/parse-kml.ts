import { kml } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import type { Geometry, Position } from "geojson";

/** A KML document read back as GeoJSON the way map tools read it (togeojson). */
export function parseKml(text: string) {
  return kml(new DOMParser().parseFromString(text, "text/xml"));
}

/** Every position of a line geometry, in order, whatever container the parser chose. */
export function linePositions(g: Geometry | null): Position[] {
  if (!g) return [];
  switch (g.type) {
    case "LineString":
      return g.coordinates;
    case "MultiLineString":
      return g.coordinates.flat();
    case "GeometryCollection":
      return g.geometries.flatMap(linePositions);
    default:
      return [];
  }
}
