import { geoMercator, geoPath, type GeoPermissibleObjects, type GeoProjection } from "d3-geo";
import type { LatLon } from "../geo/lat-lon";
import type { MapSize } from "./map-data";
import { RelativePathContext } from "./relative-path";
import { simplified } from "./simplify-stream";

/**
 * A lon/lat box in degrees; west < east. A box across the antimeridian runs past 180 (a track
 * from 178°E to 176°W is 176 to 184).
 */
export interface LonLatBounds {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
}

export interface FittedMap {
  projection: GeoProjection;
  /**
   * SVG path data of a GeoJSON object (null when nothing shows), one decimal: a tenth of a pixel
   * is finer than the 1:50m outlines. Lines and rings are simplified in screen space first
   * (simplify-stream.ts) and written with relative steps (relative-path.ts): the points that
   * change nothing even at the deepest zoom are not sent, and the rest are sent short.
   */
  path: (object: GeoPermissibleObjects) => string | null;
  /** The box actually shown (the frame's aspect ratio widens one side of the fitted one). */
  visible: LonLatBounds;
}

/**
 * A Mercator projection fitted to `bounds` inside the frame, less `paddingPx` on each side,
 * and clipped to the frame so that a large country or FIR sends only its visible part.
 * Mercator keeps the shapes of a region this size and draws parallels straight, so fitting the
 * box's corners fits the box.
 */
export function fitMercator(bounds: LonLatBounds, size: MapSize, paddingPx: number): FittedMap {
  const { westDeg, southDeg, eastDeg, northDeg } = bounds;
  const corners = {
    type: "MultiPoint" as const,
    coordinates: [[westDeg, southDeg], [eastDeg, southDeg], [eastDeg, northDeg], [westDeg, northDeg]],
  };
  // Across the antimeridian the projection is turned to the box's middle, where d3 would cut it.
  const projection = geoMercator()
    .rotate(eastDeg > 180 ? [-(westDeg + eastDeg) / 2, 0] : [0, 0])
    .fitExtent([[paddingPx, paddingPx], [size.widthPx - paddingPx, size.heightPx - paddingPx]], corners)
    .clipExtent([[0, 0], [size.widthPx, size.heightPx]]);
  const context = new RelativePathContext();
  const render = geoPath(simplified(projection), context);
  const path = (object: GeoPermissibleObjects) => {
    try {
      render(object);
    } catch (error) {
      context.result(); // a path half written is dropped, not prefixed to the next one
      throw error;
    }
    return context.result();
  };
  const topLeft = projection.invert?.([0, 0]) ?? [westDeg, northDeg];
  const bottomRight = projection.invert?.([size.widthPx, size.heightPx]) ?? [eastDeg, southDeg];
  // invert answers in [-180, 180]: the east edge of a box across the antimeridian comes back below the west.
  const visibleEast = bottomRight[0] < topLeft[0] ? bottomRight[0] + 360 : bottomRight[0];
  return { projection, path, visible: { westDeg: topLeft[0], northDeg: topLeft[1], eastDeg: visibleEast, southDeg: bottomRight[1] } };
}

/**
 * The box around the points, widened by `marginFraction` of its span on each side and to at
 * least `minSpanDeg` (a single point or a short hop still gets a readable map). Latitudes are
 * kept inside ±80° where Mercator stays usable.
 */
export function boundsAround(points: readonly LatLon[], marginFraction: number, minSpanDeg: number): LonLatBounds | null {
  if (points.length === 0) return null;
  let south = Infinity, north = -Infinity;
  for (const p of points) {
    south = Math.min(south, p.latDeg); north = Math.max(north, p.latDeg);
  }
  const { west, east } = lonExtent(points);
  const lonPad = Math.max((east - west) * marginFraction, (minSpanDeg - (east - west)) / 2);
  const latPad = Math.max((north - south) * marginFraction, (minSpanDeg - (north - south)) / 2);
  // A box padded past -180 is the same box run past +180: one convention for fitMercator to turn.
  const shift = west - lonPad < -180 ? 360 : 0;
  return {
    westDeg: west - lonPad + shift,
    eastDeg: east + lonPad + shift,
    southDeg: Math.max(-80, south - latPad),
    northDeg: Math.min(80, north + latPad),
  };
}

/** A point in screen px (one decimal), or null when it is outside the frame. */
export function projectPoint(fitted: FittedMap, p: LatLon, size: MapSize): { xPx: number; yPx: number } | null {
  const xy = fitted.projection([p.lonDeg, p.latDeg]);
  if (!xy || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) return null;
  if (xy[0] < 0 || xy[1] < 0 || xy[0] > size.widthPx || xy[1] > size.heightPx) return null;
  return { xPx: Math.round(xy[0] * 10) / 10, yPx: Math.round(xy[1] * 10) / 10 };
}

/**
 * The path of runs of positions: each run of two or more as a line (great-circle pieces,
 * clipped to the frame), each lone position as a zero-length line that round caps draw as a dot.
 */
export function runsPath(fitted: FittedMap, runs: readonly (readonly LatLon[])[], size: MapSize): string {
  const lines: [number, number][][] = [];
  let dots = "";
  for (const run of runs) {
    if (run.length >= 2) lines.push(run.map((p) => [p.lonDeg, p.latDeg]));
    else if (run.length === 1) {
      const xy = projectPoint(fitted, run[0]!, size);
      if (xy) dots += `M${xy.xPx},${xy.yPx}h0`;
    }
  }
  const linePath = lines.length > 0 ? fitted.path({ type: "MultiLineString", coordinates: lines }) : null;
  return (linePath ?? "") + dots;
}

/**
 * The narrowest span of longitudes holding every point: the circle less its widest empty arc.
 * Across the antimeridian, east is past 180.
 */
function lonExtent(points: readonly LatLon[]): { west: number; east: number } {
  const lons = points.map((p) => p.lonDeg).sort((a, b) => a - b);
  const first = lons[0]!;
  const last = lons[lons.length - 1]!;
  // The empty arc across the antimeridian, then each one between neighbours.
  let widestGap = first + 360 - last;
  let west = first;
  let east = last;
  for (let i = 1; i < lons.length; i++) {
    const gap = lons[i]! - lons[i - 1]!;
    if (gap > widestGap) {
      widestGap = gap;
      west = lons[i]!;
      east = lons[i - 1]! + 360;
    }
  }
  return { west, east };
}
