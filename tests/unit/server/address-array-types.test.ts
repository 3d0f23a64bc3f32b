import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Aircraft addresses are `char(6)` in every table. An array of them typed `text[]` makes
 * PostgreSQL compare `icao24::text` with it: the key's index no longer applies and each lookup
 * scans the whole table (found at 11 M positions, where incremental detection stalled). So SQL in
 * the data layer types address arrays `char(6)[]` wherever they meet an `icao24` column.
 */
const ROOT = path.resolve(import.meta.dirname, "../../../lib/server");

/** `icao24 = ANY($1::text[])`, and `unnest($1::text[], …) AS x(icao24, …)` / `unnest(ARRAY[…]::text[], …) … (icao24`. */
const TEXT_ADDRESS_ARRAY = [
  /icao24\s*=\s*ANY\(\s*\$\d+::text\[\]\s*\)/,
  /unnest\(\s*(?:\$1|ARRAY\[[^\]]*\])::text\[\][^;]*?\)\s*(?:WITH ORDINALITY\s+)?AS\s+\w+\(\s*icao24\b/,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("address arrays in the data layer's SQL", () => {
  it("recognises the text[] forms that defeat the index", () => {
    expect(TEXT_ADDRESS_ARRAY.some((re) => re.test("WHERE r.icao24 = ANY($1::text[])"))).toBe(true);
    expect(TEXT_ADDRESS_ARRAY.some((re) => re.test("FROM unnest($1::text[], $2::bigint[]) AS k(icao24, id) JOIN"))).toBe(true);
    expect(TEXT_ADDRESS_ARRAY.some((re) => re.test("FROM unnest(ARRAY['abc123']::text[], ARRAY[now()]::timestamptz[]) WITH ORDINALITY AS r(icao24, t0)"))).toBe(true);
    expect(TEXT_ADDRESS_ARRAY.some((re) => re.test("FROM unnest($1::char(6)[], $2::bigint[]) AS k(icao24, id)"))).toBe(false);
  });

  it("never types an array of addresses text[]", () => {
    const offenders = sourceFiles(ROOT).flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      return TEXT_ADDRESS_ARRAY.filter((re) => re.test(text)).map(() => path.relative(ROOT, file));
    });
    expect(offenders).toEqual([]);
  });
});
