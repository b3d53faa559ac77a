// Shared helpers for the balancing tests: the Scholl data location, loading graphs, and a balance checker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIn2 } from '../../../src/engine/balance/parse-in2.ts';
import type { BalanceInstance } from '../../../src/engine/balance/instance.ts';
import { makeGraph, type Graph } from '../../../src/engine/balance/graph.ts';
import fc from 'fast-check';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const dataDir = path.resolve(repoRoot, 'tests', 'data', 'salbp');

/** The solvers' clock in the tests: the engine reads none of its own. */
export const now = (): number => performance.now();

export function loadGraph(name: string): BalanceInstance {
  const r = parseIn2(readFileSync(path.join(dataDir, 'scholl', `${name}.IN2`), 'latin1'));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export function knownRows(file: string): string[][] {
  return readFileSync(path.join(dataDir, file), 'latin1').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
}

/** Returns '' for a valid balance, else what is wrong. */
export function balanceProblem(inst: BalanceInstance, assignment: number[][], cycle: number): string {
  const station = new Array<number>(inst.taskCount).fill(-1);
  for (let s = 0; s < assignment.length; s++) {
    let load = 0;
    for (const j of assignment[s]!) {
      if (station[j] !== -1) return `task ${j} assigned twice`;
      station[j] = s;
      load += inst.times[j]!;
    }
    if (load > cycle + 1e-9) return `station ${s} over cycle (${load} > ${cycle})`;
  }
  if (station.includes(-1)) return 'a task is unassigned';
  for (const [a, b] of inst.arcs) if (station[a]! > station[b]!) return `arc ${a}->${b} violated`;
  return '';
}

/** Random DAGs of up to `maxTasks` tasks (arcs only from lower to higher numbers, times up to the cycle) with a cycle time. */
export const arbInstanceUpTo = (maxTasks: number) =>
  fc
    .integer({ min: 1, max: maxTasks })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        c: fc.integer({ min: 5, max: 30 }),
        raw: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }),
        arcs: fc.uniqueArray(
          fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a < b),
          { maxLength: (n * (n - 1)) / 2, selector: ([a, b]) => `${a},${b}` },
        ),
      }),
    )
    .map(({ n, c, raw, arcs }) => ({ inst: { taskCount: n, times: raw.map((x) => 1 + (x % c)), arcs } as BalanceInstance, c }));

/** Random instances small enough for `exhaustive`. */
export const arbInstance = arbInstanceUpTo(11);

/**
 * Exhaustive minimum by dynamic programming over all task subsets: f(S) = 1 + min f(S ∪ L) over every non-empty
 * next-station load L whose tasks have all their predecessors in S ∪ L and fit in c. Exponential, fine for n ≤ 11.
 */
export function exhaustive(inst: BalanceInstance, c: number): number {
  const n = inst.taskCount;
  const full = (1 << n) - 1;
  const predMask = new Array<number>(n).fill(0);
  for (const [a, b] of inst.arcs) predMask[b]! |= 1 << a;
  const time = (set: number) => inst.times.reduce((a, t, j) => (set & (1 << j) ? a + t : a), 0);
  const closed = (set: number) => inst.times.every((_, j) => !(set & (1 << j)) || (predMask[j]! & ~set) === 0);
  const f = new Array<number>(full + 1).fill(Infinity);
  f[full] = 0;
  for (let s = full - 1; s >= 0; s--) {
    if (!closed(s)) continue;
    const rest = full & ~s;
    for (let load = rest; load > 0; load = (load - 1) & rest)
      if (time(load) <= c && closed(s | load)) f[s] = Math.min(f[s]!, 1 + f[s | load]!);
  }
  return f[0]!;
}

export const graphOf = (inst: BalanceInstance): Graph => {
  // arcs go from lower to higher numbers, so 0..n-1 is a topological order
  return makeGraph(inst.taskCount, inst.times, inst.arcs, Array.from({ length: inst.taskCount }, (_, i) => i));
};
