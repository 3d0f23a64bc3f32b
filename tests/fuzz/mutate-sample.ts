/**
 * Seeded mutations of a sample file for `npm run fuzz`: the kinds of damage real files show
 * (bit rot, cut downloads, spreadsheet edits, wrong encodings, exporter bugs) and values chosen
 * to break columns. Pure: the same seed and sample give the same bytes.
 */

import { mulberry32 } from "../../fixtures/scenario/prng";

/** mulberry32 (the scenario generator's): small, fast, good enough to pick mutations reproducibly. */
export const seededRandom = mulberry32;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, max: number) => Math.floor(random() * max);

const EXTREME_NUMBERS = [
  "1e308", "-1e308", "1e309", "1e-50", "-1e-50", "1e-320", "-640.5", "0.5", "99999999999", "-2147483649", "NaN",
  "Infinity", "-0", "0x1A", "1,5", "", "1965", "7777", "4294967296", "1.7976931348623157e308", "5e-324",
];
const ODD_TEXT = ["\u0000", "\u0001\u0002", "\\", "\\N", "\t", "\"", "'", "é", "\ud83d\ude80", "X".repeat(12_000), " ", "NULL", "null"];

export interface Mutation {
  name: string;
  apply(bytes: Buffer, random: Random): Buffer;
}

const asText = (bytes: Buffer) => bytes.toString("utf8");
const lines = (bytes: Buffer) => asText(bytes).split("\n");
const fromLines = (parts: string[]) => Buffer.from(parts.join("\n"), "utf8");

/** A random data line (never the header, when there is more than one line). */
function dataLineIndex(parts: string[], random: Random): number {
  return parts.length > 1 ? 1 + int(random, parts.length - 1) : 0;
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: "byte-flip",
    apply: (bytes, random) => {
      const out = Buffer.from(bytes);
      for (let n = 1 + int(random, 8); n > 0 && out.length > 0; n--) {
        const at = int(random, out.length);
        out[at] = out[at]! ^ (1 << int(random, 8));
      }
      return out;
    },
  },
  { name: "truncate", apply: (bytes, random) => bytes.subarray(0, int(random, bytes.length + 1)) },
  {
    name: "extreme-number",
    apply: (bytes, random) => {
      let text = asText(bytes);
      for (let n = 1 + int(random, 20); n > 0; n--) {
        const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
        if (numbers.length === 0) break;
        const match = pick(random, numbers);
        text = text.slice(0, match.index) + pick(random, EXTREME_NUMBERS) + text.slice(match.index! + match[0].length);
      }
      return Buffer.from(text, "utf8");
    },
  },
  {
    name: "odd-text",
    apply: (bytes, random) => {
      const parts = lines(bytes);
      const i = dataLineIndex(parts, random);
      const line = parts[i] ?? "";
      const at = int(random, line.length + 1);
      parts[i] = line.slice(0, at) + pick(random, ODD_TEXT) + line.slice(at);
      return fromLines(parts);
    },
  },
  {
    name: "invalid-utf8",
    apply: (bytes, random) => {
      const at = int(random, bytes.length + 1);
      const junk = pick(random, [Buffer.from([0xc3, 0x28]), Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80])]);
      return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    },
  },
  {
    name: "long-line",
    apply: (bytes, random) => {
      const parts = lines(bytes);
      const length = pick(random, [70_000, 300_000, 1_200_000]);
      parts.splice(dataLineIndex(parts, random), 0, pick(random, ["9", ",", "\"", "a"]).repeat(length));
      return fromLines(parts);
    },
  },
  {
    name: "shuffle-lines",
    apply: (bytes, random) => {
      const parts = lines(bytes);
      for (let n = 1 + int(random, 30); n > 0 && parts.length > 2; n--) {
        const a = dataLineIndex(parts, random);
        const b = dataLineIndex(parts, random);
        [parts[a], parts[b]] = [parts[b]!, parts[a]!];
      }
      if (random() < 0.5 && parts.length > 1) parts.push(...parts.slice(1, 1 + int(random, parts.length)));
      return fromLines(parts);
    },
  },
  {
    name: "drop-cells",
    apply: (bytes, random) => {
      const parts = lines(bytes);
      for (let n = 1 + int(random, 10); n > 0; n--) {
        const i = pick(random, [0, dataLineIndex(parts, random)]);
        const cells = (parts[i] ?? "").split(",");
        if (random() < 0.5) cells.splice(int(random, cells.length), 1);
        else cells.splice(int(random, cells.length + 1), 0, pick(random, EXTREME_NUMBERS));
        parts[i] = cells.join(",");
      }
      return fromLines(parts);
    },
  },
  {
    name: "odd-header",
    apply: (bytes, random) => {
      const parts = lines(bytes);
      const extra = Array.from({ length: 1 + int(random, 400) }, () => pick(random, ["speed_ft", "alt_kmh", "x", "", "lat", "time", "squawk"]));
      parts[0] = random() < 0.5 ? `${parts[0]},${extra.join(",")}` : (parts[0] ?? "").toUpperCase().replace(/_/g, " ");
      return fromLines(parts);
    },
  },
  {
    name: "wrong-json-types",
    apply: (bytes, random) => {
      let doc: Record<string, unknown>;
      try {
        doc = JSON.parse(asText(bytes)) as Record<string, unknown>;
      } catch {
        return bytes;
      }
      const odd = () => pick(random, [null, "ground", "", {}, [], true, -640.5, 1e-50, 1e308, "\u0000", "X".repeat(12_000), [[1, 2]], { flight: "AB\u0000" }]);
      const trace = Array.isArray(doc.trace) ? (doc.trace as unknown[]) : [];
      for (let n = 1 + int(random, 30); n > 0; n--) {
        if (random() < 0.2 || trace.length === 0) doc[pick(random, ["icao", "timestamp", "r", "t", "desc", "trace"])] = odd();
        else {
          const i = int(random, trace.length);
          const row = trace[i];
          if (Array.isArray(row) && random() < 0.8) row[int(random, Math.max(row.length, 11))] = odd();
          else trace[i] = odd();
        }
      }
      return Buffer.from(JSON.stringify(doc), "utf8");
    },
  },
];

/** One to three mutations applied in turn; their names joined say what was done. */
export function mutateSample(sample: Buffer, random: Random, json: boolean): { bytes: Buffer; name: string } {
  const usable = MUTATIONS.filter((m) => json || m.name !== "wrong-json-types");
  let bytes = sample;
  const names: string[] = [];
  for (let n = 1 + int(random, 3); n > 0; n--) {
    const mutation = json && random() < 0.4 ? MUTATIONS.find((m) => m.name === "wrong-json-types")! : pick(random, usable);
    bytes = mutation.apply(bytes, random);
    names.push(mutation.name);
  }
  return { bytes, name: names.join("+") };
}
