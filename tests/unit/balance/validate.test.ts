// Instance validation: messages name the tasks a planner has to fix.
import { describe, it, expect } from 'vitest';
import { validateInstance } from '../../../src/engine/balance/validate.ts';
import { solveSalbp1 } from '../../../src/engine/balance/salbp1.ts';
import { solveSalbp2 } from '../../../src/engine/balance/salbp2.ts';
import type { BalanceInstance } from '../../../src/engine/balance/instance.ts';
import { now } from './helpers.ts';

const line: BalanceInstance = { taskCount: 4, times: [3, 4, 5, 2], arcs: [[0, 1], [1, 2], [2, 3]], names: ['cut', 'drill', 'weld', 'paint'] };

describe('validateInstance', () => {
  it('accepts a valid instance and returns a topological order', () => {
    const r = validateInstance(line, 10);
    expect(r).toEqual({ ok: true, value: { order: [0, 1, 2, 3] } });
  });

  it('names the tasks on a precedence cycle', () => {
    const r = validateInstance({ ...line, arcs: [[0, 1], [1, 2], [2, 1], [2, 3]] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/cycle/);
      expect(r.error).toContain('"drill"');
      expect(r.error).toContain('"weld"');
      expect(r.error).not.toContain('"paint"');
    }
  });

  it('reports an arc to an unknown task', () => {
    const r = validateInstance({ ...line, arcs: [[0, 7]] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/unknown task 8/);
  });

  it('names a task longer than the cycle time', () => {
    const r = validateInstance(line, 4.5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/task 3 "weld" takes 5, longer than the cycle time 4\.5/);
  });

  it('rejects a zero or negative cycle time', () => {
    expect(validateInstance(line, 0).ok).toBe(false);
    expect(validateInstance(line, -3).ok).toBe(false);
    expect(solveSalbp1(line, 0, { now }).ok).toBe(false);
  });

  it('rejects a non-positive or fractional number of stations', () => {
    expect(solveSalbp2(line, 0, { now }).ok).toBe(false);
    expect(solveSalbp2(line, -1, { now }).ok).toBe(false);
    expect(solveSalbp2(line, 1.5, { now }).ok).toBe(false);
  });

  it('rejects a negative task time', () => {
    expect(validateInstance({ ...line, times: [3, -1, 5, 2] }).ok).toBe(false);
  });
});
