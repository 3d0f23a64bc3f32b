/** A polygon zone (FIR or analyst-drawn), GeoJSON geometry in lon/lat degrees. */
export interface ZoneRef {
  code: string;
  name: string;
  kind: "FIR" | "WATCHED";
  watched: boolean;
  geometry: { type: "Polygon"; coordinates: number[][][] } | { type: "MultiPolygon"; coordinates: number[][][][] };
}
