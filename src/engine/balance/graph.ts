// Precedence-graph preprocessing shared by bounds, heuristics and the exact search: adjacency, closures, positional weights.

/** A precedence graph over tasks 0..n-1 with integer times (already scaled to integers). */
export interface Graph {
  n: number;
  t: Int32Array;
  succ: number[][];
  pred: number[][];
  /** A topological order. */
  topo: number[];
}

export function makeGraph(n: number, t: ArrayLike<number>, arcs: readonly (readonly [number, number])[], topo: number[]): Graph {
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<number>();
  for (const [a, b] of arcs) {
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    succ[a]!.push(b);
    pred[b]!.push(a);
  }
  return { n, t: Int32Array.from(t as ArrayLike<number>), succ, pred, topo };
}

/** The same graph with every arc reversed: some instances are far easier to balance from the end of the line. */
export function reverseGraph(g: Graph): Graph {
  return { n: g.n, t: g.t, succ: g.pred, pred: g.succ, topo: g.topo.slice().reverse() };
}

export const words = (n: number): number => (n + 31) >>> 5;

/** Transitive successor sets as bitsets (one row of words(n) per task). */
export function successorClosure(g: Graph): Uint32Array {
  const W = words(g.n);
  const clo = new Uint32Array(g.n * W);
  for (let k = g.n - 1; k >= 0; k--) {
    const j = g.topo[k]!;
    const row = j * W;
    for (const s of g.succ[j]!) {
      clo[row + (s >>> 5)]! |= 1 << (s & 31);
      const srow = s * W;
      for (let w = 0; w < W; w++) clo[row + w]! |= clo[srow + w]!;
    }
  }
  return clo;
}

/** Σ t over the tasks of each bitset row. */
export function rowSums(clo: Uint32Array, n: number, t: Int32Array): number[] {
  const W = words(n);
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let w = 0; w < W; w++) {
      let x = clo[j * W + w]!;
      while (x !== 0) {
        const b = 31 - Math.clz32(x & -x);
        s += t[(w << 5) + b]!;
        x &= x - 1;
      }
    }
    out.push(s);
  }
  return out;
}

/**
 * Task-time incrementing (Scholl & Klein, SALOME 1997): a task that can share a station with no other task —
 * every other task is too long, or would drag along the tasks between them in the precedence order — may be
 * treated as filling its station, t_j := c. The optimum does not change and every bound gets stronger.
 */
export function incrementTimes(g: Graph, c: number): Int32Array {
  const n = g.n;
  const W = words(n);
  const t = g.t;
  const out = Int32Array.from(t);
  const succClo = successorClosure(g);
  const predClo = successorClosure(reverseGraph(g));
  const has = (clo: Uint32Array, i: number, j: number) => (clo[i * W + (j >>> 5)]! & (1 << (j & 31))) !== 0;
  for (let j = 0; j < n; j++) {
    if (t[j]! === c) continue;
    let canShare = false;
    for (let i = 0; i < n && !canShare; i++) {
      if (i === j || t[i]! + t[j]! > c) continue;
      const iBefore = has(succClo, i, j);
      const iAfter = has(succClo, j, i);
      if (!iBefore && !iAfter) {
        canShare = true;
        break;
      }
      // Related tasks in one station bring every task between them into it as well.
      const [a, b] = iBefore ? [i, j] : [j, i];
      let load = t[i]! + t[j]!;
      for (let w = 0; w < W && load <= c; w++) {
        let x = succClo[a * W + w]! & predClo[b * W + w]!;
        while (x !== 0 && load <= c) {
          const bit = 31 - Math.clz32(x & -x);
          load += t[(w << 5) + bit]!;
          x &= x - 1;
        }
      }
      if (load <= c) canShare = true;
    }
    if (!canShare) out[j] = c;
  }
  return out;
}

/**
 * Jackson's (1956) task dominance: i dominates j when both could start now, t_i ≥ t_j and every successor of j is a
 * successor of i (ties in both broken by number). A station load holding j while i is available, not in the load,
 * and fits in j's place (t_i − t_j ≤ idle) can be swapped for one holding i without losing any balance. Returns the
 * dominators of each task (tasks with no precedence relation to it, by construction of the rule).
 */
export function dominators(g: Graph): number[][] {
  const n = g.n;
  const W = words(n);
  const clo = successorClosure(g);
  const out: number[][] = Array.from({ length: n }, () => []);
  const has = (i: number, j: number) => (clo[i * W + (j >>> 5)]! & (1 << (j & 31))) !== 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (i === j || g.t[i]! < g.t[j]! || has(i, j) || has(j, i)) continue;
      let sup = true;
      let equal = true;
      for (let w = 0; w < W; w++) {
        const a = clo[i * W + w]!;
        const b = clo[j * W + w]!;
        if ((a & b) !== b) {
          sup = false;
          break;
        }
        if (a !== b) equal = false;
      }
      if (!sup) continue;
      if (g.t[i] === g.t[j] && equal && i > j) continue;
      out[j]!.push(i);
    }
  }
  return out;
}

/**
 * How much more the line branches from its start than from its end (BB&R's choice of direction): for q = 1..5,
 * the tasks that may lie in the first q stations (earliest station ≤ q) against those that may lie in the last q,
 * as the log of the ratio of their products. Positive: searching from the end of the line branches less.
 */
export function startBranching(g: Graph, c: number): number {
  const head = rowSums(successorClosure(g), g.n, g.t); // time of each task's successors
  const tail = rowSums(successorClosure(reverseGraph(g)), g.n, g.t); // and of its predecessors
  let score = 0;
  for (let q = 1; q <= 5; q++) {
    let f = 0;
    let r = 0;
    for (let j = 0; j < g.n; j++) {
      if (g.t[j]! + tail[j]! <= q * c) f++;
      if (g.t[j]! + head[j]! <= q * c) r++;
    }
    score += Math.log(Math.max(f, 1)) - Math.log(Math.max(r, 1));
  }
  return score;
}
