// The task data both exact searches work on: tasks relabelled in a positional-weight order, with the tables their bounds and hashing need.
import { type Graph, successorClosure, rowSums, dominators } from './graph.ts';
import { dffSelection, weight2, weight3 } from './bounds.ts';

/** How many dual feasible functions each search state is checked against (more cost more per state than they prune). */
const DFF_COUNT = 4;

export interface PreparedTasks {
  /** Original task index of each internal index. */
  orig: Int32Array;
  t: Int32Array;
  succ: Int32Array[];
  pred: Int32Array[];
  /** Lower bound on stations from a task to the end of the line: ⌈positional weight ÷ c⌉. */
  head: Int32Array;
  /** Per task, the tasks that can take its place in a load (Jackson dominance). */
  dom: Int32Array[];
  byHead: Int32Array[];
  w2: Int32Array;
  w3: Int32Array;
  /** Zobrist keys for hashing task sets. */
  z1: Int32Array;
  z2: Int32Array;
  /** Internal indices by time, longest first (for the bin-packing bound). */
  desc: Int32Array;
  total: number;
  dffW: Int32Array[];
  dffCap: number[];
  /** 32-bit words in a task-set bitset. */
  W: number;
}

/** A seeded xorshift32 generator of 32-bit integers (hash keys for task sets). */
export function xorshift(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s | 0;
  };
}

export function prepareTasks(g: Graph, c: number, seed: number): PreparedTasks {
  const n = g.n;
  const pw = rowSums(successorClosure(g), n, g.t).map((s, j) => s + g.t[j]!);
  // Topological order that always takes the available task of largest positional weight (then longest time).
  const left = g.pred.map((p) => p.length);
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (left[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.length > 0) {
    let b = 0;
    for (let k = 1; k < ready.length; k++) {
      const a = ready[k]!;
      const x = ready[b]!;
      if (pw[a]! > pw[x]! || (pw[a] === pw[x] && g.t[a]! > g.t[x]!)) b = k;
    }
    const j = ready[b]!;
    ready[b] = ready[ready.length - 1]!;
    ready.pop();
    order.push(j);
    for (const s of g.succ[j]!) if (--left[s]! === 0) ready.push(s);
  }
  const inv = new Int32Array(n);
  order.forEach((j, k) => (inv[j] = k));
  const t = Int32Array.from(order, (j) => g.t[j]!);
  const head = Int32Array.from(order, (j) => Math.ceil(pw[j]! / c - 1e-9));
  const dm = dominators(g);
  let maxHead = 0;
  for (const h of head) maxHead = Math.max(maxHead, h);
  const groups: number[][] = Array.from({ length: maxHead + 1 }, () => []);
  head.forEach((h, j) => groups[h]!.push(j));
  // Zobrist keys from a seeded generator: the engine draws no unseeded randomness.
  const rnd = xorshift(seed);
  const z1 = Int32Array.from({ length: n }, rnd);
  const z2 = Int32Array.from({ length: n }, rnd);
  const sel = dffSelection(t, c, DFF_COUNT);
  return {
    orig: Int32Array.from(order),
    t,
    succ: order.map((j) => Int32Array.from(g.succ[j]!.map((x) => inv[x]!)).sort()),
    pred: order.map((j) => Int32Array.from(g.pred[j]!.map((x) => inv[x]!)).sort()),
    head,
    // shortest dominator first, so a check can stop at the first one too long to swap in
    dom: order.map((j) => Int32Array.from(dm[j]!.map((i) => inv[i]!)).sort((a, b) => t[a]! - t[b]!)),
    byHead: groups.map((x) => Int32Array.from(x)),
    w2: Int32Array.from(t, (x) => weight2(x, c)),
    w3: Int32Array.from(t, (x) => weight3(x, c)),
    z1,
    z2,
    desc: Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => t[b]! - t[a]!)),
    total: t.reduce((a, b) => a + b, 0),
    dffW: sel.weights,
    dffCap: sel.cap,
    W: (n + 31) >>> 5,
  };
}
