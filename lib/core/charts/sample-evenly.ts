/**
 * At most `maxCount` items spread evenly over `items`, first and last included: the table
 * alternative of a chart lists a readable sample, not thousands of rows.
 * @example sampleEvenly([1, 2, 3, 4, 5], 3) // → [1, 3, 5]
 */
export function sampleEvenly<T>(items: readonly T[], maxCount: number): T[] {
  const limit = Math.floor(maxCount);
  if (items.length <= limit) return [...items];
  if (limit <= 0) return [];
  if (limit === 1) return [items[0]!];
  const step = (items.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => items[Math.round(i * step)]!);
}
