// Inverse normal (AS 241) and Φ against published quantiles and each other.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inverseNormal, normalCdf, normalQuantile } from '../../../src/engine/normal.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('inverseNormal(p)', () => {
  // Reference values to 16 digits from mpmath at 50-digit precision (√2·erfinv(2p − 1)); the first is the familiar 1.96.
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.9, 1.2815515655446004],
    [0.5, 0],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404057],
    [1e-20, -9.262340089798407],
    [1e-300, -37.0470962993612],
  ])('Φ⁻¹(%s) = %s to 1e-15 relative', (p, z) => {
    const r = inverseNormal(p);
    expect(r.ok).toBe(true);
    if (r.ok) expect(z === 0 ? Math.abs(r.value) : rel(r.value, z)).toBeLessThan(1e-15);
  });

  it('is exactly symmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p), so upper and lower service levels agree', () => {
    // For p in [0.5, 1), 1 − p is exact in binary floating point, so the two sides must agree to the bit.
    fc.assert(fc.property(fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true }), (p) => normalQuantile(p) === -normalQuantile(1 - p)));
  });

  it('round-trips through Φ to 1e-12 relative on the smaller tail, over the whole of (0, 1)', () => {
    fc.assert(fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (p) => {
      const back = normalCdf(normalQuantile(p));
      return Math.abs(back - p) <= 1e-12 * p;
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.double({ min: 0.5, max: 1 - 1e-15, noNaN: true }), (p) => {
      const back = normalCdf(normalQuantile(p));
      return Math.abs(back - p) <= 1e-12 * (1 - p) + 2.3e-16;
    }), { numRuns: 2000 });
  });

  it('never decreases as p grows', () => {
    fc.assert(fc.property(fc.double({ min: 1e-300, max: 1 - 1e-16, noNaN: true }), fc.double({ min: 1e-300, max: 1 - 1e-16, noNaN: true }), (a, b) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      return normalQuantile(lo) <= normalQuantile(hi);
    }));
  });

  it.each([0, 1, 95, -0.1, Number.NaN])('refuses p = %s (not strictly between 0 and 1)', (p) => {
    const r = inverseNormal(p);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/between 0 and 1/);
  });
});

describe('normalCdf(x)', () => {
  // Reference values from mpmath ncdf at 40 digits.
  it.each([
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145705],
    [-3, 0.0013498980316300946],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160525e-24],
    [-20, 2.7536241186062337e-89],
  ])('Φ(%s) = %s to 1e-13 relative', (x, p) => {
    expect(rel(normalCdf(x), p)).toBeLessThan(1e-13);
  });
});
