// The balance calls and solver jobs as the worker exposes them: the same names after the split, and jobs timed by the clock they are given.
import { describe, expect, it } from 'vitest';
import { engineApi, engineJobs } from '../../../src/engine/index.ts';
import { balanceJobs, type JobProgress } from '../../../src/engine/api/balance-jobs.ts';
import type { BoardElement } from '../../../src/engine/api/balance-board.ts';

// 20 s of work that no two stations hold at a 10 s cycle: the best split, Cut and Deburr then the rest, needs 11 s.
const elements: BoardElement[] = [
  { id: 'a', name: 'Cut', time: 4, predecessors: [] },
  { id: 'b', name: 'Drill', time: 3, predecessors: ['a'] },
  { id: 'c', name: 'Deburr', time: 5, predecessors: ['a'] },
  { id: 'd', name: 'Weld', time: 2, predecessors: ['b', 'c'] },
  { id: 'e', name: 'Paint', time: 6, predecessors: ['d'] },
];

describe('the balance part of the engine API', () => {
  it('keeps the call and job names the worker and the UI use', () => {
    for (const name of ['validateElements', 'boardReport', 'compareBalances', 'parseElementsCsv', 'parseInstanceFile', 'balanceCsv'])
      expect(engineApi).toHaveProperty(name);
    expect(Object.keys(engineJobs)).toEqual(expect.arrayContaining(['salbp1', 'salbp2']));
  });

  it('runs a SALBP-1 job on the clock it is given and answers with element ids', () => {
    let reads = 0;
    const clock = () => ++reads;
    const progress: JobProgress[] = [];
    const r = balanceJobs.salbp1({ elements, cycle: 10 }, (p) => progress.push(p), clock);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.result).toMatchObject({ problem: 'salbp1', stations: 3, optimal: true });
    expect(r.value.stations.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(reads).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    expect(r.value.result.ms).toBeLessThanOrEqual(reads);
  });

  it('runs a SALBP-2 job', () => {
    const r = balanceJobs.salbp2({ elements, stations: 2 }, () => {}, () => 0);
    expect(r.ok && r.value.result).toMatchObject({ problem: 'salbp2', cycle: 11, optimal: true });
  });

  it('refuses to run a solver job without a clock', () => {
    const r = balanceJobs.salbp1({ elements, cycle: 10 }, () => {});
    expect(r).toEqual({ ok: false, error: expect.stringContaining('clock') });
  });
});

describe('the SALBP-1 job with levelling (issue 19)', () => {
  // two stations are needed at 12 s; the first proven balance may leave 12 s beside 8 s, levelling gives 10 s and 10 s
  const even: BoardElement[] = [
    { id: 'p', name: 'P', time: 4, predecessors: [] },
    { id: 'q', name: 'Q', time: 6, predecessors: [] },
    { id: 'r', name: 'R', time: 4, predecessors: [] },
    { id: 's', name: 'S', time: 6, predecessors: [] },
  ];
  it('levels the loads after proving the station count, with progress in the level phase, and says what is proven', () => {
    const progress: JobProgress[] = [];
    const r = balanceJobs.salbp1({ elements: even, cycle: 12, level: true }, (p) => progress.push(p), () => performance.now());
    if (!r.ok) throw new Error(r.error);
    expect(r.value.result).toMatchObject({ stations: 2, optimal: true });
    expect(r.value.level).toMatchObject({ maxLoad: 10, maxLoadOptimal: true, smoothness: 0, smoothnessOptimal: false });
    expect(r.value.stations).toHaveLength(2);
    expect(progress.some((p) => p.phase === 'level')).toBe(true);
  });
  it('does not level without being asked', () => {
    const r = balanceJobs.salbp1({ elements: even, cycle: 12 }, () => {}, () => performance.now());
    expect(r.ok && r.value.level).toBeUndefined();
  });
});
