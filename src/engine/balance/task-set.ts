// A set of task numbers as a bitset, walked in increasing order: the available tasks of the exact searches.
export class TaskSet {
  readonly bits: Uint32Array;
  size = 0;
  constructor(n: number) {
    this.bits = new Uint32Array((n + 31) >>> 5);
  }
  clear(): void {
    this.bits.fill(0);
    this.size = 0;
  }
  add(j: number): void {
    this.bits[j >>> 5]! |= 1 << (j & 31);
    this.size++;
  }
  delete(j: number): void {
    this.bits[j >>> 5]! &= ~(1 << (j & 31));
    this.size--;
  }
  /** The smallest member above j (j = −1 for the first), or −1. */
  next(j: number): number {
    const b = this.bits;
    const from = j + 1;
    let w = from >>> 5;
    if (w >= b.length) return -1;
    let x = b[w]! & (-1 << (from & 31));
    for (;;) {
      if (x !== 0) return (w << 5) + 31 - Math.clz32(x & -x);
      if (++w >= b.length) return -1;
      x = b[w]!;
    }
  }
}

/** Scratch space for `canFill` (one per search). */
export class FillScratch {
  readonly mark: Int32Array;
  readonly queue: Int32Array;
  gen = 0;
  constructor(n: number) {
    this.mark = new Int32Array(n);
    this.queue = new Int32Array(n);
  }
}

/**
 * Whether the tasks numbered above `last` that could still join an open station add up to `need`: the available
 * ones, and those that only they hold back (found from the available ones along successor arcs, in increasing
 * number, which the topological numbering makes a valid order). A partial load that cannot gain `need` can never
 * become a load whose idle time fits what the remaining stations may leave; on tight lines nearly all of the
 * enumeration is spent on such loads without this test.
 */
export function canFill(
  avail: TaskSet,
  last: number,
  need: number,
  t: Int32Array,
  succ: Int32Array[],
  pred: Int32Array[],
  inS: Uint8Array,
  s: FillScratch,
): boolean {
  let sum = 0;
  for (let a = avail.next(last); a >= 0; a = avail.next(a)) {
    sum += t[a]!;
    if (sum >= need) return true;
  }
  const gen = ++s.gen;
  const mark = s.mark; // gen: could join; −gen: queued or ruled out
  const q = s.queue;
  let qn = 0;
  for (let a = avail.next(last); a >= 0; a = avail.next(a)) mark[a] = gen;
  for (let a = avail.next(last); a >= 0; a = avail.next(a))
    for (const x of succ[a]!)
      if (mark[x] !== gen && mark[x] !== -gen) {
        mark[x] = -gen;
        q[qn++] = x;
      }
  while (qn > 0) {
    let mi = 0;
    for (let i = 1; i < qn; i++) if (q[i]! < q[mi]!) mi = i;
    const k = q[mi]!;
    q[mi] = q[--qn]!;
    let free = true;
    for (const p of pred[k]!)
      if (inS[p] === 0 && mark[p] !== gen) {
        free = false;
        break;
      }
    if (!free) continue;
    mark[k] = gen;
    sum += t[k]!;
    if (sum >= need) return true;
    for (const x of succ[k]!)
      if (mark[x] !== gen && mark[x] !== -gen) {
        mark[x] = -gen;
        q[qn++] = x;
      }
  }
  return false;
}

/**
 * Jackson's dominance for a finished load (`stack[0..len)`, `idle` left): some available task outside it (all its
 * predecessors assigned, itself not) could replace a task of the load and still fit. `dom` lists each task's
 * dominators, shortest first, so the scan stops at the first one too long to swap in.
 */
export function dominatedLoad(
  stack: Int32Array,
  len: number,
  idle: number,
  t: Int32Array,
  dom: Int32Array[],
  inS: Uint8Array,
  predLeft: Int32Array,
): boolean {
  for (let q = 0; q < len; q++) {
    const j = stack[q]!;
    const tj = t[j]!;
    for (const i of dom[j]!) {
      if (t[i]! - tj > idle) break;
      if (inS[i] === 0 && predLeft[i] === 0) return true;
    }
  }
  return false;
}
