import { ICAO24_COUNTRY_BLOCKS, type Icao24Block } from "../reference/icao24-country-blocks";

export interface AddressCountry {
  /** ISO alpha-2, or "" for ICAO's own temporary / special-use blocks. */
  code: string;
  name: string;
}

interface Interval {
  first: number;
  last: number;
  block: Icao24Block;
}

/**
 * Non-overlapping intervals sorted by address: where blocks nest (Bermuda inside the United
 * Kingdom), the smallest containing block wins. Built once at import (~200 blocks).
 */
const INTERVALS: readonly Interval[] = (() => {
  const cuts = new Set<number>();
  for (const [first, last] of ICAO24_COUNTRY_BLOCKS) {
    cuts.add(first);
    cuts.add(last + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const first = sorted[i]!;
    const last = sorted[i + 1]! - 1;
    let best: Icao24Block | null = null;
    for (const b of ICAO24_COUNTRY_BLOCKS) {
      if (b[0] <= first && b[1] >= last && (!best || b[1] - b[0] < best[1] - best[0])) best = b;
    }
    if (best) out.push({ first, last, block: best });
  }
  return out;
})();

/**
 * The State whose ICAO block contains a 24-bit address (binary search), or null for unallocated
 * addresses. A prior, not a proof: check it against the registration ({@link identityWarning}).
 * @example countryOfIcao24("0b04e2") // { code: "CU", name: "Cuba" }
 */
export function countryOfIcao24(icao24: string): AddressCountry | null {
  if (!/^[0-9a-fA-F]{6}$/.test(icao24)) return null;
  const address = parseInt(icao24, 16);
  let lo = 0;
  let hi = INTERVALS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const iv = INTERVALS[mid]!;
    if (address < iv.first) hi = mid - 1;
    else if (address > iv.last) lo = mid + 1;
    else return { code: iv.block[2], name: iv.block[3] };
  }
  return null;
}

/**
 * The address ranges allocated to a State (ISO alpha-2), as lower-case hex pairs, sub-blocks of
 * other States already cut out: a filter "address block country = CU" becomes range conditions
 * on the icao24 key, which an index answers.
 * @example addressRangesOf("CU") // [["0b0000", "0b0fff"]]
 */
export function addressRangesOf(code: string): [string, string][] {
  const hex = (n: number) => n.toString(16).padStart(6, "0");
  return INTERVALS.filter((iv) => iv.block[2] === code.toUpperCase()).map((iv) => [hex(iv.first), hex(iv.last)]);
}
