// Precedence-aware infeasibility test for "m stations at cycle c" from each task's earliest and latest station.
import { type Graph, reverseGraph, successorClosure, rowSums } from './graph.ts';
import { stationLowerBound } from './bounds.ts';

/**
 * Task j cannot sit before station E_j = ⌈(t_j + Σ t of its predecessors) / c⌉ nor after
 * L_j = m + 1 − ⌈(t_j + Σ t of its successors) / c⌉ (Scholl 1999). Proves m stations infeasible when a window is
 * empty, or when for some stations a..b the tasks whose windows lie inside [a, b] need more than b − a + 1
 * stations by the bin-packing bounds. `t` may be the incremented times.
 */
export function windowsInfeasible(g: Graph, t: Int32Array, c: number, m: number): boolean {
  const n = g.n;
  const gt: Graph = { ...g, t };
  const before = rowSums(successorClosure(reverseGraph(gt)), n, t);
  const after = rowSums(successorClosure(gt), n, t);
  const E = new Int32Array(n);
  const L = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    E[j] = Math.ceil((t[j]! + before[j]!) / c - 1e-9);
    L[j] = m + 1 - Math.ceil((t[j]! + after[j]!) / c - 1e-9);
    if (E[j]! > L[j]!) return true;
  }
  // intervals [a, b]: only worth checking where windows start and end
  const starts = [...new Set(Array.from(E))].sort((x, y) => x - y);
  const ends = [...new Set(Array.from(L))].sort((x, y) => x - y);
  for (const a of starts)
    for (const b of ends) {
      if (b < a || b - a + 1 >= m) continue;
      const inside: number[] = [];
      let sum = 0;
      for (let j = 0; j < n; j++)
        if (E[j]! >= a && L[j]! <= b) {
          inside.push(t[j]!);
          sum += t[j]!;
        }
      if (inside.length === 0) continue;
      if (sum > (b - a + 1) * c) return true;
      if (stationLowerBound(inside, c) > b - a + 1) return true;
    }
  return false;
}
