const COUNT = new Intl.NumberFormat("en-US");

/** A count with thousands separators, the same on every page and in the CLI: 221650 → "221,650". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}
