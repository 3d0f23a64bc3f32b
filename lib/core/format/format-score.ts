/**
 * A flight's score (0–1) with two decimals, rounded down: 0.999 is not the top score, and
 * "1.00" would say it was.
 * @example formatScore(0.999) // "0.99"
 */
export function formatScore(score: number): string {
  return (Math.floor(score * 100 + 1e-9) / 100).toFixed(2);
}
