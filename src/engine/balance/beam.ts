// A bidirectional beam over station states (after Hoffmann 1963, Fleszar & Hindi 2004, Bautista & Pereira 2009): finds tight balances.
import { type Graph, reverseGraph, successorClosure, rowSums, dominators } from './graph.ts';
import { dffSelection, martelloTothL2, weight2, weight3 } from './bounds.ts';
import { xorshift } from './prepared.ts';
import { stationsNeeded } from './assignment.ts';

/**
 * Load-enumeration steps per state and side: a station that can hold many tasks has more loads than are worth listing,
 * and the few balances a longer listing adds the exact searches find anyway (figures: docs/solver-notes.md).
 */
const STEP_LIMIT = 250;
/** Candidates kept per level, as a multiple of the beam width, before the bin-packing bounds pick the beam. */
const CANDIDATES = 4;
/** Loads per state and side kept as children (the least idle ones). */
const LOADS = 12;

/**
 * A state is the set of tasks in stations opened at the front of the line and the set in stations opened at its
 * end. Each state grows by one station on the side whose best load leaves less idle time (ties: fewer loads),
 * the beam keeps the `width` states that have left the least idle time, and a state is kept once however it was
 * reached. Width 1 is Hoffmann's heuristic built from both ends. Station-oriented searches from one end fail on
 * lines whose other end is tightly constrained: the idle time the whole line may leave is spent before the
 * constrained stations are reached. It proves nothing when it fails.
 */
/** Side rule (bit 0: least idle / fewest loads) and tie rule (bit 1: among loads as promising, fewer tasks first). */
export type BeamRule = 0 | 1 | 2 | 3;

export class Beam {
  readonly n: number;
  readonly c: number;
  private readonly t: Int32Array;
  /** Per side (0 front, 1 end): the tasks that must come before on that side, after, rank in the side's order, order. */
  private readonly before: number[][][];
  private readonly after: number[][][];
  private readonly rank: Int32Array[];
  private readonly ord: Int32Array[];
  private readonly dom: number[][][];
  private readonly w2: Int32Array;
  private readonly w3: Int32Array;
  private readonly desc: Int32Array;
  private readonly dffW: Int32Array[];
  private readonly dffCap: number[];
  private readonly z: Int32Array[];
  private readonly W: number;

  // expansion scratch: bits is [front words | end words]
  private readonly bits: Uint32Array;
  private readonly assigned: Uint8Array;
  private readonly left: Int32Array[];
  /** Available tasks of the side being enumerated, as ranks, ascending. */
  private readonly avail: Int32Array;
  private availCount = 0;
  /** Scratch for `canFill`, by rank. */
  private readonly potential: Uint8Array;
  private readonly stack: Int32Array;
  private stackLen = 0;
  private readonly scratch: Int32Array;
  private side = 0;
  private remSum = 0;
  private remCount = 0;
  private remW2 = 0;
  private remW3 = 0;
  /** Σ of each dual feasible function's weights over the tasks not in a station. */
  private readonly remD: Float64Array;
  private h1 = 0;
  private h2 = 0;
  private steps = 0;
  private work = 0;
  private stopped = false;
  private stop: () => boolean = () => false;
  /** Loads found for the side being enumerated: [idle, length, tasks...]. */
  private loads: number[] = [];
  private rest = 0;

  /** States expanded over all runs. */
  nodes = 0;

