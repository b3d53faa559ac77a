// SALBP-2: known optimal cycle times of Scholl instances and the cycle-time lower bounds.
import { describe, it, expect } from 'vitest';
import { solveSalbp2 } from '../../../src/engine/balance/salbp2.ts';
import { cycleLowerBound } from '../../../src/engine/balance/bounds.ts';
import { balanceProblem, knownRows, loadGraph, now } from './helpers.ts';

const SUBSET = ['BUXEY', 'SAWYER30', 'LUTZ1', 'GUNTHER', 'KILBRID', 'HAHN', 'WARNECKE'];

describe('solveSalbp2 on Scholl instances', () => {
  const rows = knownRows('scholl_salbp2.csv').filter((r) => SUBSET.includes(r[0]!) && r[2] !== '');
  it.each(rows.map((r) => [r[0]!, Number(r[1]), Number(r[2])] as const))(
    'gives %s with %i stations the proven minimum cycle time %i',
    (graph, m, optimum) => {
      const inst = loadGraph(graph);
      const r = solveSalbp2(inst, m, { now, timeLimitMs: 20_000 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(balanceProblem(inst, r.value.assignment, r.value.cycle)).toBe('');
      expect(r.value.assignment.length).toBe(m);
      expect(r.value.cycle).toBe(optimum);
      expect(r.value.optimal).toBe(true);
    },
  );
});

describe('solveSalbp2 on a narrow gap', () => {
  it('proves ARC83 with 20 stations optimal at 3882 by a proof at 3881, not one proof per cycle value from the bound up', () => {
    const inst = loadGraph('ARC83');
    const bounds: number[] = [];
    const r = solveSalbp2(inst, 20, { now, timeLimitMs: 40_000, onProgress: (p) => bounds.push(p.lowerBound) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(balanceProblem(inst, r.value.assignment, r.value.cycle)).toBe('');
    expect(r.value.cycle).toBe(3882);
    expect(r.value.optimal).toBe(true);
    // the bound jumps to the optimum from below 3881 (the proof at ub − 1 = 3881 covers every shorter cycle)
    expect(bounds.at(-1)).toBe(3882);
    expect(Math.max(...bounds.slice(0, -1))).toBeLessThan(3881);
  }, 60_000);
});

describe('cycleLowerBound', () => {
  it('is at least the longest task and the average station load', () => {
    expect(cycleLowerBound([5, 5, 5, 1], 4)).toBe(5);
    expect(cycleLowerBound([3, 3, 3, 3], 3)).toBe(6); // ⌈12/3⌉ = 4, but two of the four tasks share a station
    expect(cycleLowerBound([10, 1, 1, 1], 2)).toBe(10);
  });

  it('gives one station the whole line', () => {
    const r = solveSalbp2({ taskCount: 3, times: [2, 3, 4], arcs: [[0, 1]] }, 1, { now });
    expect(r.ok && r.value.cycle).toBe(9);
  });
});
