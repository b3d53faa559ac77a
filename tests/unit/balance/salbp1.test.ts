// SALBP-1: known optima of Scholl instances, and properties on random precedence graphs against exhaustive search.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { solveSalbp1 } from '../../../src/engine/balance/salbp1.ts';
import type { BalanceInstance, SolveProgress } from '../../../src/engine/balance/instance.ts';
import { arbInstanceUpTo as arbInstance, balanceProblem, exhaustive, knownRows, loadGraph, now } from './helpers.ts';

const SUBSET = ['MERTENS', 'BOWMAN8', 'JAESCHKE', 'JACKSON', 'MANSOOR', 'MITCHELL', 'ROSZIEG', 'HESKIA', 'BUXEY', 'SAWYER30', 'LUTZ1', 'GUNTHER', 'KILBRID', 'HAHN', 'WARNECKE', 'TONGE70'];

describe('solveSalbp1 on Scholl instances', () => {
  const rows = knownRows('scholl_salbp1.csv').filter((r) => SUBSET.includes(r[0]!));
  it.each(rows.map((r) => [r[0]!, Number(r[1]), Number(r[2])] as const))(
    'balances %s at cycle %i in the proven minimum of %i stations',
    (graph, cycle, optimum) => {
      const inst = loadGraph(graph);
      const r = solveSalbp1(inst, cycle, { now, timeLimitMs: 20_000 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(balanceProblem(inst, r.value.assignment, cycle)).toBe('');
      expect(r.value.stations).toBe(optimum);
      expect(r.value.optimal).toBe(true);
      expect(r.value.lowerBound).toBe(optimum);
    },
  );
});

describe('solveSalbp1 on random precedence graphs', () => {
  it('assigns every task exactly once, respects precedence, keeps every station within the cycle and uses at least ⌈Σt/c⌉ stations', () => {
    fc.assert(
      fc.property(arbInstance(40), ({ inst, c }) => {
        const r = solveSalbp1(inst, c, { now, timeLimitMs: 5_000 });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(balanceProblem(inst, r.value.assignment, c)).toBe('');
        const sum = inst.times.reduce((a, b) => a + b, 0);
        expect(r.value.stations).toBeGreaterThanOrEqual(Math.ceil(sum / c));
        expect(r.value.stations).toBe(r.value.assignment.length);
        expect(r.value.lowerBound).toBeLessThanOrEqual(r.value.stations);
      }),
      { numRuns: 150, seed: 4 },
    );
  });

  it('finds the same number of stations as an exhaustive search on graphs of up to 10 tasks', () => {
    fc.assert(
      fc.property(arbInstance(10), ({ inst, c }) => {
        const r = solveSalbp1(inst, c, { now });
        expect(r.ok && r.value.optimal).toBe(true);
        if (r.ok) expect(r.value.stations).toBe(exhaustive(inst, c));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('solveSalbp1 as an anytime search', () => {
  it('reports progress with bounds that bracket the answer', () => {
    const seen: SolveProgress[] = [];
    const r = solveSalbp1(loadGraph('TONGE70'), 176, { now, onProgress: (p) => seen.push(p) });
    expect(r.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expect(p.lowerBound).toBeLessThanOrEqual(p.upperBound);
    if (r.ok) expect(seen.at(-1)!.upperBound).toBe(r.value.stations);
  });

  it('returns a valid balance with an honest bound when stopped at once', () => {
    const inst = loadGraph('ARC111');
    const r = solveSalbp1(inst, 5755, { now, shouldStop: () => true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(balanceProblem(inst, r.value.assignment, 5755)).toBe('');
    expect(r.value.lowerBound).toBeLessThanOrEqual(27);
    expect(r.value.stations).toBeGreaterThanOrEqual(27);
    expect(r.value.optimal).toBe(r.value.lowerBound === r.value.stations);
  });

  it('stops at the time limit of an injected clock', () => {
    let t = 0;
    const r = solveSalbp1(loadGraph('WEE-MAG'), 52, { timeLimitMs: 50, now: () => (t += 1) });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.ms).toBeLessThan(10_000);
  });

  it('balances decimal task times exactly', () => {
    const inst: BalanceInstance = { taskCount: 4, times: [0.3, 0.7, 0.5, 0.5], arcs: [[0, 1]] };
    const r = solveSalbp1(inst, 1, { now });
    expect(r.ok && r.value.stations).toBe(2);
  });
});
