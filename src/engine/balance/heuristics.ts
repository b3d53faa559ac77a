// Priority-rule heuristics (station-oriented, Talbot, Patterson & Gehrlein 1986) that give the exact search its first upper bound.
import { type Graph, reverseGraph, successorClosure, rowSums, words } from './graph.ts';

/**
 * Opens a station, fills it with the available task of highest priority that still fits, and opens the next one
 * when none fits. Returns stations of task indices, each in a precedence-feasible order.
 */
export function priorityRule(g: Graph, c: number, priority: ArrayLike<number>): number[][] {
  const n = g.n;
  const left = g.pred.map((p) => p.length);
  const avail: number[] = [];
  for (let i = 0; i < n; i++) if (left[i] === 0) avail.push(i);
  const stations: number[][] = [];
  let done = 0;
  while (done < n) {
    const st: number[] = [];
    let cap = c;
    for (;;) {
      let pick = -1;
      for (let k = 0; k < avail.length; k++) {
        const j = avail[k]!;
        if (g.t[j]! <= cap && (pick < 0 || priority[j]! > priority[avail[pick]!]!)) pick = k;
      }
      if (pick < 0) break;
      const j = avail[pick]!;
      avail[pick] = avail[avail.length - 1]!;
      avail.pop();
      st.push(j);
      cap -= g.t[j]!;
      done++;
      for (const s of g.succ[j]!) if (--left[s]! === 0) avail.push(s);
    }
    if (st.length === 0) return []; // a task longer than c: the caller validated against this
    stations.push(st);
  }
  return stations;
}

/** Priority vectors that work well on the Scholl data: positional weight, successor count, task time, and mixes. */
export function priorities(g: Graph): number[][] {
  const n = g.n;
  const clo = successorClosure(g);
  const pw = rowSums(clo, n, g.t).map((s, j) => s + g.t[j]!);
  const W = words(n);
  const nsucc: number[] = [];
  for (let j = 0; j < n; j++) {
    let k = 0;
    for (let w = 0; w < W; w++) {
      let x = clo[j * W + w]!;
      while (x !== 0) {
        x &= x - 1;
        k++;
      }
    }
    nsucc.push(k);
  }
  const tmax = Math.max(1, ...g.t);
  return [
    pw.map((p, j) => p + g.t[j]! / (tmax + 1) / 2),
    nsucc.map((s, j) => s + g.t[j]! / (tmax + 1)),
    Array.from(g.t, (t, j) => t + nsucc[j]! / (n + 1)),
    pw.map((p, j) => p / (nsucc[j]! + 1) + g.t[j]! / (tmax + 1)),
  ];
}

/** The best of several priority rules, forward and on the reversed graph (stations given in forward order). */
export function heuristicBalance(g: Graph, c: number): number[][] {
  let best: number[][] = [];
  const rg = reverseGraph(g);
  for (const [graph, reversed] of [
    [g, false],
    [rg, true],
  ] as const) {
    for (const p of priorities(graph)) {
      const st = priorityRule(graph, c, p);
      if (st.length === 0) continue;
      if (best.length === 0 || st.length < best.length)
        best = reversed ? st.reverse().map((s) => s.slice().reverse()) : st;
    }
  }
  return best;
}
