// Per-stage cycle time: how long cards stayed in each stage, with the 50/85/95th percentiles.
import type { Seconds } from '../units.ts';
import { seconds } from '../units.ts';
import type { Replay } from './replay.ts';
import { standardPercentiles } from './percentile.ts';

export interface StageCycleTime {
  stageId: string;
  count: number;
  mean: Seconds | null;
  p50: Seconds | null;
  p85: Seconds | null;
  p95: Seconds | null;
}

/** Visit durations in seconds, grouped per stage by a counting sort (O(n)) and then sorted ascending within each stage. */
export function sortedVisitsByStage(r: Replay): Float64Array[] {
  const S = r.stageIds.length;
  const counts = new Int32Array(S + 1);
  const n = r.visitStage.length;
  for (let i = 0; i < n; i++) counts[r.visitStage[i] + 1]++;
  for (let s = 0; s < S; s++) counts[s + 1] += counts[s];
  const all = new Float64Array(n);
  const fill = counts.slice(0, S);
  for (let i = 0; i < n; i++) all[fill[r.visitStage[i]]++] = r.visitDuration[i] / 1000;
  const groups: Float64Array[] = new Array(S);
  for (let s = 0; s < S; s++) groups[s] = all.subarray(counts[s], counts[s + 1]).sort();
  return groups;
}

const sec = (x: number | null) => (x === null ? null : seconds(x));

export function cycleTimes(r: Replay, groups: Float64Array[] = sortedVisitsByStage(r)): StageCycleTime[] {
  return r.stageIds.map((stageId, s) => {
    const g = groups[s];
    let sum = 0;
    for (let i = 0; i < g.length; i++) sum += g[i];
    const p = standardPercentiles(g);
    return { stageId, count: g.length, mean: g.length ? seconds(sum / g.length) : null, p50: sec(p.p50), p85: sec(p.p85), p95: sec(p.p95) };
  });
}
