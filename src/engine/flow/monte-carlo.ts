// Monte Carlo forecasts of delivery from past daily throughput: "when will N cards be done?" and "how many by a date?".
import { err, ok, type Result } from '../result.ts';
import { seededRandom } from '../simulate/random.ts';

export interface MonteCarloOptions {
  /** Simulated futures; 10,000 by default. */
  trials?: number;
  /** Seed of the random draws: the same seed and samples give the same answer. */
  seed?: number;
}

export interface MonteCarloAnswer {
  /**
   * "when": days such that 50/85/95 % of trials had finished by then (the smallest such day).
   * "how many": cards such that 50/85/95 % of trials reached or beat that count (the largest such count).
   */
  p50: number;
  p85: number;
  p95: number;
  trials: number;
  /** How many trials ended at each outcome (days for "when", cards for "how many"), in ascending value. */
  histogram: { value: number; count: number }[];
}

export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 1;
const MAX_TRIALS = 1_000_000;
/** A "when" question that would take longer than this (about 100 working years) is refused rather than simulated. */
const MAX_DAYS = 25_000;

function checkSamples(throughput: readonly number[]): string | null {
  if (throughput.length === 0) return 'There is no throughput history to sample: pick a window with at least one day.';
  for (let i = 0; i < throughput.length; i++) {
    const v = throughput[i];
    if (!Number.isInteger(v) || v < 0) return `Day ${i + 1} of the throughput is ${v}; each day needs a whole number of finished cards, 0 or more.`;
  }
  return null;
}

function checkOptions(o: MonteCarloOptions): { trials: number; seed: number } | string {
  const trials = o.trials ?? DEFAULT_TRIALS;
  const seed = o.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) return `Trials must be a whole number from 1 to ${MAX_TRIALS}; got ${trials}.`;
  if (!Number.isInteger(seed)) return `The seed must be a whole number; got ${seed}.`;
  return { trials, seed };
}

/** Counts outcomes in a typed array and returns the histogram (ascending) plus the sorted view for percentiles. */
function histogramOf(outcomes: Int32Array): { value: number; count: number }[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of outcomes) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const counts = new Int32Array(hi - lo + 1);
  for (const v of outcomes) counts[v - lo]++;
  const out: { value: number; count: number }[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) out.push({ value: lo + i, count: counts[i] });
  return out;
}

/** The smallest outcome that at least share p of trials are at or below (nearest rank). */
function atOrBelow(sorted: Int32Array, p: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
}

/** The largest outcome that at least share p of trials reached or beat. */
function reachedOrBeaten(sorted: Int32Array, p: number): number {
  return sorted[Math.max(0, sorted.length - Math.ceil(p * sorted.length))];
}

/**
 * "When will these `items` cards be done?": each trial draws days from the throughput samples (with replacement,
 * every past day equally likely) until the cards are done; the answer is in days from the first simulated day
 * (1 = done by the end of tomorrow's work).
 */
export function monteCarloWhen(throughput: readonly number[], items: number, options: MonteCarloOptions = {}): Result<MonteCarloAnswer> {
  const bad = checkSamples(throughput);
  if (bad) return err(bad);
  if (!Number.isInteger(items) || items < 1) return err(`The number of cards must be a whole number, 1 or more; got ${items}.`);
  const o = checkOptions(options);
  if (typeof o === 'string') return err(o);
  let sum = 0;
  for (const v of throughput) sum += v;
  if (sum === 0) return err('Every day in the throughput window finished 0 cards, so no trial would ever finish: pick a window with finished work.');
  const mean = sum / throughput.length;
  if (items / mean > MAX_DAYS) return err(`At ${mean.toFixed(2)} cards a day, ${items} cards would take over ${MAX_DAYS} days; check the window and the number of cards.`);
  const samples = Int32Array.from(throughput);
  const n = samples.length;
  const random = seededRandom(o.seed);
  const days = new Int32Array(o.trials);
  for (let t = 0; t < o.trials; t++) {
    let done = 0;
    let d = 0;
    while (done < items) {
      done += samples[(random() * n) | 0];
      d++;
    }
    days[t] = d;
  }
  const histogram = histogramOf(days);
  days.sort();
  return ok({ p50: atOrBelow(days, 0.5), p85: atOrBelow(days, 0.85), p95: atOrBelow(days, 0.95), trials: o.trials, histogram });
}

/** "How many cards by then?": each trial adds `days` draws from the throughput samples. */
export function monteCarloHowMany(throughput: readonly number[], days: number, options: MonteCarloOptions = {}): Result<MonteCarloAnswer> {
  const bad = checkSamples(throughput);
  if (bad) return err(bad);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) return err(`The number of days must be a whole number from 1 to ${MAX_DAYS}; got ${days}.`);
  const o = checkOptions(options);
  if (typeof o === 'string') return err(o);
  const samples = Int32Array.from(throughput);
  const n = samples.length;
  const random = seededRandom(o.seed);
  const counts = new Int32Array(o.trials);
  for (let t = 0; t < o.trials; t++) {
    let c = 0;
    for (let d = 0; d < days; d++) c += samples[(random() * n) | 0];
    counts[t] = c;
  }
  const histogram = histogramOf(counts);
  counts.sort();
  return ok({ p50: reachedOrBeaten(counts, 0.5), p85: reachedOrBeaten(counts, 0.85), p95: reachedOrBeaten(counts, 0.95), trials: o.trials, histogram });
}
