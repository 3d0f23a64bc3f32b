import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxCellSpans, type LatLonBox } from "@/lib/core/reception/box-cell-spans";
import { gridCell } from "@/lib/core/reception/grid-cell";

/**
 * The count of aircraft around a silence trusts the map for cells "wholly inside" a box and reads
 * positions for the cells it "touches": a position inside the box must lie in a touched cell, and
 * a position in an inside cell must lie inside the box, whatever the box (edges on or off the
 * grid, at the poles or the antimeridian) and the cell size.
 */
const CELL_DEG = [0.5, 0.25, 1, 1 / 3];

const inBox = (box: LatLonBox, lat: number, lon: number) => lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;

function placeOf(cell: number, cellDeg: number) {
  const columns = Math.round(360 / cellDeg);
  return { row: Math.floor(cell / columns), column: cell % columns };
}

/** Boxes as the count makes them (a path's bounds widened by a radius), some with edges on the grid. */
const boxes = fc
  .record({
    south: fc.oneof(fc.double({ min: -95, max: 95, noNaN: true }), fc.integer({ min: -180, max: 180 }).map((n) => n / 2)),
    height: fc.oneof(fc.double({ min: 0, max: 30, noNaN: true }), fc.integer({ min: 0, max: 20 }).map((n) => n / 2)),
    west: fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.integer({ min: -380, max: 380 }).map((n) => n / 2)),
    width: fc.oneof(fc.double({ min: 0, max: 40, noNaN: true }), fc.integer({ min: 0, max: 20 }).map((n) => n / 2)),
  })
  .map(({ south, height, west, width }): LatLonBox => ({ south, north: south + height, west, east: west + width }));

/** Positions near a box: anywhere in it or up to a cell beyond it, and on its edges. */
const positionsNear = (box: LatLonBox) =>
  fc.oneof(
    fc.record({ lat: fc.double({ min: box.south - 1, max: box.north + 1, noNaN: true }), lon: fc.double({ min: box.west - 1, max: box.east + 1, noNaN: true }) }),
    fc.record({ lat: fc.constantFrom(box.south, box.north), lon: fc.double({ min: box.west, max: box.east, noNaN: true }) }),
    fc.record({ lat: fc.double({ min: box.south, max: box.north, noNaN: true }), lon: fc.constantFrom(box.west, box.east, 180, -180) }),
  ).map(({ lat, lon }) => ({ lat: Math.min(90, Math.max(-90, lat)), lon: Math.min(180, Math.max(-180, lon)) }));

describe("the cells a box touches and those wholly inside it", () => {
  it("puts a position inside the box in a touched cell, and a position in an inside cell inside the box", () => {
    fc.assert(
      fc.property(
        boxes.chain((box) => fc.tuple(fc.constant(box), fc.constantFrom(...CELL_DEG), fc.array(positionsNear(box), { minLength: 1, maxLength: 20 }))),
        ([box, cellDeg, positions]) => {
          const spans = boxCellSpans(box, cellDeg);
          for (const { lat, lon } of positions) {
            const { row, column } = placeOf(gridCell(lat, lon, cellDeg), cellDeg);
            const touched = row >= spans.row0 && row <= spans.row1 && ((column >= spans.col0 && column <= spans.col1) || (spans.wraps && column === 0));
            const inside = row >= spans.in_row0 && row <= spans.in_row1 && column >= spans.in_col0 && column <= spans.in_col1;
            if (inBox(box, lat, lon)) expect(touched, `${lat},${lon} in row ${row} column ${column}`).toBe(true);
            if (inside) expect(inBox(box, lat, lon), `${lat},${lon} in an inside cell`).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("does not trust the cells along a box's edges when they lie on the grid's lines", () => {
    // 10°–12° N, 67°–65° W on a 0.5° grid covers rows 200–203 and columns 226–229; a position a
    // hair south of 10° N can round into row 200, so only rows 201–202 and columns 227–228 are inside.
    const spans = boxCellSpans({ south: 10, north: 12, west: -67, east: -65 }, 0.5);
    expect(spans).toMatchObject({ in_row0: 201, in_row1: 202, in_col0: 227, in_col1: 228, wraps: false });
    expect(spans.row0).toBeLessThanOrEqual(199);
    expect(spans.row1).toBeGreaterThanOrEqual(204);
  });

  it("leaves column 0 out of the inside cells unless the box reaches 180° E, which that column also holds", () => {
    expect(boxCellSpans({ south: 0, north: 5, west: -185, east: -170 }, 0.5).in_col0).toBe(1);
    expect(boxCellSpans({ south: 0, north: 5, west: -185, east: 185 }, 0.5)).toMatchObject({ in_col0: 0, wraps: true });
  });
});
