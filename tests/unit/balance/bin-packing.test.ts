// The exact bin-packing bound: equal to a brute-force packing, honest when it gives up, and what proves WEE-MAG.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BinPacking } from '../../../src/engine/balance/bin-packing.ts';
import { stationLowerBound } from '../../../src/engine/balance/bounds.ts';
import { reverseGraph } from '../../../src/engine/balance/graph.ts';
import { StationSearch } from '../../../src/engine/balance/search.ts';
import { BestFirst } from '../../../src/engine/balance/cbfs.ts';
import { solveSalbp1 } from '../../../src/engine/balance/salbp1.ts';
import { solveSalbp2 } from '../../../src/engine/balance/salbp2.ts';
import { arbInstance, balanceProblem, exhaustive, graphOf, loadGraph, now } from './helpers.ts';

/** Fewest bins by trying every bin for every item (longest first), for a handful of items. */
function bruteBins(items: number[], c: number): number {
  const xs = items.slice().sort((a, b) => b - a);
  let best = xs.length;
  const room: number[] = [];
  const place = (i: number): void => {
    if (room.length >= best) return;
    if (i === xs.length) {
      best = room.length;
      return;
    }
    for (let b = 0; b < room.length; b++) {
      if (room[b]! < xs[i]!) continue;
      room[b]! -= xs[i]!;
      place(i + 1);
      room[b]! += xs[i]!;
    }
    room.push(c - xs[i]!);
    place(i + 1);
    room.pop();
  };
  place(0);
  return best;
}

const packing = (items: number[], c: number) => {
  const bp = new BinPacking(items, c);
  const counts = bp.counts();
  for (let j = 0; j < items.length; j++) counts[bp.sizeOf[j]!]!++;
  return { bp, counts };
};

describe('exact bin packing', () => {
  it('needs exactly as many bins as a brute-force packing, and leaves the counts it was given unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 30 }), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 11 }), (c, raw) => {
        const items = raw.map((x) => 1 + (x % c));
        const { bp, counts } = packing(items, c);
        const before = Array.from(counts);
        expect(bp.solve(counts, 0, Infinity)).toBe(bruteBins(items, c));
        expect(Array.from(counts)).toEqual(before);
      }),
      { numRuns: 400, seed: 31 },
    );
  });

  it('answers "more than k bins?" exactly when asked only that', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 30 }), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 11 }), fc.integer({ min: -1, max: 1 }), (c, raw, d) => {
        const items = raw.map((x) => 1 + (x % c));
        const opt = bruteBins(items, c);
        const k = Math.max(1, opt + d);
        const { bp, counts } = packing(items, c);
        const r = bp.solve(counts, 1, Infinity, undefined, k);
        // above k only when the fewest bins are above k, and then the fewest; else no more than what was known
        if (opt > k) expect(r).toBe(opt);
        else expect(r).toBeLessThanOrEqual(1);
        // and what it remembered from the short answer leaves the full answer exact
        expect(bp.solve(counts, 0, Infinity)).toBe(opt);
      }),
      { numRuns: 400, seed: 41 },
    );
  });

  it('says it does not know (−1) rather than guess when it runs out of work', () => {
    const wee = loadGraph('WEE-MAG');
    const { bp, counts } = packing(wee.times, 54);
    expect(bp.solve(counts, 0, 10)).toBe(-1);
    // with the work it needs, the answer
    expect(bp.solve(counts, 0, Infinity)).toBe(31);
  });

  it('sees that WEE-MAG needs 31 stations at cycle 54 where the other bounds say 30: the 15-unit task fits beside no two of the 60 tasks of 20-27', () => {
    const wee = loadGraph('WEE-MAG');
    expect(stationLowerBound(Int32Array.from(wee.times), 54)).toBe(30);
    const { bp, counts } = packing(wee.times, 54);
    expect(bp.solve(counts, 30, Infinity)).toBe(31);
  });

  it('keeps both exact searches exact when they use it on random precedence graphs', () => {
    fc.assert(
      fc.property(arbInstance, ({ inst, c }) => {
        const opt = exhaustive(inst, c);
        const g = graphOf(inst);
        const bp = new BinPacking(g.t, c);
        const s = new StationSearch(g, c, undefined, undefined, bp);
        expect(s.run(opt, 1e9, () => false)).toBe('found');
        expect(balanceProblem(inst, s.solution!, c)).toBe('');
        if (opt > 1) expect(s.run(opt - 1, 1e9, () => false)).toBe('infeasible');
        const bf = new BestFirst(reverseGraph(g), c, inst.taskCount + 1, undefined, undefined, bp);
        while (bf.run(16, () => false) !== 'exhausted');
        expect(bf.ub).toBe(opt);
      }),
      { numRuns: 250, seed: 37 },
    );
  });

  it.each([
    [54, 31],
    [47, 33],
  ])('lets SALBP-1 prove the optimum of WEE-MAG at cycle %i (%i stations), which the searches alone left open after 30 s', (cycle, optimum) => {
    const wee = loadGraph('WEE-MAG');
    const r = solveSalbp1(wee, cycle, { now, timeLimitMs: 60_000 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.stations).toBe(optimum);
    expect(r.value.optimal).toBe(true);
    expect(balanceProblem(wee, r.value.assignment, cycle)).toBe('');
  });

  it('lets SALBP-2 prove WEE-MAG with 26 stations optimal at cycle 65: at 64 the task times need 28 bins', () => {
    const wee = loadGraph('WEE-MAG');
    const r = solveSalbp2(wee, 26, { now, timeLimitMs: 60_000 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.cycle).toBe(65);
    expect(r.value.optimal).toBe(true);
    expect(balanceProblem(wee, r.value.assignment, 65)).toBe('');
  });
});
