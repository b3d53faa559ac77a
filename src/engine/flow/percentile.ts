// Percentiles by the nearest-rank method: every reported value is one that actually happened.
import { err, ok, type Result } from '../result.ts';

/**
 * Nearest rank (Hyndman & Fan 1996, definition 1): the smallest sample with at least p % of samples at or below it.
 * Chosen over interpolation because "85 % of cards left this stage within X" must hold for the data as recorded.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): Result<number | null> {
  // A NaN or out-of-range p once came back as `undefined` and read as a value; it is a question with no answer.
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) {
    return err(`A percentile must be a number from 0 to 100; got ${String(p)}.`);
  }
  const n = sorted.length;
  if (n === 0) return ok(null);
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  const v = sorted[rank - 1];
  return Number.isNaN(v) ? err(`Value ${rank} of the data is not a number, so its percentile is undefined.`) : ok(v);
}

/** For the fixed 50/85/95 of the standard set: p is known to be valid, so only data problems remain (read as null). */
const fixed = (sorted: ArrayLike<number>, p: number): number | null => {
  const r = percentileOfSorted(sorted, p);
  return r.ok ? r.value : null;
};

export interface Percentiles {
  p50: number | null;
  p85: number | null;
  p95: number | null;
}

/** 50th, 85th and 95th percentiles of an ascending array. */
export function standardPercentiles(sorted: ArrayLike<number>): Percentiles {
  return {
    p50: fixed(sorted, 50),
    p85: fixed(sorted, 85),
    p95: fixed(sorted, 95),
  };
}
