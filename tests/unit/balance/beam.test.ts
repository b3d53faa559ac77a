// Tight lines: the bidirectional beam (finds balances), the earliest/latest-station windows and the idle time the ends of the line must leave (prove station counts infeasible).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Beam } from '../../../src/engine/balance/beam.ts';
import { windowsInfeasible } from '../../../src/engine/balance/windows.ts';
import { stationLowerBound } from '../../../src/engine/balance/bounds.ts';
import { makeGraph, reverseGraph } from '../../../src/engine/balance/graph.ts';
import { firstStationsIdle } from '../../../src/engine/balance/end-idle.ts';
import { StationSearch } from '../../../src/engine/balance/search.ts';
import { BestFirst } from '../../../src/engine/balance/cbfs.ts';
import { validateInstance } from '../../../src/engine/balance/validate.ts';
import { solveSalbp2 } from '../../../src/engine/balance/salbp2.ts';
import { arbInstance, balanceProblem, exhaustive, graphOf, loadGraph, now } from './helpers.ts';

describe('bidirectional beam', () => {
  it('returns only valid balances within the station count, never fewer stations than the optimum, and finds one when stations are plenty', () => {
    fc.assert(
      fc.property(arbInstance, fc.integer({ min: 1, max: 8 }), ({ inst, c }, width) => {
        const opt = exhaustive(inst, c);
        const beam = new Beam(graphOf(inst), c);
        for (const rule of [0, 1, 2, 3] as const) {
          for (const m of [opt - 1, opt, opt + 1]) {
            if (m < 1) continue;
            const r = beam.run(m, width, () => false, rule);
            expect(r).not.toBe('stopped');
            // below the optimum there is nothing to find; at or above it a heuristic may still miss
            if (m < opt) expect(r).toBeNull();
            if (r === null || r === 'stopped') continue;
            expect(r.length).toBeLessThanOrEqual(m);
            expect(r.length).toBeGreaterThanOrEqual(opt);
            expect(balanceProblem(inst, r, c)).toBe('');
          }
          // one station per task always exists
          const all = beam.run(inst.taskCount, Math.max(width, 4), () => false, rule);
          expect(all).not.toBeNull();
        }
      }),
      { numRuns: 200, seed: 21 },
    );
  });

  it('finds the optimal 9-station balance of ARC83 at cycle 8499 that the depth-first and best-first searches missed in 10 s', () => {
    const inst = loadGraph('ARC83');
    const v = validateInstance(inst);
    if (!v.ok) throw new Error(v.error);
    const g = makeGraph(inst.taskCount, inst.times, inst.arcs, v.value.order);
    const beam = new Beam(g, 8499);
    let found: number[][] | null = null;
    for (const w of [1, 2, 4]) {
      for (const rule of [0, 1, 2, 3] as const) {
        const r = beam.run(9, w, () => false, rule);
        if (r && r !== 'stopped') found = r;
        if (found) break;
      }
      if (found) break;
    }
    expect(found).not.toBeNull();
    expect(found!.length).toBe(9);
    expect(balanceProblem(inst, found!, 8499)).toBe('');
  });

  it('lets SALBP-2 reach the known optimum of ARC83 with 9 stations (8499) within 3 s', () => {
    const r = solveSalbp2(loadGraph('ARC83'), 9, { now, timeLimitMs: 3000 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.cycle).toBe(8499);
    expect(r.value.lowerBound).toBeLessThanOrEqual(8499);
    expect(balanceProblem(loadGraph('ARC83'), r.value.assignment, 8499)).toBe('');
  });
});

describe('earliest/latest station windows', () => {
  it('never declares a station count infeasible that a balance achieves', () => {
    fc.assert(
      fc.property(arbInstance, ({ inst, c }) => {
        const opt = exhaustive(inst, c);
        const g = graphOf(inst);
        expect(windowsInfeasible(g, g.t, c, opt)).toBe(false);
        expect(windowsInfeasible(g, g.t, c, opt + 1)).toBe(false);
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  it('proves a chain short-long-short needs three stations where bin packing allows two', () => {
    // p(3) -> q(9) -> r(3) at cycle 10: q shares a station with neither neighbour
    const inst = { taskCount: 3, times: [3, 9, 3], arcs: [[0, 1], [1, 2]] as [number, number][] };
    const g = graphOf(inst);
    expect(stationLowerBound(g.t, 10)).toBe(2);
    expect(windowsInfeasible(g, g.t, 10, 2)).toBe(true);
    expect(windowsInfeasible(g, g.t, 10, 3)).toBe(false);
    expect(exhaustive(inst, 10)).toBe(3);
  });
});

describe('idle time at the ends of the line', () => {
  it('never rules out the optimum, and the exact searches using it still find the optimum and prove one station fewer impossible', () => {
    fc.assert(
      fc.property(arbInstance, ({ inst, c }) => {
        const opt = exhaustive(inst, c);
        const g = graphOf(inst);
        const rg = reverseGraph(g);
        const first = firstStationsIdle(g, g.t, c);
        const last = firstStationsIdle(rg, g.t, c);
        const slack = opt * c - inst.times.reduce((a, b) => a + b, 0);
        for (let q1 = 0; q1 < first.length; q1++) {
          if (q1 > 0) expect(first[q1]!).toBeGreaterThanOrEqual(first[q1 - 1]!);
          for (let q2 = 0; q2 < last.length && q1 + q2 <= opt; q2++) expect(first[q1]! + last[q2]!).toBeLessThanOrEqual(slack);
        }
        const s = new StationSearch(g, c, undefined, last);
        expect(s.run(opt, 1e9, () => false)).toBe('found');
        expect(balanceProblem(inst, s.solution!, c)).toBe('');
        if (opt > 1) expect(s.run(opt - 1, 1e9, () => false)).toBe('infeasible');
        const bf = new BestFirst(rg, c, inst.taskCount + 1, undefined, first);
        while (bf.run(16, () => false) !== 'exhausted');
        expect(bf.ub).toBe(opt);
      }),
      { numRuns: 250, seed: 23 },
    );
  });

  it('sees that the last station of a line ending in a long task after a short one cannot be full', () => {
    // a(2) -> b(9) at cycle 10: the last station holds b alone (a + b = 11), so it idles at least 1
    const g = graphOf({ taskCount: 2, times: [2, 9], arcs: [[0, 1]] });
    expect(firstStationsIdle(reverseGraph(g), g.t, 10)[1]).toBe(1);
    expect(firstStationsIdle(g, g.t, 10)[1]).toBe(8);
    expect(firstStationsIdle(g, g.t, 10)[2]).toBe(9);
  });

  it('proves ARC83 needs a cycle of at least 9554 for 8 stations (the known optimum), which bin packing puts at 9464', () => {
    const r = solveSalbp2(loadGraph('ARC83'), 8, { now, timeLimitMs: 20_000 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.cycle).toBe(9554);
    expect(r.value.optimal).toBe(true);
    expect(r.value.lowerBound).toBe(9554);
  });
});
