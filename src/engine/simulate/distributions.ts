// Stage time distributions for the line simulator: deterministic, exponential, lognormal, gamma and empirical (resampled).
import { lognormalSampler } from './random.ts';

export type TimeDistribution =
  | { dist: 'deterministic'; mean: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'lognormal'; mean: number; cv: number }
  | { dist: 'gamma'; mean: number; cv: number }
  /** Measured times (seconds), drawn with replacement: the stage's own cycle times from the event log. */
  | { dist: 'empirical'; samples: number[] };

/** Mean of a distribution, for utilisation checks and the model's explanation. */
export function distributionMean(d: TimeDistribution): number {
  if (d.dist === 'empirical') return d.samples.reduce((a, b) => a + b, 0) / d.samples.length;
  return d.mean;
}

/** The first problem with a distribution, or null; `where` names the field for the message. */
export function checkDistribution(d: TimeDistribution, where: string): string | null {
  if (d.dist === 'empirical') {
    if (d.samples.length === 0) return `${where}.samples: an empirical time needs at least one measured time.`;
    if (d.samples.some((x) => !Number.isFinite(x) || x < 0)) return `${where}.samples: every measured time must be 0 seconds or more.`;
    if (!(distributionMean(d) > 0)) return `${where}.samples: the measured times average 0 seconds.`;
    return null;
  }
  if (!Number.isFinite(d.mean) || d.mean <= 0) return `${where}.mean must be more than 0 seconds; got ${d.mean}.`;
  if ((d.dist === 'lognormal' || d.dist === 'gamma') && (!Number.isFinite(d.cv) || d.cv < 0 || d.cv > 5)) return `${where}.cv must be between 0 and 5; got ${d.cv}.`;
  return null;
}

/** Standard normal by Box–Muller (1 − u keeps the logarithm finite). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Gamma with shape k and scale 1: Marsaglia & Tsang, "A simple method for generating gamma variables",
 * ACM TOMS 26(3), 2000; for k < 1 the boost G(k) = G(k + 1)·U^(1/k) from the same paper.
 */
function gammaUnit(random: () => number, k: number): number {
  if (k < 1) return gammaUnit(random, k + 1) * Math.pow(1 - random(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A sampler of the distribution drawing on `random` (Law, "Simulation Modeling and Analysis", 5th ed., ch. 8). */
export function sampler(d: TimeDistribution, random: () => number): () => number {
  switch (d.dist) {
    case 'deterministic':
      return () => d.mean;
    case 'exponential':
      return () => -d.mean * Math.log(1 - random());
    case 'lognormal':
      return lognormalSampler(random, d.mean, d.cv);
    case 'gamma': {
      if (d.cv <= 0) return () => d.mean;
      // Shape k = 1/cv², scale θ = mean·cv²: mean kθ, cv 1/√k.
      const k = 1 / (d.cv * d.cv);
      const theta = d.mean * d.cv * d.cv;
      return () => theta * gammaUnit(random, k);
    }
    case 'empirical': {
      const xs = d.samples;
      return () => xs[Math.min(xs.length - 1, Math.floor(random() * xs.length))];
    }
  }
}
