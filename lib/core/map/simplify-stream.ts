import type { GeoStream, GeoStreamWrapper } from "d3-geo";
import { lineString } from "@turf/helpers";
import { simplify } from "@turf/simplify";
import { MAP_MAX_ZOOM } from "./map-data";

/**
 * How far (viewBox px at zoom 1) a drawn line may stray from the projected one: half a screen
 * pixel at the frame's deepest zoom, so no zoom level can show the difference.
 */
export const SIMPLIFY_TOLERANCE_PX = 0.5 / MAP_MAX_ZOOM;

/**
 * A d3-geo stream that simplifies each line and ring in screen space (Douglas–Peucker, turf)
 * before passing it on. Every point of the input stays within `tolerancePx` of the output; the
 * first and last points of each line are kept, so runs split at a gap keep their edges.
 */
export function simplifyingStream(out: GeoStream, tolerancePx: number): GeoStream {
  let line: [number, number][] | null = null;
  return {
    point(x, y) {
      if (line) line.push([x, y]);
      else out.point(x, y);
    },
    lineStart() {
      line = [];
    },
    lineEnd() {
      const points = line ?? [];
      line = null;
      // highQuality: Douglas–Peucker alone; turf's radial pre-pass could double the error bound.
      const kept = points.length > 2 ? simplify(lineString(points), { tolerance: tolerancePx, highQuality: true, mutate: true }).geometry.coordinates : points;
      out.lineStart();
      for (const [x = 0, y = 0] of kept) out.point(x, y);
      out.lineEnd();
    },
    polygonStart: () => out.polygonStart(),
    polygonEnd: () => out.polygonEnd(),
    sphere: () => out.sphere?.(),
  };
}

/** `projection` (any d3 stream wrapper) followed by the simplification, for `geoPath`. */
export function simplified(projection: GeoStreamWrapper, tolerancePx = SIMPLIFY_TOLERANCE_PX): GeoStreamWrapper {
  return { stream: (out) => projection.stream(simplifyingStream(out, tolerancePx)) };
}
