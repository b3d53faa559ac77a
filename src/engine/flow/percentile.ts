// Percentiles by the nearest-rank method: every reported value is one that actually happened.
/**
 * Nearest rank (Hyndman & Fan 1996, definition 1): the smallest sample with at least p % of samples at or below it.
 * Chosen over interpolation because "85 % of cards left this stage within X" must hold for the data as recorded.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1];
}

export interface Percentiles {
  p50: number | null;
  p85: number | null;
  p95: number | null;
}

/** 50th, 85th and 95th percentiles of an ascending array. */
export function standardPercentiles(sorted: ArrayLike<number>): Percentiles {
  return {
    p50: percentileOfSorted(sorted, 50),
    p85: percentileOfSorted(sorted, 85),
    p95: percentileOfSorted(sorted, 95),
  };
}