  constructor(g: Graph, c: number, seed = 0x2545f491) {
    const n = g.n;
    this.n = n;
    this.c = c;
    this.t = Int32Array.from(g.t);
    const rg = reverseGraph(g);
    this.before = [g.pred, rg.pred];
    this.after = [g.succ, rg.succ];
    this.rank = [];
    this.ord = [];
    for (const gg of [g, rg]) {
      // the side's order: largest positional weight first (a topological order of that side, since times are > 0)
      const pw = rowSums(successorClosure(gg), n, gg.t).map((s, j) => s + gg.t[j]!);
      const topoPos = new Int32Array(n);
      gg.topo.forEach((j, k) => (topoPos[j] = k));
      const ord = Array.from({ length: n }, (_, j) => j).sort((a, b) => pw[b]! - pw[a]! || topoPos[a]! - topoPos[b]!);
      const rank = new Int32Array(n);
      ord.forEach((j, k) => (rank[j] = k));
      this.ord.push(Int32Array.from(ord));
      this.rank.push(rank);
    }
    this.dom = [dominators(g), dominators(rg)];
    this.w2 = Int32Array.from(this.t, (x) => weight2(x, c));
    this.w3 = Int32Array.from(this.t, (x) => weight3(x, c));
    this.desc = Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => this.t[b]! - this.t[a]!));
    const sel = dffSelection(this.t, c, 4);
    this.dffW = sel.weights;
    this.dffCap = sel.cap;
    const rnd = xorshift(seed);
    // hash keys per task and side
    this.z = [0, 1, 2, 3].map(() => Int32Array.from({ length: n }, rnd));
    this.W = (n + 31) >>> 5;
    this.bits = new Uint32Array(2 * this.W);
    this.assigned = new Uint8Array(n);
    this.left = [new Int32Array(n), new Int32Array(n)];
    this.avail = new Int32Array(n);
    this.potential = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.remD = new Float64Array(this.dffW.length);
  }

  /**
   * Looks for a balance with at most m stations keeping `width` states per level. Rule 0 grows each state on the side
   * whose best load leaves the least idle time (Fleszar & Hindi), rule 1 on the side with fewer loads (fail first,
   * as SALOME's bidirectional branching); they succeed on different lines. Rules 2 and 3 are the same but try,
   * among loads as promising, those with fewer tasks first (BARTHOL2 at c = 118 falls to them at once, MUKHERJE's
   * 20-station balance only to the others). Returns its stations (task numbers
   * of the graph given to the constructor, line order), null when the beam ran empty, or 'stopped'.
   */
  run(m: number, width: number, stop: () => boolean, rule: BeamRule = 0): number[][] | null | 'stopped' {
    const side = rule & 1;
    const fewer = rule >= 2;
    this.stop = stop;
    this.stopped = false;
    const W2 = 2 * this.W;
    const levels: { bits: Uint32Array; idle: Int32Array; parent: Int32Array; size: number }[] = [
      { bits: new Uint32Array(W2), idle: new Int32Array(1), parent: Int32Array.of(-1), size: 1 },
    ];
    for (let k = 0; k < m; k++) {
      const cur = levels[k]!;
      this.rest = m - k - 1;
      const cand = new Candidates(Math.max(64, width * CANDIDATES), W2);
      for (let s = 0; s < cur.size; s++) {
        this.nodes++;
        this.enter(cur.bits, s);
        const slack = (m - k) * this.c - this.remSum;
        if (slack < 0) continue;
        // enumerate both sides, grow the one whose best load leaves less idle (then: fewer loads)
        let bestSide = -1;
        let bestLoads: number[] = [];
        let bestIdle = Infinity;
        for (let d = 0; d < 2; d++) {
          this.enumerate(d, slack);
          if (this.stopped) return 'stopped';
          const ls = this.loads;
          if (ls.length === 0) continue;
          let mi = Infinity;
          let cnt = 0;
          for (let p = 0; p < ls.length; p += 3 + ls[p + 2]!) {
            mi = Math.min(mi, ls[p]!);
            cnt++;
          }
          const bestCnt = bestSide < 0 ? Infinity : countLoads(bestLoads);
          if (side === 0 ? mi < bestIdle || (mi === bestIdle && cnt < bestCnt) : cnt < bestCnt || (cnt === bestCnt && mi < bestIdle)) {
            bestSide = d;
            bestIdle = mi;
            bestLoads = ls;
          }
        }
        if (bestSide < 0) continue;
        // the least idle loads of that side become candidates
        const recs: number[] = [];
        for (let p = 0; p < bestLoads.length; p += 3 + bestLoads[p + 2]!) recs.push(p);
        recs.sort((a, b) => bestLoads[a]! - bestLoads[b]! || (fewer ? bestLoads[a + 2]! - bestLoads[b + 2]! : 0) || a - b);
        const off = bestSide * this.W;
        for (let r = 0; r < recs.length && r < LOADS; r++) {
          const p = recs[r]!;
          const len = bestLoads[p + 2]!;
          let h1 = this.h1;
          let h2 = this.h2;
          let cntLeft = this.remCount;
          for (let q = 0; q < len; q++) {
            const j = bestLoads[p + 3 + q]!;
            this.bits[off + (j >>> 5)]! |= 1 << (j & 31);
            h1 ^= this.z[2 * bestSide]![j]!;
            h2 ^= this.z[2 * bestSide + 1]![j]!;
            cntLeft--;
          }
          if (cntLeft === 0) {
            // complete: unwind the levels into line order
            const front: number[][] = [];
            const end: number[][] = [];
            this.unwind(levels, k, s, front, end);
            const last: number[] = [];
            for (let q = 0; q < len; q++) last.push(bestLoads[p + 3 + q]!);
            (bestSide === 0 ? front : end).push(last);
            return [...front, ...end.reverse().map((st) => st.reverse())];
          }
          cand.offer(h1, h2, this.bits, bestLoads[p]!, cur.idle[s]! + bestLoads[p + 1]!, s);
          for (let q = 0; q < len; q++) {
            const j = bestLoads[p + 3 + q]!;
            this.bits[off + (j >>> 5)]! &= ~(1 << (j & 31));
          }
        }
      }
      const order = cand.sorted();
      const size = Math.min(width, order.length);
      const next = { bits: new Uint32Array(size * W2), idle: new Int32Array(size), parent: new Int32Array(size), size: 0 };
      for (const ci of order) {
        if (next.size >= width) break;
        if (this.binPacking(cand.bits, ci) > this.rest) continue;
        next.bits.set(cand.bits.subarray(ci * W2, ci * W2 + W2), next.size * W2);
        next.idle[next.size] = cand.idle[ci]!;
        next.parent[next.size] = cand.parent[ci]!;
        next.size++;
      }
      if (next.size === 0) return null;
      levels.push(next);
    }
    return null;
  }

  /** The stations on the path to state `s` of level `k`, front ones in line order, end ones from the end. */
  private unwind(levels: { bits: Uint32Array; parent: Int32Array }[], k: number, s: number, front: number[][], end: number[][]): void {
    const W2 = 2 * this.W;
    const path: [number[], number][] = [];
    for (let q = k, id = s; q > 0; q--) {
      const lv = levels[q]!;
      const pid = lv.parent[id]!;
      const pb = levels[q - 1]!.bits;
      const st: number[] = [];
      let side = 0;
      for (let d = 0; d < 2; d++)
        for (let j = 0; j < this.n; j++) {
          const w = d * this.W + (j >>> 5);
          const bit = 1 << (j & 31);
          if ((lv.bits[id * W2 + w]! & bit) !== 0 && (pb[pid * W2 + w]! & bit) === 0) {
            st.push(j);
            side = d;
          }
        }
      path.push([st, side]);
      id = pid;
    }
    path.reverse();
    for (const [st, side] of path) {
      if (side === 0) front.push(this.lineOrder(st, 0));
      else end.push(this.lineOrder(st, 1));
    }
  }

  /** A station's tasks in an order its side allows (the caller reverses end stations into line order). */
  private lineOrder(st: number[], side: number): number[] {
    return st.sort((a, b) => this.rank[side]![a]! - this.rank[side]![b]!);
  }

  /** Loads state `s` of a level into the scratch arrays. */
  private enter(pool: Uint32Array, s: number): void {
    const W = this.W;
    const base = s * 2 * W;
    for (let w = 0; w < 2 * W; w++) this.bits[w] = pool[base + w]!;
    let sum = 0;
    let cnt = 0;
    let w2 = 0;
    let w3 = 0;
    let h1 = 0;
    let h2 = 0;
    for (let j = 0; j < this.n; j++) {
      const f = (this.bits[j >>> 5]! >>> (j & 31)) & 1;
      const e = (this.bits[W + (j >>> 5)]! >>> (j & 31)) & 1;
      this.assigned[j] = f | e;
      if (f) {
        h1 ^= this.z[0]![j]!;
        h2 ^= this.z[1]![j]!;
      } else if (e) {
        h1 ^= this.z[2]![j]!;
        h2 ^= this.z[3]![j]!;
      } else {
        sum += this.t[j]!;
        w2 += this.w2[j]!;
        w3 += this.w3[j]!;
        cnt++;
      }
    }
    this.remSum = sum;
    this.remCount = cnt;
    this.remW2 = w2;
    this.remW3 = w3;
    for (let f = 0; f < this.dffW.length; f++) {
      const w = this.dffW[f]!;
      let x = 0;
      for (let j = 0; j < this.n; j++) if (!this.assigned[j]) x += w[j]!;
      this.remD[f] = x;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Lists the maximal loads of a new station on side d whose idle time fits in `slack` (into `this.loads`). */
  private enumerate(d: number, slack: number): void {
    this.loads = [];
    this.side = d;
    const left = this.left[d]!;
    const before = this.before[d]!;
    const rank = this.rank[d]!;
    this.availCount = 0;
    for (let j = 0; j < this.n; j++) {
      if (this.assigned[j]) {
        left[j] = 1 << 20; // never available again
        continue;
      }
      let l = 0;
      for (const p of before[j]!) if (!this.assigned[p]) l++;
      // a task whose predecessor (on this side) sits at the other end can never join this side
      let blocked = false;
      for (const p of before[j]!) if (this.assigned[p] && ((this.bits[(1 - d) * this.W + (p >>> 5)]! >>> (p & 31)) & 1) === 1) blocked = true;
      left[j] = blocked ? 1 << 20 : l;
      if (l === 0 && !blocked) this.avail[this.availCount++] = rank[j]!;
    }
    this.avail.subarray(0, this.availCount).sort();
    this.stackLen = 0;
    this.steps = 0;
    this.load(-1, this.c, slack);
  }

  private insertAvail(r: number): void {
    let p = this.availCount++;
    const a = this.avail;
    while (p > 0 && a[p - 1]! > r) {
      a[p] = a[p - 1]!;
      p--;
    }
    a[p] = r;
  }

  private removeAvail(r: number): void {
    const a = this.avail;
    let p = 0;
    while (a[p] !== r) p++;
    const end = --this.availCount;
    for (; p < end; p++) a[p] = a[p + 1]!;
  }

  private load(lastRank: number, cap: number, slack: number): boolean {
    if ((++this.work & 4095) === 0 && this.stop()) this.stopped = true;
    if (this.stopped || ++this.steps > STEP_LIMIT) return true;
    const d = this.side;
    const ord = this.ord[d]!;
    const rank = this.rank[d]!;
    const after = this.after[d]!;
    const left = this.left[d]!;
    if (cap > slack && !this.canFill(lastRank, cap - slack)) return false;
    let any = false;
    let r = lastRank;
    for (;;) {
      let nr = -1;
      for (let p = 0; p < this.availCount; p++) {
        if (this.avail[p]! > r) {
          nr = this.avail[p]!;
          break;
        }
      }
      if (nr < 0) break;
      r = nr;
      const j = ord[r]!;
      const tj = this.t[j]!;
      if (tj > cap) continue;
      any = true;
      // include j
      this.assigned[j] = 1;
      this.removeAvail(r);
      this.stack[this.stackLen++] = j;
      this.remSum -= tj;
      this.remW2 -= this.w2[j]!;
      this.remW3 -= this.w3[j]!;
      for (let f = 0; f < this.remD.length; f++) this.remD[f]! -= this.dffW[f]![j]!;
      for (const s of after[j]!) if (--left[s]! === 0) this.insertAvail(rank[s]!);
      const stop = this.load(r, cap - tj, slack);
      // exclude j
      for (const s of after[j]!) if (left[s]!++ === 0) this.removeAvail(rank[s]!);
      this.remSum += tj;
      this.remW2 += this.w2[j]!;
      this.remW3 += this.w3[j]!;
      for (let f = 0; f < this.remD.length; f++) this.remD[f]! += this.dffW[f]![j]!;
      this.stackLen--;
      this.insertAvail(r);
      this.assigned[j] = 0;
      if (stop) return true;
    }
    if (any || cap > slack) return false;
    for (let p = 0; p < this.availCount; p++) if (this.t[ord[this.avail[p]!]!]! <= cap) return false;
    // Jackson: a free task of this side that could replace one in the load with a superset of its successors
    const dom = this.dom[d]!;
    for (let q = 0; q < this.stackLen; q++) {
      const x = this.stack[q]!;
      const tx = this.t[x]!;
      for (const i of dom[x]!) if (!this.assigned[i] && left[i] === 0 && this.t[i]! - tx <= cap) return false;
    }
    const rest = this.rest;
    if (this.remCount > this.stackLen && stationsNeeded(this.remSum, this.remW2, this.remW3, this.c) > rest) return false;
    // what is left needs this many stations by the fractional bin-packing bounds: lower is better (leaving the
    // long tasks for last strands them even when the idle time so far is small)
    let need = this.remSum / this.c;
    for (let f = 0; f < this.remD.length; f++) need = Math.max(need, this.remD[f]! / this.dffCap[f]!);
    this.loads.push(need, cap, this.stackLen);
    for (let q = 0; q < this.stackLen; q++) this.loads.push(this.stack[q]!);
    return false;
  }

  /** Whether the tasks of this side ranked above `lastRank` that could still join the station add up to `need`. */
  private canFill(lastRank: number, need: number): boolean {
    const d = this.side;
    const ord = this.ord[d]!;
    const rank = this.rank[d]!;
    const before = this.before[d]!;
    const left = this.left[d]!;
    const pot = this.potential;
    let sum = 0;
    for (let r = lastRank + 1; r < this.n; r++) {
      pot[r] = 0;
      const k = ord[r]!;
      if (this.assigned[k] || left[k]! >= 1 << 19) continue; // blocked by the other side
      let free = true;
      for (const q of before[k]!)
        if (!this.assigned[q] && (rank[q]! <= lastRank || pot[rank[q]!] === 0)) {
          free = false;
          break;
        }
      if (!free) continue;
      pot[r] = 1;
      sum += this.t[k]!;
      if (sum >= need) return true;
    }
    return false;
  }

  /** Martello-Toth L2 and the dual feasible functions on the tasks not yet in a station of candidate `ci`. */
  private binPacking(pool: Uint32Array, ci: number): number {
    const W = this.W;
    const base = ci * 2 * W;
    const free = (j: number) => ((pool[base + (j >>> 5)]! | pool[base + W + (j >>> 5)]!) & (1 << (j & 31))) === 0;
    let len = 0;
    for (let k = 0; k < this.n; k++) {
      const j = this.desc[k]!;
      if (free(j)) this.scratch[len++] = this.t[j]!;
    }
    let bp = martelloTothL2(this.scratch, len, this.c);
    for (let f = 0; f < this.dffW.length; f++) {
      const w = this.dffW[f]!;
      let s = 0;
      for (let j = 0; j < this.n; j++) if (free(j)) s += w[j]!;
      const v = Math.ceil(s / this.dffCap[f]! - 1e-9);
      if (v > bp) bp = v;
    }
    return bp;
  }
}

const countLoads = (ls: number[]): number => {
  let cnt = 0;
  for (let p = 0; p < ls.length; p += 3 + ls[p + 2]!) cnt++;
  return cnt;
};

/** The best `cap` distinct states offered for one level (a max-heap on the idle time evicts the worst). */
class Candidates {
  readonly bits: Uint32Array;
  readonly idle: Int32Array;
  readonly parent: Int32Array;
  private readonly key: Float64Array;
  private readonly hash: Float64Array;
  private readonly heap: Int32Array;
  private size = 0;
  private seq = 0;
  private readonly seen = new Map<number, number>();

  constructor(
    private readonly cap: number,
    private readonly W: number,
  ) {
    this.bits = new Uint32Array(cap * W);
    this.idle = new Int32Array(cap);
    this.parent = new Int32Array(cap);
    this.key = new Float64Array(cap);
    this.hash = new Float64Array(cap);
    this.heap = new Int32Array(cap);
  }

  offer(h1: number, h2: number, bits: Uint32Array, need: number, idle: number, parent: number): void {
    // 53 bits of the two 32-bit hashes: a collision can only drop a state from a heuristic beam
    const h = (h1 & 0x1fffff) * 4294967296 + (h2 >>> 0);
    if (this.seen.has(h)) return;
    // ties keep the earlier offer (the better load of the better parent)
    const key = need + this.seq++ * 1e-12;
    let slot: number;
    if (this.size < this.cap) {
      slot = this.size;
      this.key[slot] = key;
      this.heap[this.size++] = slot;
      this.siftUp(this.size - 1);
    } else {
      slot = this.heap[0]!;
      if (key >= this.key[slot]!) return;
      this.seen.delete(this.hash[slot]!);
      this.key[slot] = key;
      this.siftDown(0);
    }
    this.hash[slot] = h;
    this.idle[slot] = idle;
    this.parent[slot] = parent;
    this.bits.set(bits, slot * this.W);
    this.seen.set(h, slot);
  }

  private siftUp(i: number): void {
    const slot = this.heap[i]!;
    const key = this.key[slot]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key[this.heap[p]!]! >= key) break;
      this.heap[i] = this.heap[p]!;
      i = p;
    }
    this.heap[i] = slot;
  }

  private siftDown(i: number): void {
    const n = this.size;
    const slot = this.heap[i]!;
    const key = this.key[slot]!;
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= n) break;
      if (ch + 1 < n && this.key[this.heap[ch + 1]!]! > this.key[this.heap[ch]!]!) ch++;
      if (this.key[this.heap[ch]!]! <= key) break;
      this.heap[i] = this.heap[ch]!;
      i = ch;
    }
    this.heap[i] = slot;
  }

  /** Slots, best (smallest key) first. */
  sorted(): number[] {
    const out = Array.from(this.heap.subarray(0, this.size));
    return out.sort((a, b) => this.key[a]! - this.key[b]!);
  }
}
