/**
 * Small statistics for benches that repeat runs: the median and the min–max spread.
 */

/**
 * The median of some figures (NaN when there are none).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The min–max spread of some figures, e.g. `3.1–3.4`.
 *
 * @example
 * spread([3.12, 3.4], 1); // '3.1–3.4'
 */
export function spread(values: number[], digits: number): string {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return 'n/a';
  return `${Math.min(...finite).toFixed(digits)}–${Math.max(...finite).toFixed(digits)}`;
}
