// The partial assignment both exact searches extend task by task: assigned set, available tasks, tallies of what is left.
import type { PreparedTasks } from './prepared.ts';
import { TaskSet } from './task-set.ts';

/**
 * Stations the unassigned tasks need at least, precedence relaxed: their time over the cycle (LB1) and the bounds
 * by the weights 2 and 3 of `bounds.ts`. Exact division of integers, so no epsilon: a quotient that is a whole
 * number comes out whole, and one that rounds down to it gives a weaker bound, never a wrong one.
 */
export function stationsNeeded(sum: number, w2: number, w3: number, c: number): number {
  let lb = Math.ceil(sum / c);
  const b2 = (w2 + 1) >> 1;
  if (b2 > lb) lb = b2;
  const b3 = Math.ceil(w3 / 6);
  if (b3 > lb) lb = b3;
  return lb;
}

/**
 * One search's current set of assigned tasks, kept up to date as `include` and `exclude` walk a load, so that no
 * step recounts what is left. Both exact searches use one each (over the tasks of `prepareTasks`, numbered
 * topologically): the depth-first search walks it from the empty set, the best-first search sets it to a stored
 * state before each expansion.
 */
export class PartialAssignment {
  /** 1 for an assigned task. */
  readonly inS: Uint8Array;
  /** The assigned set as a bitset: the key the searches store states under. */
  readonly bits: Uint32Array;
  /** Unassigned predecessors of each unassigned task. */
  readonly predLeft: Int32Array;
  /** Unassigned tasks whose predecessors are all assigned. */
  readonly avail: TaskSet;
  /** Time, bin-packing weights and count of the unassigned tasks. */
  remSum = 0;
  remW2 = 0;
  remW3 = 0;
  remCount = 0;
  /** Zobrist hash of `bits` in two 32-bit halves (equal sets hash alike however they were reached). */
  h1 = 0;
  h2 = 0;
  private readonly t: Int32Array;
  private readonly succ: Int32Array[];
  private readonly pred: Int32Array[];
  private readonly w2: Int32Array;
  private readonly w3: Int32Array;
  private readonly z1: Int32Array;
  private readonly z2: Int32Array;
  private readonly n: number;
  private readonly total: number;
  private readonly totalW2: number;
  private readonly totalW3: number;

  constructor(p: PreparedTasks) {
    this.n = p.t.length;
    this.t = p.t;
    this.succ = p.succ;
    this.pred = p.pred;
    this.w2 = p.w2;
    this.w3 = p.w3;
    this.z1 = p.z1;
    this.z2 = p.z2;
    this.total = p.total;
    this.totalW2 = p.w2.reduce((a, b) => a + b, 0);
    this.totalW3 = p.w3.reduce((a, b) => a + b, 0);
    this.inS = new Uint8Array(this.n);
    this.bits = new Uint32Array(p.W);
    this.predLeft = new Int32Array(this.n);
    this.avail = new TaskSet(this.n);
    this.clear();
  }

  /** Nothing assigned. */
  clear(): void {
    this.inS.fill(0);
    this.bits.fill(0);
    this.avail.clear();
    for (let j = 0; j < this.n; j++) {
      const left = this.pred[j]!.length;
      this.predLeft[j] = left;
      if (left === 0) this.avail.add(j);
    }
    this.remSum = this.total;
    this.remW2 = this.totalW2;
    this.remW3 = this.totalW3;
    this.remCount = this.n;
    this.h1 = 0;
    this.h2 = 0;
  }

  /** The set stored as the bitset at `pool[base…]`, whose hash the caller kept beside it. */
  set(pool: Uint32Array, base: number, h1: number, h2: number): void {
    const bits = this.bits;
    for (let w = 0; w < bits.length; w++) bits[w] = pool[base + w]!;
    this.h1 = h1;
    this.h2 = h2;
    let sum = 0;
    let w2 = 0;
    let w3 = 0;
    let cnt = 0;
    this.avail.clear();
    for (let j = 0; j < this.n; j++) {
      const inS = (bits[j >>> 5]! >>> (j & 31)) & 1;
      this.inS[j] = inS;
      if (inS) continue;
      sum += this.t[j]!;
      w2 += this.w2[j]!;
      w3 += this.w3[j]!;
      cnt++;
      // predecessors have lower numbers, so their inS is already set
      let left = 0;
      for (const p of this.pred[j]!) if (this.inS[p] === 0) left++;
      this.predLeft[j] = left;
      if (left === 0) this.avail.add(j);
    }
    this.remSum = sum;
    this.remW2 = w2;
    this.remW3 = w3;
    this.remCount = cnt;
  }

  include(j: number): void {
    this.inS[j] = 1;
    this.bits[j >>> 5]! |= 1 << (j & 31);
    this.avail.delete(j);
    this.remSum -= this.t[j]!;
    this.remW2 -= this.w2[j]!;
    this.remW3 -= this.w3[j]!;
    this.remCount--;
    this.h1 ^= this.z1[j]!;
    this.h2 ^= this.z2[j]!;
    for (const s of this.succ[j]!) if (--this.predLeft[s]! === 0) this.avail.add(s);
  }

  /** Undoes `include(j)`; calls must nest (the last task included goes first). */
  exclude(j: number): void {
    for (const s of this.succ[j]!) if (this.predLeft[s]!++ === 0) this.avail.delete(s);
    this.inS[j] = 0;
    this.bits[j >>> 5]! &= ~(1 << (j & 31));
    this.avail.add(j);
    this.remSum += this.t[j]!;
    this.remW2 += this.w2[j]!;
    this.remW3 += this.w3[j]!;
    this.remCount++;
    this.h1 ^= this.z1[j]!;
    this.h2 ^= this.z2[j]!;
  }

  /** `stationsNeeded` for the unassigned tasks. */
  bound(c: number): number {
    return stationsNeeded(this.remSum, this.remW2, this.remW3, c);
  }
}
