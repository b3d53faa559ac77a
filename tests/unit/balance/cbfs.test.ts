// The two exact engines on their own (cyclic best-first and depth-first with Jackson dominance) against an exhaustive search.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BestFirst } from '../../../src/engine/balance/cbfs.ts';
import { StationSearch } from '../../../src/engine/balance/search.ts';
import { makeGraph, reverseGraph, dominators } from '../../../src/engine/balance/graph.ts';
import { arbInstance as arb, balanceProblem, exhaustive, graphOf } from './helpers.ts';

describe('cyclic best-first search', () => {
  it('run to exhaustion from a trivial bound, ends at the exhaustive minimum with a valid balance, both directions', () => {
    fc.assert(
      fc.property(arb, ({ inst, c }) => {
        const opt = exhaustive(inst, c);
        for (const rev of [false, true]) {
          const g = graphOf(inst);
          const bf = new BestFirst(rev ? reverseGraph(g) : g, c, inst.taskCount + 1);
          let best: number[][] | null = null;
          for (;;) {
            const r = bf.run(3, () => false);
            if (r === 'found') best = bf.solution;
            if (r === 'exhausted') break;
          }
          expect(bf.exhausted).toBe(true);
          expect(bf.ub).toBe(opt);
          expect(bf.lowerBound()).toBe(opt);
          expect(best).not.toBeNull();
          const st = rev ? best!.slice().reverse().map((s) => s.slice().reverse()) : best!;
          expect(st.length).toBe(opt);
          expect(balanceProblem(inst, st, c)).toBe('');
        }
      }),
      { numRuns: 250, seed: 11 },
    );
  });

  it('comes back for the loads a partial expansion left out, and still ends at the exhaustive minimum', () => {
    let rests = 0;
    let bigs = 0;
    fc.assert(
      fc.property(arb, ({ inst, c }) => {
        const opt = exhaustive(inst, c);
        // from a tight bound (one station more than the optimum), where the stations' idle time is scarce
        const bf = new BestFirst(graphOf(inst), c, opt + 1);
        let r;
        do r = bf.run(5, () => false);
        while (r === 'budget');
        expect(r).toBe('found');
        expect(bf.ub).toBe(opt);
        expect(balanceProblem(inst, bf.solution!, c)).toBe('');
        // and proves one station fewer impossible, with every placeholder listed
        do r = bf.run(5, () => false);
        while (r === 'budget');
        expect(r).toBe('exhausted');
        expect(bf.lowerBound()).toBe(opt);
        rests += bf.rests;
        bigs += bf.bigs;
      }),
      { numRuns: 250, seed: 21 },
    );
    expect(rests).toBeGreaterThan(0);
    expect(bigs).toBeGreaterThan(0);
  });

  it('resumes first expansions that stopped after a few states, and still finds and proves the exhaustive minimum', () => {
    let resumes = 0;
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 3 }), ({ inst, c }, k) => {
        const opt = exhaustive(inst, c);
        for (const rev of [false, true]) {
          // every first expansion stops after k stored states: the rest of its loads come from the placeholder
          const bf = new BestFirst(rev ? reverseGraph(graphOf(inst)) : graphOf(inst), c, opt + 1);
          bf.maxListed = k;
          let r;
          do r = bf.run(2, () => false);
          while (r === 'budget');
          expect(r).toBe('found');
          expect(bf.ub).toBe(opt);
          const st = rev ? bf.solution!.slice().reverse().map((s) => s.slice().reverse()) : bf.solution!;
          expect(balanceProblem(inst, st, c)).toBe('');
          do r = bf.run(2, () => false);
          while (r === 'budget');
          expect(r).toBe('exhausted');
          expect(bf.lowerBound()).toBe(opt);
          resumes += bf.resumes;
        }
      }),
      { numRuns: 250, seed: 23 },
    );
    expect(resumes).toBeGreaterThan(100);
  });

  it('comes back for the large loads a first expansion left out when the only balance needs one', () => {
    // ten 1-unit tasks must all precede a chain of ten 10-unit tasks at c = 10: the first station has to hold all ten
    // small tasks, far more than the two tasks per station left on average
    const times = [...Array<number>(10).fill(1), ...Array<number>(10).fill(10)];
    const arcs: [number, number][] = [];
    for (let j = 0; j < 10; j++) arcs.push([j, 10]);
    for (let j = 10; j < 19; j++) arcs.push([j, j + 1]);
    const inst = { taskCount: 20, times, arcs };
    const bf = new BestFirst(graphOf(inst), 10, 12);
    let r;
    do r = bf.run(5, () => false);
    while (r === 'budget');
    expect(r).toBe('found');
    expect(bf.ub).toBe(11);
    expect(bf.solution![0]!.slice().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(balanceProblem(inst, bf.solution!, 10)).toBe('');
    expect(bf.bigs).toBeGreaterThan(0);
  });

  it('keeps a lower bound that never passes the optimum while it runs, and stops when asked', () => {
    fc.assert(
      fc.property(arb, ({ inst, c }) => {
        const opt = exhaustive(inst, c);
        const bf = new BestFirst(graphOf(inst), c, inst.taskCount + 1);
        for (let k = 0; k < 50; k++) {
          expect(bf.lowerBound()).toBeLessThanOrEqual(opt);
          if (bf.run(1, () => false) === 'exhausted') break;
        }
        const stopped = new BestFirst(graphOf(inst), c, inst.taskCount + 1).run(1_000_000, () => true);
        expect(['stopped', 'found', 'exhausted', 'budget']).toContain(stopped);
      }),
      { numRuns: 100, seed: 12 },
    );
  });
});

describe('depth-first search with Jackson dominance', () => {
  it('finds the exhaustive minimum and proves one station fewer infeasible', () => {
    fc.assert(
      fc.property(arb, ({ inst, c }) => {
        const opt = exhaustive(inst, c);
        const s = new StationSearch(graphOf(inst), c);
        expect(s.run(opt, 1e9, () => false)).toBe('found');
        expect(balanceProblem(inst, s.solution!, c)).toBe('');
        if (opt > 1) expect(s.run(opt - 1, 1e9, () => false)).toBe('infeasible');
      }),
      { numRuns: 250, seed: 13 },
    );
  });

  it('lists as dominators only unrelated tasks at least as long whose successors include all of the task', () => {
    // 0 → 2, 1 → 2, 1 → 3; t = 5, 5, 1, 1: 1 dominates 0 (same time, more successors), not the reverse
    const g = makeGraph(4, [5, 5, 1, 1], [[0, 2], [1, 2], [1, 3]], [0, 1, 2, 3]);
    const d = dominators(g);
    expect(d[0]).toEqual([1]);
    expect(d[1]).toEqual([]);
    // 2 and 3 have no successors, both time 1: the lower number dominates; 0 (longer, unrelated to 3) too
    expect(d[3]).toEqual([0, 2]);
    expect(d[2]).toEqual([]);
  });
});
