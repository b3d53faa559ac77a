// Seeded random numbers for simulation: the same seed gives the same run, in Node and in the worker.

/** mulberry32 (Tommy Ettinger, public domain): a small 32-bit generator, uniform on [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A positive time with the given mean and coefficient of variation, drawn from a lognormal
 * (a common model of manual and machine task times; Law, "Simulation Modeling and Analysis", ch. 6).
 * cv = 0 gives the mean exactly.
 */
export function lognormalSampler(random: () => number, mean: number, cv: number): () => number {
  if (cv <= 0) return () => mean;
  const sigma2 = Math.log(1 + cv * cv);
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  return () => {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - random();
    const v = random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.exp(mu + sigma * z);
  };
}
