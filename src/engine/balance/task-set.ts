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

/** Table sizes (32-bit words) above which `SumReach` stays off: its rows would cost more than they save. */
const REACH_MAX_WORDS = 1 << 22;

/**
 * The sums that subsets of the tasks able to join a station can reach, by the lowest task number allowed (subset
 * sum with precedence relaxed). The tasks able to join are those not yet assigned whose unassigned predecessors can
 * all join too, and whose longest chain of unassigned predecessors fits in the cycle with them (found in one pass,
 * since task numbers are topological). On a tight line a station's load must end within a few units of the cycle;
 * the sum test of `canFill` lets through nearly every partial load that can never hit that window (SCHOLL at
 * c = 2247 has 2 units of idle time for 31 stations), and this test cuts them.
 */
export class SumReach {
  readonly enabled: boolean;
  private readonly n: number;
  private readonly words: number;
  private readonly inU: Uint8Array;
  /** Row of the tasks numbered from i on that can join (row 0: none, the empty sum). */
  private readonly rowOf: Int32Array;
  private rows: Uint32Array;
  /** Time of the longest chain of unassigned tasks ending at each task. */
  private readonly chain: Int32Array;
  constructor(
    n: number,
    private readonly c: number,
  ) {
    this.n = n;
    this.chain = new Int32Array(n);
    this.words = (c >>> 5) + 1;
    this.enabled = (n + 1) * this.words <= REACH_MAX_WORDS;
    this.inU = new Uint8Array(n);
    this.rowOf = new Int32Array(n + 1);
    this.rows = new Uint32Array(this.enabled ? this.words * 8 : 0);
  }

  /** Builds the rows for the tasks with inS[j] = 0. */
  build(inS: Uint8Array, pred: Int32Array[], t: Int32Array): void {
    if (!this.enabled) return;
    const n = this.n;
    const W = this.words;
    let count = 0;
    const chain = this.chain;
    for (let j = 0; j < n; j++) {
      let can = inS[j] === 0 ? 1 : 0;
      let longest = 0;
      if (can)
        for (const p of pred[j]!) {
          if (inS[p] !== 0) continue;
          if (this.inU[p] === 0) {
            can = 0;
            break;
          }
          if (chain[p]! > longest) longest = chain[p]!;
        }
      // a task joins with its unassigned predecessors, so the longest chain of them must fit as well
      chain[j] = longest + t[j]!;
      if (chain[j]! > this.c) can = 0;
      this.inU[j] = can;
      count += can;
    }
    if (this.rows.length < (count + 1) * W) this.rows = new Uint32Array(Math.min((n + 1) * W, 2 * (count + 1) * W));
    const R = this.rows;
    R.fill(0, 0, W);
    R[0] = 1;
    let r = 0;
    let most = 0; // the largest sum so far: the words above it are zero
    this.rowOf[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      if (this.inU[i] === 1) {
        const src = r * W;
        const dst = src + W;
        const s = t[i]!;
        most += s;
        const top = Math.min(W, (most >>> 5) + 1);
        const ws = s >>> 5;
        const bs = s & 31;
        const low = Math.min(ws, top);
        for (let w = 0; w < low; w++) R[dst + w] = R[src + w]!;
        if (ws < top) {
          R[dst + ws] = R[src + ws]! | (R[src]! << bs);
          if (bs === 0) for (let w = ws + 1; w < top; w++) R[dst + w] = R[src + w]! | R[src + w - ws]!;
          else {
            const back = 32 - bs;
            for (let w = ws + 1; w < top; w++) R[dst + w] = R[src + w]! | (R[src + w - ws]! << bs) | (R[src + w - ws - 1]! >>> back);
          }
        }
        if (top < W) R.fill(0, dst + top, dst + W);
        r++;
      }
      this.rowOf[i] = r;
    }
  }

  /** Whether some subset of the joinable tasks numbered above `last` sums to a value in [lo, hi] (true when off). */
  reaches(last: number, lo: number, hi: number): boolean {
    if (!this.enabled || lo <= 0) return true;
    const W = this.words;
    const maxBit = W * 32 - 1;
    if (hi > maxBit) hi = maxBit;
    if (lo > hi) return false;
    const base = this.rowOf[last + 1]! * W;
    const R = this.rows;
    const w0 = lo >>> 5;
    const w1 = hi >>> 5;
    for (let w = w0; w <= w1; w++) {
      let x = R[base + w]!;
      if (w === w0) x &= -1 << (lo & 31);
      if (w === w1 && (hi & 31) !== 31) x &= (1 << ((hi & 31) + 1)) - 1;
      if (x !== 0) return true;
    }
    return false;
  }
}
