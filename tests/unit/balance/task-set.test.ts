// The subset-sum test that cuts partial loads on tight lines: it must never rule out a sum a station could reach.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SumReach } from '../../../src/engine/balance/task-set.ts';

/** Tasks 0..n-1 (arcs from lower to higher numbers), some already assigned. */
const arbCase = fc
  .record({
    n: fc.integer({ min: 1, max: 9 }),
    c: fc.integer({ min: 1, max: 70 }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ n, c, seed }) => {
    let k = 0;
    const next = () => seed[k++ % seed.length]!;
    const t = Int32Array.from({ length: n }, () => 1 + (next() % c));
    const pred = Array.from({ length: n }, (_, j) => Int32Array.from(Array.from({ length: j }, (_, i) => i).filter(() => next() % 4 === 0)));
    // assigned tasks are closed under predecessors
    const inS = new Uint8Array(n);
    for (let j = 0; j < n; j++) if (next() % 3 === 0 && [...pred[j]!].every((p) => inS[p] === 1)) inS[j] = 1;
    return { n, c, t, pred, inS };
  });

describe('subset sums of the tasks that can join a station', () => {
  it('finds a sum in [lo, hi] exactly when some precedence-closed set of the joinable tasks above `last` has one', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: -1, max: 8 }), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 10 }), (k, last, lo, width) => {
        const { n, c, t, pred, inS } = k;
        fc.pre(last < n);
        const hi = Math.min(lo + width, c);
        const r = new SumReach(n, c);
        r.build(inS, pred, t);
        // the joinable tasks: unassigned, with every unassigned predecessor joinable (what the relaxation allows),
        // and no longer chain of them than the cycle
        const joinable = new Array<boolean>(n).fill(false);
        const chain = new Array<number>(n).fill(0);
        for (let j = 0; j < n; j++) {
          const up = [...pred[j]!].filter((p) => inS[p] === 0);
          chain[j] = t[j]! + Math.max(0, ...up.map((p) => chain[p]!));
          joinable[j] = inS[j] === 0 && up.every((p) => joinable[p]) && chain[j]! <= c;
        }
        const pool = Array.from({ length: n }, (_, j) => j).filter((j) => j > last && joinable[j]);
        let any = lo <= 0;
        // any subset of the pool (the test relaxes precedence inside the station, so every subset counts)
        for (let mask = 0; mask < 1 << pool.length && !any; mask++) {
          let s = 0;
          for (let b = 0; b < pool.length; b++) if (mask & (1 << b)) s += t[pool[b]!]!;
          if (s >= lo && s <= hi) any = true;
        }
        expect(r.reaches(last, lo, hi)).toBe(any);
      }),
      { numRuns: 400 },
    );
  });

  it('never rules out a load a tight station really takes: tasks 7, 5, 4 and 3 with only the sum 12 allowed', () => {
    const t = Int32Array.from([7, 5, 4, 3]);
    const pred = [new Int32Array(0), Int32Array.from([0]), new Int32Array(0), Int32Array.from([2])];
    const r = new SumReach(4, 12);
    r.build(new Uint8Array(4), pred, t);
    expect(r.reaches(-1, 12, 12)).toBe(true); // 7 + 5, or 5 + 4 + 3
    expect(r.reaches(0, 12, 12)).toBe(true); // 5 + 4 + 3
    expect(r.reaches(1, 12, 12)).toBe(false); // 4 + 3 at most
    expect(r.reaches(1, 6, 6)).toBe(false); // 3, 4 or 7: never 6
    // with task 2 assigned, task 3 may join on its own
    const inS = Uint8Array.from([0, 0, 1, 0]);
    r.build(inS, pred, t);
    expect(r.reaches(-1, 15, 15)).toBe(true); // 7 + 5 + 3
    expect(r.reaches(-1, 16, 16)).toBe(false);
  });
});
