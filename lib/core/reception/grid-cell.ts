import type { LatLon } from "../geo/lat-lon";

/**
 * The reception map's grid: row-major cells of `cellDeg` from 90°S, 180°W, numbered
 * `row * columns + column`. The SQL that looks for traffic around a silence (lib/server/reception)
 * uses the same formula ({@link gridCellSql}), so the core and the database always agree on a cell.
 * @example gridCell(10.6, -66.99, 0.5) // row 201, column 226 → 201 * 720 + 226
 */
export function gridCell(latDeg: number, lonDeg: number, cellDeg: number): number {
  const columns = Math.round(360 / cellDeg);
  const rows = Math.round(180 / cellDeg);
  const row = Math.min(rows - 1, Math.max(0, Math.floor((latDeg + 90) / cellDeg)));
  const column = (((Math.floor((lonDeg + 180) / cellDeg) % columns) + columns) % columns);
  return row * columns + column;
}

/** The south-west corner and the centre of a cell. */
export function gridCellBounds(cell: number, cellDeg: number): { south: number; west: number; north: number; east: number; centre: LatLon } {
  const columns = Math.round(360 / cellDeg);
  const row = Math.floor(cell / columns);
  const column = cell % columns;
  const south = row * cellDeg - 90;
  const west = column * cellDeg - 180;
  return { south, west, north: south + cellDeg, east: west + cellDeg, centre: { latDeg: south + cellDeg / 2, lonDeg: west + cellDeg / 2 } };
}

/** The cell and its eight neighbours (fewer at the poles), sorted. */
export function gridCellRing(cell: number, cellDeg: number): number[] {
  const columns = Math.round(360 / cellDeg);
  const rows = Math.round(180 / cellDeg);
  const row = Math.floor(cell / columns);
  const column = cell % columns;
  const out: number[] = [];
  for (let dr = -1; dr <= 1; dr++) {
    const r = row + dr;
    if (r < 0 || r >= rows) continue;
    for (let dc = -1; dc <= 1; dc++) out.push(r * columns + ((column + dc + columns) % columns));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Altitude band index: 0 below the first floor (and on the ground), 1 from it, … null when the
 * altitude is unknown in the air (such a position says nothing about a band).
 * @example altitudeBand(35_000, false, [10_000, 25_000]) // 2
 */
export function altitudeBand(altitudeFt: number | null, onGround: boolean, floorsFt: readonly number[]): number | null {
  if (onGround) return 0;
  if (altitudeFt === null) return null;
  let band = 0;
  for (const floor of floorsFt) if (altitudeFt >= floor) band++;
  return band;
}

/** SQL for the cell of `lat`/`lon` columns, the same formula as {@link gridCell}. */
export function gridCellSql(lat: string, lon: string, cellDeg: number): string {
  const columns = Math.round(360 / cellDeg);
  const rows = Math.round(180 / cellDeg);
  return `(least(${rows - 1}, greatest(0, floor((${lat} + 90) / ${cellDeg})))::int * ${columns} + ` +
    `(((floor((${lon} + 180) / ${cellDeg})::int % ${columns}) + ${columns}) % ${columns}))`;
}
