// The least idle time the first stations of any balance must leave: tight lines often waste idle time at an end.
import type { Graph } from './graph.ts';

/** How many of the first stations are bounded. */
const MAX_Q = 4;

/**
 * `out[q]` (q = 0..MAX_Q) is a lower bound on the total idle time of the first q stations of every balance at cycle
 * c: those stations hold a set of tasks closed under predecessors, packed in precedence order, so their idle time is
 * at least q·c minus the most work any q stations can take from the start of the line. Exact branch and bound per q
 * with a step limit; past it the bound of q − 1 stands (idle time only grows with q). On the reversed graph it
 * bounds the last stations. Non-decreasing in q.
 */
export function firstStationsIdle(g: Graph, t: ArrayLike<number>, c: number, maxSteps = 100_000): number[] {
  const out = [0];
  for (let q = 1; q <= MAX_Q; q++) {
    const best = maxWork(g, t, c, q, maxSteps);
    out.push(best < 0 ? out[q - 1]! : Math.max(out[q - 1]!, q * c - best));
  }
  return out;
}

/** The most work q stations can take from the start of the line, or −1 when the step limit cut the search short. */
function maxWork(g: Graph, t: ArrayLike<number>, c: number, q: number, maxSteps: number): number {
  const n = g.n;
  const left = Int32Array.from(g.pred, (p) => p.length);
  const done = new Uint8Array(n);
  // The available tasks are a segment [lo, hi) at the top of `buf`: a task taken appends the successors it frees, and
  // a closed station copies the tasks still left into a new segment above; both are undone on return.
  let buf = new Int32Array(4 * n + 16);
  let lo = 0;
  let hi = 0;
  const ensure = (k: number): void => {
    if (hi + k <= buf.length) return;
    const grown = new Int32Array(2 * (hi + k));
    grown.set(buf.subarray(0, hi));
    buf = grown;
  };
  for (let j = 0; j < n; j++) if (left[j] === 0) buf[hi++] = j;
  let total = 0;
  for (let j = 0; j < n; j++) total += t[j]!;
  let best = 0;
  let steps = 0;
  let aborted = false;
  const goal = Math.min(q * c, total);

  // builds station `st` (0-based) with tasks taken in increasing position of the available segment from `from`
  const station = (st: number, work: number): boolean => {
    if (st === q) {
      if (work > best) best = work;
      return best >= goal;
    }
    return fill(st, work, lo, c, 0);
  };
  const fill = (st: number, work: number, from: number, cap: number, added: number): boolean => {
    if (++steps > maxSteps) {
      aborted = true;
      return true;
    }
    // even with this station and every later one full, no improvement
    if (work + added + cap + (q - st - 1) * c <= best) return false;
    let any = false;
    for (let k = from; k < hi; k++) {
      const j = buf[k]!;
      if (done[j] || t[j]! > cap) continue;
      any = true;
      done[j] = 1;
      const savedHi = hi;
      const succ = g.succ[j]!;
      ensure(succ.length);
      for (const s of succ) if (--left[s]! === 0) buf[hi++] = s;
      const stop = fill(st, work, k + 1, cap - t[j]!, added + t[j]!);
      hi = savedHi;
      for (const s of succ) left[s]!++;
      done[j] = 0;
      if (stop) return true;
    }
    if (any) return false;
    // maximal: nothing available fits any more (a load that leaves out a fitting task is never better)
    for (let k = lo; k < hi; k++) if (!done[buf[k]!] && t[buf[k]!]! <= cap) return false;
    const savedLo = lo;
    const savedHi = hi;
    ensure(hi - lo);
    for (let k = savedLo; k < savedHi; k++) if (!done[buf[k]!]) buf[hi++] = buf[k]!;
    lo = savedHi;
    const stop = station(st + 1, work + added);
    lo = savedLo;
    hi = savedHi;
    return stop;
  };
  station(0, 0);
  return aborted ? -1 : best;
}
