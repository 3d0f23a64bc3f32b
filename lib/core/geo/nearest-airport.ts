import type { AirportRef } from "../model/airport-ref";
import { distanceKmRaw } from "./great-circle-distance-km";

export interface AirportHit {
  airport: AirportRef;
  distanceKm: number;
}

interface AirportGrid {
  cells: Map<number, AirportRef[]>;
}

/** 1° cells: an airport within 30–60 km of a point is always in the point's cell or a neighbour. */
const CELL_DEG = 1;
/** A little under the true 111.19 km per degree of latitude, so the cells searched never fall short. */
const KM_PER_DEG_LAT = 111.0;
/** Past this latitude a few km span many degrees of longitude: search the whole ring of cells. */
const POLAR_LAT_DEG = 89;
const RAD = Math.PI / 180;
const cache = new WeakMap<readonly AirportRef[], AirportGrid>();

function cellKey(latCell: number, lonCell: number): number {
  return (latCell + 90) * 400 + (((lonCell + 180) % 360) + 360) % 360;
}

function gridFor(airports: readonly AirportRef[]): AirportGrid {
  const hit = cache.get(airports);
  if (hit) return hit;
  const cells = new Map<number, AirportRef[]>();
  for (const a of airports) {
    const key = cellKey(Math.floor(a.latDeg / CELL_DEG), Math.floor(a.lonDeg / CELL_DEG));
    const list = cells.get(key);
    if (list) list.push(a);
    else cells.set(key, [a]);
  }
  const grid = { cells };
  cache.set(airports, grid);
  return grid;
}

/**
 * The nearest airport within `maxKm` of the point, or null. The list is indexed once per array
 * (1° grid, cached), so calling this for many points of many tracks is cheap. Ties go to the
 * alphabetically first ICAO code, so results never depend on list order.
 * @example nearestAirport(REFERENCE_AIRPORTS, {latDeg: 22.99, lonDeg: -82.40}, 30)?.airport.icao // "MUHA"
 */
export function nearestAirport(
  airports: readonly AirportRef[],
  point: { latDeg: number; lonDeg: number },
  maxKm: number,
): AirportHit | null {
  const grid = gridFor(airports);
  const latCell = Math.floor(point.latDeg / CELL_DEG);
  const lonCell = Math.floor(point.lonDeg / CELL_DEG);
  const latReach = Math.ceil(maxKm / KM_PER_DEG_LAT / CELL_DEG);
  // Longitude degrees shrink towards the poles: size the search at the band's most poleward edge.
  const edgeLatDeg = Math.abs(point.latDeg) + latReach * CELL_DEG;
  const ringCells = Math.round(360 / CELL_DEG);
  const lonReach =
    edgeLatDeg >= POLAR_LAT_DEG ? ringCells : Math.min(ringCells, Math.ceil(maxKm / (KM_PER_DEG_LAT * Math.cos(edgeLatDeg * RAD)) / CELL_DEG));
  // A reach of half the ring or more covers every longitude: visit each cell once.
  const dxFrom = 2 * lonReach + 1 >= ringCells ? -Math.floor(ringCells / 2) : -lonReach;
  const dxTo = 2 * lonReach + 1 >= ringCells ? dxFrom + ringCells - 1 : lonReach;
  let best: AirportHit | null = null;
  for (let dy = -latReach; dy <= latReach; dy++) {
    for (let dx = dxFrom; dx <= dxTo; dx++) {
      const list = grid.cells.get(cellKey(latCell + dy, lonCell + dx));
      if (!list) continue;
      for (const airport of list) {
        const d = distanceKmRaw(point.latDeg, point.lonDeg, airport.latDeg, airport.lonDeg);
        if (d > maxKm) continue;
        if (!best || d < best.distanceKm || (d === best.distanceKm && airport.icao < best.airport.icao)) {
          best = { airport, distanceKm: d };
        }
      }
    }
  }
  return best;
}
