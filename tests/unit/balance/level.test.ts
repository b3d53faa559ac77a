// Levelling (issue 19): after SALBP-1 proves the station count, the longest station and then the smoothness go down.
import { describe, it, expect } from 'vitest';
import { solveSalbp1 } from '../../../src/engine/balance/salbp1.ts';
import { levelBalance, smoothnessOf } from '../../../src/engine/balance/level.ts';
import { balanceMetrics } from '../../../src/engine/balance/metrics.ts';
import { balanceProblem, knownRows, loadGraph, now } from './helpers.ts';

const salbp2Optimum = new Map(knownRows('scholl_salbp2.csv').filter((r) => r[2] !== '').map((r) => [`${r[0]}/${r[1]}`, Number(r[2])]));

describe('levelBalance', () => {
  it.each([
    ['KILBRID', 110],
    ['GUNTHER', 81],
    ['SAWYER30', 36],
    ['BUXEY', 54],
  ] as const)('levels %s at cycle %i to the published SALBP-2 optimum at the same station count, proven', (graph, cycle) => {
    const inst = loadGraph(graph);
    const one = solveSalbp1(inst, cycle, { now, timeLimitMs: 10_000 });
    if (!one.ok) throw new Error(one.error);
    expect(one.value.optimal).toBe(true);
    const m = one.value.stations;
    const r = levelBalance(inst, one.value.assignment, { now, timeLimitMs: 10_000 });
    if (!r.ok) throw new Error(r.error);
    const l = r.value;
    expect(l.stations).toBe(m);
    expect(l.assignment.filter((s) => s.length > 0)).toHaveLength(m);
    expect(balanceProblem(inst, l.assignment, l.maxLoad)).toBe('');
    expect(l.maxLoad).toBe(salbp2Optimum.get(`${graph}/${m}`));
    expect(l.maxLoad).toBeLessThan(l.maxBefore);
    expect(l.maxLoadOptimal).toBe(true);
    expect(l.smoothnessOptimal).toBe(false);
    expect(l.smoothness).toBeLessThan(l.smoothnessBefore);
    // the reported smoothness is the metric's own, on the levelled balance
    expect(balanceMetrics(inst, l.assignment, cycle).smoothness).toBeCloseTo(l.smoothness, 9);
  }, 30_000);

  it('evens out loads of 40 s, 36 s and 44 s to 40 s each at the same three stations', () => {
    // a chain-free instance of six tasks: any grouping is allowed, the best has three stations of 40 s
    const inst = { taskCount: 6, times: [30, 24, 20, 16, 20, 10], arcs: [] as [number, number][] };
    const start = [[0, 5], [3, 2], [1, 4]]; // loads 40, 36, 44
    const r = levelBalance(inst, start, { now, timeLimitMs: 2_000 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.maxBefore).toBe(44);
    expect(r.value.maxLoad).toBe(40);
    expect(r.value.maxLoadOptimal).toBe(true);
    expect(smoothnessOf(r.value.assignment.map((s) => s.reduce((a, j) => a + inst.times[j]!, 0)))).toBe(0);
  });

  it('keeps precedence while it smooths (a chain cannot be regrouped past its order)', () => {
    const inst = { taskCount: 4, times: [10, 30, 10, 30], arcs: [[0, 1], [1, 2], [2, 3]] as [number, number][] };
    const r = levelBalance(inst, [[0, 1, 2], [3]], { now, timeLimitMs: 2_000 });
    if (!r.ok) throw new Error(r.error);
    expect(balanceProblem(inst, r.value.assignment, r.value.maxLoad)).toBe('');
    expect(r.value.maxLoad).toBe(40);
    expect(r.value.assignment).toEqual([[0, 1], [2, 3]]);
  });

  it('reports progress with the best levelled balance and says so when stopped before the proof', () => {
    const inst = loadGraph('KILBRID');
    const one = solveSalbp1(inst, 57, { now, timeLimitMs: 10_000 });
    if (!one.ok) throw new Error(one.error);
    const seen: number[] = [];
    const r = levelBalance(inst, one.value.assignment, { now, shouldStop: () => true, onProgress: (p) => seen.push(p.upperBound) });
    if (!r.ok) throw new Error(r.error);
    expect(seen.length).toBeGreaterThan(0);
    expect(r.value.maxLoad).toBeLessThanOrEqual(57);
    expect(balanceProblem(inst, r.value.assignment, r.value.maxLoad)).toBe('');
    if (!r.value.maxLoadOptimal) expect(r.value.maxLoadLowerBound).toBeLessThan(r.value.maxLoad);
  });

  it('refuses an empty balance with a message', () => {
    const r = levelBalance({ taskCount: 1, times: [3], arcs: [] }, [[]], { now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/no station holds work/);
  });
});
