import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { Geometry } from "geojson";
// Natural Earth 1:50m admin-0 outlines (public domain) as shipped by the world-atlas package.
// A static JSON import works the same in Vitest, tsx and a Next.js server bundle (fs paths
// relative to this file do not survive bundling). The 750 kB is parsed once at import.
import countries50m from "world-atlas/countries-50m.json" with { type: "json" };
import { ISO_NUMERIC_TO_ALPHA2 } from "../reference/iso-numeric-to-alpha2";
import { ringContains } from "./point-in-zone";

export interface CountryHit {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Natural Earth's short name, e.g. "Cuba", "Dominican Rep.". */
  name: string;
}

interface CountryPolygon {
  hit: CountryHit;
  bbox: [number, number, number, number];
  rings: Float64Array[];
}

interface CountryIndex {
  polygons: CountryPolygon[];
  /** 1° cell → indexes of polygons whose bbox touches the cell. */
  cells: Map<number, number[]>;
  names: Map<string, string>;
}

let index: CountryIndex | null = null;

/**
 * Natural Earth draws Bonaire, Sint Eustatius and Saba inside the Netherlands' outline; ISO gives
 * them their own code (BQ). West of 30°W, a Dutch polygon is the Caribbean Netherlands.
 */
function hitFor(numericId: string, name: string, polygonBbox: [number, number, number, number]): CountryHit | null {
  const code = ISO_NUMERIC_TO_ALPHA2[numericId];
  if (!code) return null;
  if (code === "NL" && polygonBbox[2] < -30) return { code: "BQ", name: "Caribbean Netherlands" };
  return { code, name };
}

function buildIndex(): CountryIndex {
  const topology = countries50m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const polygons: CountryPolygon[] = [];
  const names = new Map<string, string>();
  for (const f of collection.features) {
    const id = f.id === undefined ? "" : String(f.id);
    const name = f.properties?.name ?? id;
    const geometry = f.geometry as Geometry | null;
    if (!geometry) continue;
    const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    for (const poly of polys) {
      let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
      const rings = poly.map((ring) => {
        const flat = new Float64Array(ring.length * 2);
        ring.forEach((pt, i) => {
          const lon = pt[0] ?? 0, lat = pt[1] ?? 0;
          flat[2 * i] = lon;
          flat[2 * i + 1] = lat;
          minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
          minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
        });
        return flat;
      });
      const bbox: [number, number, number, number] = [minLon, minLat, maxLon, maxLat];
      const hit = hitFor(id, name, bbox);
      if (!hit) continue; // Kosovo, N. Cyprus, Somaliland…: no ISO code in the atlas
      names.set(hit.code, hit.name);
      polygons.push({ hit, bbox, rings });
    }
  }
  const cells = new Map<number, number[]>();
  polygons.forEach((p, i) => {
    for (let lat = Math.floor(p.bbox[1]); lat <= Math.floor(p.bbox[3]); lat++) {
      for (let lon = Math.floor(p.bbox[0]); lon <= Math.floor(p.bbox[2]); lon++) {
        const key = cellKey(lat, lon);
        const list = cells.get(key);
        if (list) list.push(i);
        else cells.set(key, [i]);
      }
    }
  });
  return { polygons, cells, names };
}

function cellKey(latCell: number, lonCell: number): number {
  return (latCell + 90) * 361 + (lonCell + 180);
}

function getIndex(): CountryIndex {
  index ??= buildIndex();
  return index;
}

/**
 * The country whose land outline contains the point, or null over the sea. Every country of
 * world-atlas is indexed (1° cells over polygon bounding boxes, built lazily on first call,
 * ~100 ms); limitations: the 1:50m outlines miss islets under a few km and blur coastlines by
 * ~1 km, territorial waters count as sea, and disputed areas without an ISO code (Kosovo, northern
 * Cyprus, Somaliland) return null. Call it for a track's endpoints, never per point.
 * @example countryAt(21.5, -79)?.code // "CU"
 */
export function countryAt(latDeg: number, lonDeg: number): CountryHit | null {
  const idx = getIndex();
  const candidates = idx.cells.get(cellKey(Math.floor(latDeg), Math.floor(lonDeg)));
  if (!candidates) return null;
  for (const i of candidates) {
    const p = idx.polygons[i]!;
    if (lonDeg < p.bbox[0] || lonDeg > p.bbox[2] || latDeg < p.bbox[1] || latDeg > p.bbox[3]) continue;
    let inside = false;
    for (const ring of p.rings) if (ringContains(ring, lonDeg, latDeg)) inside = !inside;
    if (inside) return p.hit;
  }
  return null;
}

/** Natural Earth's name for an ISO alpha-2 code ("CU" → "Cuba"), or the code itself when unknown. */
export function countryName(code: string): string {
  return getIndex().names.get(code) ?? code;
}
