// Levelling: at a fixed number of stations, the shortest longest station (SALBP-2), then the smoothest loads (SALBP-E).
import { ok, err, type Result } from '../result.ts';
import type { BalanceInstance, SolveOptions, SolveProgress } from './instance.ts';
import { validateInstance } from './validate.ts';
import { solveSalbp2 } from './salbp2.ts';

export interface LevelResult {
  stations: number;
  /** The longest station before levelling, and after. */
  maxBefore: number;
  maxLoad: number;
  /** True when no balance with this many stations has a shorter longest station (the SALBP-2 search proved it). */
  maxLoadOptimal: boolean;
  /** A proven lower bound on the longest station with this many stations. */
  maxLoadLowerBound: number;
  /** Smoothness index √Σ(max − t)² before and after. */
  smoothnessBefore: number;
  smoothness: number;
  /** The smoothness step is a local search (single moves and swaps between stations): never proven optimal. */
  smoothnessOptimal: false;
  assignment: number[][];
  ms: number;
}

const loadsOf = (times: readonly number[], st: readonly number[][]) => st.map((s) => s.reduce((a, j) => a + times[j]!, 0));
export const smoothnessOf = (loads: readonly number[]): number => {
  const max = Math.max(0, ...loads);
  return Math.sqrt(loads.reduce((a, t) => a + (max - t) ** 2, 0));
};

/**
 * Levels a balance without changing its number of stations: first the SALBP-2 search at that station count (anytime,
 * with its proven bound), then a local search that lowers Σt² (for a fixed longest station and fixed Σt this is the
 * smoothness index, Σ(max − t)² = m·max² − 2·max·Σt + Σt²) with single-task moves and swaps that keep precedence and
 * never raise the longest station. `start` must be a valid balance; the result is never worse than it.
 */
export function levelBalance(inst: BalanceInstance, start: number[][], opts: SolveOptions): Result<LevelResult> {
  const v = validateInstance(inst);
  if (!v.ok) return v;
  const t0 = opts.now();
  const stations = start.filter((s) => s.length > 0);
  const m = stations.length;
  if (m === 0) return err('There is no balance to level: no station holds work.');
  const times = inst.times;
  const before = loadsOf(times, stations);
  const maxBefore = Math.max(...before);
  const report = (p: SolveProgress) => opts.onProgress?.(p);
  const s2 = solveSalbp2(inst, m, {
    now: opts.now,
    ...(opts.timeLimitMs !== undefined ? { timeLimitMs: opts.timeLimitMs } : {}),
    ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
    onProgress: (p) => report({ ...p, lowerBound: p.lowerBound, upperBound: Math.min(p.upperBound, maxBefore) }),
  });
  if (!s2.ok) return s2;
  let best = stations.map((s) => s.slice());
  const s2Stations = s2.value.assignment.filter((s) => s.length > 0);
  if (s2Stations.length === m && s2.value.cycle < maxBefore) best = s2Stations.map((s) => s.slice());
  const cap = Math.max(...loadsOf(times, best));
  best = smooth(inst, best, cap, v.value.order);
  const after = loadsOf(times, best);
  const maxLoad = Math.max(...after);
  const lower = Math.min(s2.value.lowerBound, maxLoad);
  report({ lowerBound: lower, upperBound: maxLoad, best, elapsedMs: opts.now() - t0 });
  return ok({
    stations: m,
    maxBefore,
    maxLoad,
    maxLoadOptimal: lower >= maxLoad - 1e-9,
    maxLoadLowerBound: lower,
    smoothnessBefore: smoothnessOf(before),
    smoothness: smoothnessOf(after),
    smoothnessOptimal: false,
    assignment: best,
    ms: opts.now() - t0,
  });
}

/** Steepest-descent on Σt² with moves and swaps between stations; loads stay ≤ cap and precedence holds. */
function smooth(inst: BalanceInstance, start: number[][], cap: number, order: number[]): number[][] {
  const n = inst.taskCount;
  const t = inst.times;
  const m = start.length;
  const pred: number[][] = Array.from({ length: n }, () => []);
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of inst.arcs) {
    pred[b]!.push(a);
    succ[a]!.push(b);
  }
  const at = new Array<number>(n).fill(-1);
  start.forEach((s, k) => s.forEach((j) => (at[j] = k)));
  const load = loadsOf(t, start);
  // the stations task j may stand in, given where its neighbours stand now
  const lo = (j: number) => Math.max(0, ...pred[j]!.map((p) => at[p]!));
  const hi = (j: number) => Math.min(m - 1, ...succ[j]!.map((s) => at[s]!));
  const eps = 1e-9;
  for (let round = 0; round < 10 * n; round++) {
    let gain = eps;
    let move: (() => void) | null = null;
    for (let j = 0; j < n; j++) {
      const a = at[j]!;
      for (let b = lo(j); b <= hi(j); b++) {
        if (b === a || load[b]! + t[j]! > cap + eps) continue;
        // Σt² change moving t_j from a to b
        const g = 2 * t[j]! * (load[a]! - load[b]! - t[j]!);
        if (g > gain) {
          gain = g;
          move = () => {
            at[j] = b;
            load[a] = load[a]! - t[j]!;
            load[b] = load[b]! + t[j]!;
          };
        }
      }
    }
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const a = at[i]!;
        const b = at[j]!;
        if (a >= b) continue;
        const d = t[i]! - t[j]!;
        if (Math.abs(d) <= eps || load[b]! + d > cap + eps || load[a]! - d > cap + eps) continue;
        // i to b, j to a: i's successors must stand at b or later (j is among them only if adjacent, excluded below)
        if (succ[i]!.some((s) => s === j || at[s]! < b) || pred[j]!.some((p) => p === i || at[p]! > a)) continue;
        if (pred[i]!.some((p) => at[p]! > b) || succ[j]!.some((s) => at[s]! < a)) continue;
        const g = 2 * d * (load[a]! - load[b]! - d);
        if (g > gain) {
          gain = g;
          move = () => {
            at[i] = b;
            at[j] = a;
            load[a] = load[a]! - d;
            load[b] = load[b]! + d;
          };
        }
      }
    if (!move) break;
    move();
  }
  const out: number[][] = Array.from({ length: m }, () => []);
  for (const j of order) out[at[j]!]!.push(j);
  return out;
}
