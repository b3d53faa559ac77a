// Issue 19: an invalid balance (a station over the cycle, a broken precedence rule) is marked invalid wherever its
// figures appear, its overload shows as negative idle, and the comparison never ranks it best.
import { describe, expect, it } from 'vitest';
import { boardReport } from '../../../src/engine/api/balance-report.ts';
import { compareBalances, type BalanceSnapshot } from '../../../src/engine/api/scenario-compare.ts';
import type { BoardElement } from '../../../src/engine/api/balance-board.ts';

const elements: BoardElement[] = [
  { id: 'a', name: 'Fit housing', time: 30, predecessors: [] },
  { id: 'b', name: 'Screw cover', time: 20, predecessors: ['a'] },
  { id: 'c', name: 'Test', time: 25, predecessors: ['b'] },
  { id: 'd', name: 'Final check and label', time: 15, predecessors: ['c'] },
];
const valid = [
  { id: 's1', name: 'Operator 1', elementIds: ['a'] },
  { id: 's2', name: 'Operator 2', elementIds: ['b'] },
  { id: 's3', name: 'Operator 3', elementIds: ['c', 'd'] },
];
// "Final check and label" dragged to Operator 1: fewer working stations, higher efficiency, over takt, order broken
const dragged = [
  { id: 's1', name: 'Operator 1', elementIds: ['a', 'd'] },
  { id: 's2', name: 'Operator 2', elementIds: ['b'] },
  { id: 's3', name: 'Operator 3', elementIds: ['c'] },
];
const cycle = 40;

describe('an invalid balance on the board (issue 19)', () => {
  it('is reported invalid with its reasons when a station is over takt and a precedence rule is broken', () => {
    const r = boardReport({ elements, stations: dragged, cycle });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.valid).toBe(false);
    expect(r.value.invalidReasons).toHaveLength(2);
    expect(r.value.invalidReasons[0]).toMatch(/1 station is over the cycle of 40 s \(5 s overload\)/);
    expect(r.value.invalidReasons[1]).toMatch(/precedence broken/);
  });

  it('shows the over-takt time as negative idle and overload, not 0 s', () => {
    const r = boardReport({ elements, stations: dragged, cycle });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.stations[0]).toMatchObject({ time: 45, idle: -5, over: 5 });
    expect(r.value.overload).toBe(5);
    expect(r.value.totalIdle).toBe(20 + 15);
  });

  it('is valid when every station fits and the order holds', () => {
    const r = boardReport({ elements, stations: valid, cycle });
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toMatchObject({ valid: true, invalidReasons: [], overload: 0 });
  });

  it('a precedence problem within a station (successor before its predecessor) makes it invalid', () => {
    const stations = [
      { id: 's1', name: 'Operator 1', elementIds: ['b', 'a'] },
      { id: 's2', name: 'Operator 2', elementIds: ['c', 'd'] },
    ];
    const r = boardReport({ elements, stations, cycle: 60 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.valid).toBe(false);
  });
});

describe('compareBalances with an invalid side (issue 19)', () => {
  const snap = (name: string, stations: typeof valid, c = cycle): BalanceSnapshot => ({ name, cycle: c, elements, stations: stations.map(({ name, elementIds }) => ({ name, elementIds })) });

  it('never ranks an invalid balance best, though its efficiency is higher', () => {
    const r = compareBalances(snap('before', valid), snap('after', dragged));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.after.valid).toBe(false);
    expect(r.value.before.valid).toBe(true);
    expect(r.value.better).toBe('before');
    expect(r.value.verdict).toMatch(/"after" is invalid/);
    expect(r.value.after.idle).toContain(-5);
    // the same pair the other way round
    const back = compareBalances(snap('before', dragged), snap('after', valid));
    expect(back.ok && back.value.better).toBe('after');
  });

  it('ranks neither when both are invalid and says so', () => {
    const r = compareBalances(snap('one', dragged), snap('two', dragged));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.better).toBeNull();
    expect(r.value.verdict).toMatch(/Neither balance can run/);
  });

  it('ranks two valid balances by stations, then efficiency', () => {
    const fewer = [
      { id: 's1', name: 'Operator 1', elementIds: ['a', 'b'] },
      { id: 's2', name: 'Operator 2', elementIds: ['c', 'd'] },
    ];
    const r = compareBalances(snap('three', valid, 50), snap('two', fewer, 50));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.better).toBe('after');
    expect(r.value.verdict).toMatch(/Both are valid/);
  });
});
