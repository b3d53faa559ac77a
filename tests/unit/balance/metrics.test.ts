// Balance metrics on a hand-worked example, and violations reported for a manual (invalid, incomplete) balance.
import { describe, it, expect } from 'vitest';
import { balanceMetrics } from '../../../src/engine/balance/metrics.ts';
import type { BalanceInstance } from '../../../src/engine/balance/instance.ts';

// Tasks 1..5 with times 4, 3, 5, 2, 4 (Σ = 18); 1→2, 1→3, 3→4, 2→5.
const inst: BalanceInstance = { taskCount: 5, times: [4, 3, 5, 2, 4], arcs: [[0, 1], [0, 2], [2, 3], [1, 4]] };

describe('balanceMetrics', () => {
  it('computes station times, idle, efficiency, balance delay and smoothness by hand', () => {
    // Stations {1,2} = 7, {3,4} = 7, {5} = 4 at c = 8: idle 1, 1, 4 = 6; efficiency 18/24 = 0.75;
    // smoothness √((7−7)² + (7−7)² + (7−4)²) = 3; ⌈18/8⌉ = 3.
    const m = balanceMetrics(inst, [[0, 1], [2, 3], [4]], 8);
    expect(m.stationTimes).toEqual([7, 7, 4]);
    expect(m.idle).toEqual([1, 1, 4]);
    expect(m.totalIdle).toBe(6);
    expect(m.efficiency).toBeCloseTo(0.75);
    expect(m.balanceDelay).toBeCloseTo(0.25);
    expect(m.smoothness).toBeCloseTo(3);
    expect(m.theoreticalMinStations).toBe(3);
    expect(m.violations).toEqual([]);
  });

  it('reports a predecessor in a later station and an over-cycle station without throwing', () => {
    const m = balanceMetrics(inst, [[1, 4], [0, 2, 3]], 8);
    const kinds = m.violations.map((v) => v.kind).sort();
    expect(kinds).toEqual(['over-cycle', 'precedence']);
    expect(m.violations.find((v) => v.kind === 'precedence')).toMatchObject({ before: 0, after: 1 });
    expect(m.violations.find((v) => v.kind === 'over-cycle')).toMatchObject({ station: 1, load: 11 });
  });

  it('reports unassigned, duplicated and unknown tasks of an incomplete board', () => {
    const m = balanceMetrics(inst, [[0, 0, 9], [2]], 8);
    const kinds = m.violations.map((v) => v.kind).sort();
    expect(kinds).toEqual(['duplicate', 'unassigned', 'unassigned', 'unassigned', 'unknown-task']);
    expect(m.stationTimes).toEqual([4, 5]);
  });

  it('an over-takt station shows its overload as negative idle, not 0 s, and the balance is invalid (issue 19)', () => {
    const inst = { taskCount: 3, times: [9, 3, 4], arcs: [] as [number, number][] };
    const m = balanceMetrics(inst, [[0], [1, 2]], 8);
    expect(m.idle).toEqual([-1, 1]);
    expect(m.totalIdle).toBe(1);
    expect(m.overload).toBe(1);
    expect(m.valid).toBe(false);
    expect(m.violations.some((v) => v.kind === 'over-cycle')).toBe(true);
  });

  it('a broken precedence rule makes the balance invalid even when every station fits (issue 19)', () => {
    const inst = { taskCount: 2, times: [3, 3], arcs: [[0, 1]] as [number, number][] };
    expect(balanceMetrics(inst, [[0], [1]], 8).valid).toBe(true);
    const m = balanceMetrics(inst, [[1], [0]], 8);
    expect(m.valid).toBe(false);
    expect(m.overload).toBe(0);
  });
});
