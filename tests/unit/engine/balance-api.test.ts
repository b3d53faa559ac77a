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
