/** A latitude/longitude box, degrees, edges included. */
export interface LatLonBox {
  south: number;
  north: number;
  west: number;
  east: number;
}

/** The grid rows and columns (grid-cell.ts) a box touches, and those of its cells wholly inside it. */
export interface BoxCellSpans {
  /** Rows and columns of every cell that may hold a position inside the box (one more each side, for rounding). */
  row0: number;
  row1: number;
  col0: number;
  col1: number;
  /** Rows and columns of the cells whose every position lies inside the box; empty spans have `in_row0 > in_row1`. */
  in_row0: number;
  in_row1: number;
  in_col0: number;
  in_col1: number;
  /** The box reaches 180° E, whose positions fall in column 0 (at 180° W). */
  wraps: boolean;
}

/**
 * A cell counts as inside only this far (degrees) from the box's edges: a position's cell is
 * computed in floating point, so one a hair outside its cell's exact bounds must still be inside.
 */
const MARGIN_DEG = 1e-9;

/**
 * Which cells of the reception grid a box covers, as spans of rows and columns (snake_case: they
 * go to SQL as they are).
 * @example boxCellSpans({ south: 10.2, north: 11.7, west: -67.3, east: -66.1 }, 0.5)
 * // touches rows 199–204 and columns 224–228; wholly inside: rows 201–202, column 226
 */
export function boxCellSpans(box: LatLonBox, cellDeg: number): BoxCellSpans {
  const columns = Math.round(360 / cellDeg);
  const rows = Math.round(180 / cellDeg);
  const clampRow = (r: number) => Math.min(rows - 1, Math.max(0, r));
  const clampCol = (c: number) => Math.min(columns - 1, Math.max(0, c));
  return {
    row0: clampRow(Math.floor((box.south + 90) / cellDeg) - 1),
    row1: clampRow(Math.floor((box.north + 90) / cellDeg) + 1),
    col0: clampCol(Math.floor((box.west + 180) / cellDeg) - 1),
    col1: clampCol(Math.floor((box.east + 180) / cellDeg) + 1),
    // The first cell whose south edge is inside, the last whose north edge is.
    in_row0: Math.max(0, Math.ceil((box.south + MARGIN_DEG + 90) / cellDeg)),
    in_row1: Math.min(rows - 1, Math.floor((box.north - MARGIN_DEG + 90) / cellDeg) - 1),
    // Column 0 also holds 180° E: inside only when the box reaches it too.
    in_col0: Math.max(box.east >= 180 ? 0 : 1, Math.ceil((box.west + MARGIN_DEG + 180) / cellDeg)),
    in_col1: Math.min(columns - 1, Math.floor((box.east - MARGIN_DEG + 180) / cellDeg) - 1),
    wraps: box.east >= 180,
  };
}
