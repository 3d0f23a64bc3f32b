/**
 * Maps a generic CSV header to the fields darkflight reads: aliases are case-insensitive
 * (spaces and hyphens count as underscores) and a unit may be given as a suffix
 * (`alt_m`, `speed_kmh`, `vertical_rate_ms`...). The first column that matches a field wins.
 */
export type GenericField =
  | "time" | "icao24" | "lat" | "lon" | "altitudeBaro" | "altitudeGeo" | "speed" | "track"
  | "verticalRate" | "callsign" | "squawk" | "onGround" | "registration" | "typecode" | "source";

export type UnitSuffix = "ft" | "m" | "kt" | "ms" | "kmh" | "fpm";

export const GENERIC_ALIASES: Record<GenericField, readonly string[]> = {
  // time_utc, lat_deg, lon_deg, track_deg: darkflight's own track.csv imports back as it was exported.
  time: ["time", "timestamp", "ts", "datetime", "utc", "time_utc", "time_ms", "timestamp_ms"],
  icao24: ["icao24", "hex", "icao", "mode_s", "address"],
  lat: ["lat", "latitude", "lat_deg"],
  lon: ["lon", "lng", "long", "longitude", "lon_deg"],
  altitudeBaro: ["altitude", "alt", "alt_baro", "baroaltitude"],
  altitudeGeo: ["geoaltitude", "alt_geom"],
  speed: ["speed", "gs", "ground_speed", "velocity"],
  track: ["track", "heading", "direction", "track_deg"],
  verticalRate: ["vertical_rate", "vr", "baro_rate", "vertrate"],
  callsign: ["callsign", "flight"],
  squawk: ["squawk"],
  onGround: ["on_ground", "onground", "ground"],
  registration: ["registration", "reg", "r"],
  typecode: ["typecode", "type", "t"],
  source: ["source"],
};

/** Which unit suffixes make sense for which field. */
const UNITS_FOR: Partial<Record<GenericField, readonly UnitSuffix[]>> = {
  altitudeBaro: ["ft", "m"],
  altitudeGeo: ["ft", "m"],
  speed: ["kt", "ms", "kmh"],
  verticalRate: ["fpm", "ms"],
};

const SUFFIXES: readonly UnitSuffix[] = ["kmh", "fpm", "ft", "kt", "ms", "m"];

export interface GenericColumn {
  index: number;
  header: string;
  unit: UnitSuffix | null;
}

export interface GenericColumns {
  columns: Partial<Record<GenericField, GenericColumn>>;
  /** Headers whose unit suffix does not fit their field (e.g. `speed_ft`): the file must be refused. */
  unitProblems: string[];
}

const BY_ALIAS = new Map<string, GenericField>(
  Object.entries(GENERIC_ALIASES).flatMap(([field, aliases]) => aliases.map((alias) => [alias, field as GenericField] as const)),
);

export function resolveGenericColumns(header: readonly string[]): GenericColumns {
  const columns: Partial<Record<GenericField, GenericColumn>> = {};
  const unitProblems: string[] = [];
  header.forEach((raw, index) => {
    const match = matchHeader(raw);
    if (!match || columns[match.field]) return;
    if (match.unit && !UNITS_FOR[match.field]?.includes(match.unit)) {
      unitProblems.push(`${raw.trim()}: unit "${match.unit}" does not apply to ${match.field}`);
      return;
    }
    columns[match.field] = { index, header: raw.trim(), unit: match.unit };
  });
  return { columns, unitProblems };
}

function matchHeader(raw: string): { field: GenericField; unit: UnitSuffix | null } | null {
  const name = raw.trim().toLowerCase().replace(/[\s-]+/g, "_");
  const exact = BY_ALIAS.get(name);
  if (exact) return { field: exact, unit: null };
  for (const unit of SUFFIXES) {
    if (!name.endsWith(`_${unit}`)) continue;
    const field = BY_ALIAS.get(name.slice(0, -unit.length - 1));
    if (field) return { field, unit };
  }
  return null;
}
