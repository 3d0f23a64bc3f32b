import { POSITION_SOURCES } from "@/lib/ingest/canonical-position";
import { COPY_COLUMNS } from "@/lib/server/ingest/copy-text-row";

/**
 * The `positions` column types (prisma/schema.prisma), checked the way PostgreSQL's input
 * functions read COPY text. Returns why a line does not fit, or null. Pure: the property tests
 * check every record a parser accepts against it without a database.
 */
const INT4 = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FLOAT4_MIN_NORMAL = 1.1754943508222875e-38;
const FLOAT4_MAX = 3.4028234663852886e38;

type Check = (text: string) => string | null;
const nullable = (check: Check): Check => (text) => (text === "\\N" ? null : check(text));

const int4: Check = (text) => {
  if (!INT4.test(text)) return `not integer syntax: ${JSON.stringify(text)}`;
  const n = Number(text);
  return n < -2147483648 || n > 2147483647 ? `out of integer range: ${text}` : null;
};
const float8: Check = (text) => {
  if (!FLOAT.test(text)) return `not float syntax: ${JSON.stringify(text)}`;
  const n = Number(text);
  return !Number.isFinite(n) || (n === 0 && /[1-9]/.test(text.split(/[eE]/)[0]!)) ? `out of double range: ${text}` : null;
};
const float4: Check = (text) => {
  const syntax = float8(text);
  if (syntax) return syntax;
  const n = Math.abs(Number(text));
  return n !== 0 && (n < FLOAT4_MIN_NORMAL || n > FLOAT4_MAX) ? `out of real range: ${text}` : null;
};
const text = (maxChars: number, exact = false): Check => (raw) => {
  const value = unescapeCopy(raw);
  if (value === null) return `bad escape in ${JSON.stringify(raw)}`;
  if (value.includes("\u0000")) return "contains NUL";
  const chars = [...value].length;
  if (chars > maxChars || (exact && chars !== maxChars)) return `${chars} characters for a (var)char(${maxChars})`;
  return null;
};
const timestamptz: Check = (raw) =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\+00$/.test(raw) && !Number.isNaN(Date.parse(raw.replace(" ", "T").replace("+00", "Z")))
    ? null
    : `not a timestamptz: ${raw}`;

const CHECKS: Record<(typeof COPY_COLUMNS)[number], Check> = {
  icao24: (raw) => (/^[0-9a-f]{6}$/.test(raw) ? null : `not char(6) hex: ${raw}`),
  time: timestamptz,
  lat_deg: float8,
  lon_deg: float8,
  altitude_baro_ft: nullable(int4),
  altitude_geo_ft: nullable(int4),
  ground_speed_kt: nullable(float4),
  track_deg: nullable(float4),
  vertical_rate_fpm: nullable(int4),
  callsign: nullable(text(8)),
  squawk: nullable(text(4, true)),
  on_ground: (raw) => (raw === "t" || raw === "f" ? null : `not a boolean: ${raw}`),
  source: (raw) => ((POSITION_SOURCES as readonly string[]).includes(raw) ? null : `not a source: ${raw}`),
  batch_id: (raw) => (/^\d+$/.test(raw) ? null : `not a bigint: ${raw}`),
};

export function copyRowMisfit(line: string): string | null {
  if (!line.endsWith("\n") || line.indexOf("\n") !== line.length - 1) return "not exactly one line";
  const cells = line.slice(0, -1).split("\t");
  if (cells.length !== COPY_COLUMNS.length) return `${cells.length} cells for ${COPY_COLUMNS.length} columns`;
  for (let i = 0; i < cells.length; i++) {
    const column = COPY_COLUMNS[i]!;
    const problem = CHECKS[column](cells[i]!);
    if (problem) return `${column}: ${problem}`;
  }
  return null;
}

/** COPY text escapes back to the value (null for an escape PostgreSQL would not read as we mean). */
function unescapeCopy(raw: string): string | null {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== "\\") {
      if (c === "\r" || c === "\n") return null;
      out += c;
      continue;
    }
    const next = raw[++i];
    const map: Record<string, string> = { "\\": "\\", t: "\t", n: "\n", r: "\r" };
    if (next === undefined || map[next] === undefined) return null;
    out += map[next];
  }
  return out;
}
