// Exact bin packing of the remaining task times (precedence ignored) as a lower bound for the station searches, after
// BB&R's use of a bin-packing solver (Sewell & Jacobson 2012) and Korf's bin completion (2003).
import { martelloTothL2, dffSelection } from './bounds.ts';

/**
 * Work (bin completions looked at) a call from a search state may spend before it gives up without an answer: it
 * starts small, doubles after each call that beat the cheap bounds and halves after each give-up, within these limits.
 */
const FIRST_STEPS = 4096;
const MIN_STEPS = 2048;
const MAX_STEPS = 1 << 18;
/**
 * The limit only grows while at least 1 call in GROW_RATE beats the cheap bounds: where most calls gain, the proof
 * needs long ones; where few do, long calls only eat the search's time.
 */
const GROW_RATE = 4;
/** The bound switches itself off for this cycle time after this many give-ups per call that beat the cheap bounds… */
const GIVE_UPS_PER_GAIN = 20;
/** …or after FIRST_TRIAL calls none of which beat them, or TRIAL_CALLS of which fewer than 1 in GAIN_RATE did. */
const FIRST_TRIAL = 100;
/**
 * …or once the calls from search states have done this much work (completions times distinct times) with no gain:
 * on lines with many distinct times a hundred calls can take a third of a solve, and where the bound gains at all,
 * its first gain came well within this.
 */
const TRIAL_WORK = 2_000_000;
const TRIAL_CALLS = 2000;
const GAIN_RATE = 100;
/** Pairs of a completion are checked for dominance only with at most this many distinct times. */
const PAIR_CHECK_SIZES = 64;
/** Multisets remembered at most, and characters of their keys at most (about 2 bytes each): ~40 MB in all. */
const MAX_MEMO = 1 << 20;
const MAX_MEMO_CHARS = 1 << 24;
/**
 * Dual feasible functions (those strongest on the whole line) that bound each multiset not yet remembered, where
 * L2 and first-fit leave a gap; all of them cut no more multisets than these.
 */
const DFF_FUNCTIONS = 16;

/**
 * The fewest bins of capacity c that hold a multiset of the task times. Multisets are keyed by how many items of each
 * distinct time they hold, so two task sets with the same times share one answer: on lines with many equal times
 * (WEE-MAG: 60 of its 75 tasks take 20-27) the station searches ask about few distinct multisets. Every answer is
 * exact for its multiset (only local bounds prune), so it is remembered for the rest of the search.
 */
export class BinPacking {
  /** Distinct times, longest first. */
  private readonly size: Int32Array;
  /** Index into `size` of each task. */
  readonly sizeOf: Int32Array;
  private readonly memo = new Map<string | number, number>();
  /** Place values of a mixed-radix number of the counts (each up to its count over all tasks), when it fits a double. */
  private readonly radix: Float64Array | undefined;
  private memoChars = 0;
  private steps = 0;
  private maxSteps = 0;
  private stop: (() => boolean) | undefined;
  private aborted = false;
  private giveUps = 0;
  /** Work of the calls from search states, in completions times distinct times (each completion costs about that). */
  private spent = 0;
  /** Calls answered, and how many of them beat the cheap bounds' value given by the caller. */
  calls = 0;
  gains = 0;
  private readonly items: Int32Array;
  private readonly bins: Int32Array;
  /** Items of each size in the completion being built. */
  private readonly taken: Int32Array;
  /** `taken` of the bins being built further up, and how many there are. */
  private savedTaken = new Int32Array(0);
  private depth = 0;

  constructor(
    t: ArrayLike<number>,
    private readonly c: number,
  ) {
    const distinct = [...new Set(Array.from(t))].sort((a, b) => b - a);
    this.size = Int32Array.from(distinct);
    const idx = new Map(distinct.map((v, i) => [v, i]));
    this.sizeOf = Int32Array.from(Array.from(t), (v) => idx.get(v)!);
    this.items = new Int32Array(t.length);
    this.bins = new Int32Array(t.length);
    this.taken = new Int32Array(distinct.length);
    const most = new Int32Array(distinct.length);
    for (const i of this.sizeOf) most[i]!++;
    let place = 1;
    const radix = new Float64Array(distinct.length);
    for (let i = 0; i < distinct.length; i++) {
      radix[i] = place;
      place *= most[i]! + 1;
    }
    this.radix = place <= Number.MAX_SAFE_INTEGER ? radix : undefined;
    // the dual feasible functions that give the most on the whole line, as weights per distinct time
    const sel = dffSelection(t, c, DFF_FUNCTIONS);
    const D = distinct.length;
    this.dffCap = sel.cap;
    this.dffW = new Int32Array(sel.cap.length * D);
    sel.weights.forEach((wf, f) => wf.forEach((x, j) => (this.dffW[f * D + this.sizeOf[j]!] = x)));
  }
  /** Weights of the dual feasible functions, per function and distinct time, and each one's bin capacity. */
  private readonly dffW: Int32Array;
  private readonly dffCap: number[];

  get enabled(): boolean {
    if (this.gains === 0 && this.spent > TRIAL_WORK) return false;
    if (this.giveUps >= GIVE_UPS_PER_GAIN * (this.gains + 1)) return false;
    if (this.gains === 0) return this.calls < FIRST_TRIAL;
    return this.calls < TRIAL_CALLS || this.gains * GAIN_RATE >= this.calls;
  }

  /**
   * Whether task times repeat enough (at most half of them distinct) for the memory to pay off; elsewhere a long
   * search for the whole line seldom ends (ARC111: 71 distinct times of 111).
   */
  get repeats(): boolean {
    return this.size.length * 2 <= this.sizeOf.length;
  }

  /** A fresh count vector for this instance's distinct times. */
  counts(): Int32Array {
    return new Int32Array(this.size.length);
  }

  /**
   * Fewest bins for the items counted in `counts` (which is left unchanged), or −1 when the call ran out of work
   * (`maxSteps` completions, or `stop` said so; it is asked every 1024 completions). `known` is a bound the caller
   * already has: a result above it counts as a gain. With `enough`, the caller only asks whether more than `enough`
   * bins are needed: the search stops at the first packing into `enough` bins, and the answer is then `known`.
   */
  solve(counts: Int32Array, known: number, maxSteps: number, stop?: () => boolean, enough = 0): number {
    if (!this.enabled) return -1;
    const z = this.run(counts, maxSteps, stop, enough);
    if (z < 0) {
      // a call the caller stopped (its turn ended) says nothing about the bound's worth: only running out of work
      // counts as a give-up, so the bound's life does not depend on where the clock cut the calls
      if (this.steps <= this.maxSteps) return -1;
      this.giveUps++;
      this.stateSteps = Math.max(MIN_STEPS, this.stateSteps >> 1);
      return -1;
    }
    this.calls++;
    if (z <= enough) return Math.min(z, known);
    if (z > known) {
      this.gains++;
      if (this.gains * GROW_RATE >= this.calls) this.stateSteps = Math.min(MAX_STEPS, this.stateSteps * 2);
    }
    return z;
  }

  private run(counts: Int32Array, maxSteps: number, stop: (() => boolean) | undefined, enough: number): number {
    this.steps = 0;
    this.maxSteps = maxSteps;
    this.stop = stop;
    this.aborted = false;
    this.depth = 0;
    const z = this.min(counts, enough);
    return this.aborted ? -1 : z;
  }

  /** `solve` for a search state, with the adaptive work limit. */
  solveState(counts: Int32Array, known: number, stop: () => boolean, enough: number): number {
    if (!this.enabled) return -1;
    const z = this.solve(counts, known, this.stateSteps, stop, enough);
    this.spent += this.steps * this.size.length;
    return z;
  }

  private stateSteps = FIRST_STEPS;

  /** The bound of the dual feasible functions chosen for this line (`dffSelection`) on the items in `counts`. */
  private dffBound(counts: Int32Array): number {
    const D = this.size.length;
    const w = this.dffW;
    let best = 0;
    for (let f = 0, base = 0; f < this.dffCap.length; f++, base += D) {
      let s = 0;
      for (let i = 0; i < D; i++) s += counts[i]! * w[base + i]!;
      const v = Math.ceil(s / this.dffCap[f]! - 1e-9);
      if (v > best) best = v;
    }
    return best;
  }

  private key(counts: Int32Array): string | number {
    const r = this.radix;
    if (r) {
      let k = 0;
      for (let i = 0; i < r.length; i++) k += counts[i]! * r[i]!;
      return k;
    }
    // apply reads the typed array by index; spreading it goes through its iterator (5 times slower)
    return String.fromCharCode.apply(null, counts as unknown as number[]);
  }

  /**
   * Fewest bins for `counts`; with `enough`, it may instead return any count ≤ enough as soon as it finds such a
   * packing (the caller only asks whether more than `enough` bins are needed). Only exact answers are remembered.
   */
  private min(counts: Int32Array, enough = 0): number {
    const D = this.size.length;
    let first = 0;
    while (first < D && counts[first] === 0) first++;
    if (first === D) return 0;
    const key = this.key(counts);
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    let sum = 0;
    let len = 0;
    for (let i = first; i < D; i++) {
      const k = counts[i]!;
      sum += k * this.size[i]!;
      for (let q = 0; q < k; q++) this.items[len++] = this.size[i]!;
    }
    let lb = Math.max(Math.ceil(sum / this.c - 1e-9), martelloTothL2(this.items, len, this.c));
    let ub = this.firstFit(len);
    if (lb < ub) lb = Math.max(lb, this.dffBound(counts));
    if (ub <= enough && lb < ub) return ub;
    if (lb < ub) {
      // the bin of the longest item, completed in every maximal way (fuller first); some bin holds it in any packing,
      // and items moved into it from other bins never cost a bin
      const target = Math.max(lb, enough);
      counts[first]!--;
      ub = Math.min(ub, 1 + this.complete(counts, first, this.c - this.size[first]!, target - 1, ub - 1, sum - this.c));
      counts[first]!++;
      if (this.aborted) return ub;
      if (ub > lb && ub <= enough) return ub; // stopped at a good enough packing: not proven the fewest
    }
    if (this.memo.size < MAX_MEMO && this.memoChars < MAX_MEMO_CHARS) {
      this.memo.set(key, ub);
      this.memoChars += typeof key === 'number' ? 4 : key.length;
    }
    return ub;
  }

  /**
   * Fills the open bin (room `room`) with items of size index ≥ i; returns the fewest bins the rest needs over all
   * maximal completions, stopping at `lb` (it cannot do better) and never above `best` (what is known already).
   */
  private complete(counts: Int32Array, i: number, room: number, lb: number, best: number, rest: number): number {
    const D = this.size.length;
    while (i < D && (counts[i] === 0 || this.size[i]! > room)) i++;
    if (i >= D) {
      if (++this.steps > this.maxSteps || ((this.steps & 1023) === 0 && this.stop?.())) {
        this.aborted = true;
        return best;
      }
      // the rest (its time is `rest` + room) needs as many bins as the best known: no gain
      if (Math.ceil((rest + room) / this.c - 1e-9) >= best) return best;
      // maximal: no item left fits
      for (let j = 0; j < D; j++) if (counts[j]! > 0 && this.size[j]! <= room) return best;
      if (this.dominated(counts, room)) return best;
      // the next bins are built on a clean record of what this one took (saved on a stack, one row per bin deep)
      const off = this.depth * D;
      if (this.savedTaken.length < off + D) {
        const grown = new Int32Array(2 * (off + D));
        grown.set(this.savedTaken);
        this.savedTaken = grown;
      }
      for (let j = 0; j < D; j++) this.savedTaken[off + j] = this.taken[j]!;
      this.taken.fill(0);
      this.depth++;
      const z = this.min(counts);
      this.depth--;
      for (let j = 0; j < D; j++) this.taken[j] = this.savedTaken[off + j]!;
      return Math.min(best, z);
    }
    const v = this.size[i]!;
    const most = Math.min(counts[i]!, Math.floor(room / v));
    for (let k = most; k >= 0 && best > lb && !this.aborted; k--) {
      counts[i]! -= k;
      this.taken[i] = k;
      best = this.complete(counts, i + 1, room - k * v, lb, best, rest);
      this.taken[i] = 0;
      counts[i]! += k;
    }
    return best;
  }

  /**
   * Whether a completion (items `taken`, `room` left) is dominated (Martello & Toth 1990): an item left out could
   * replace one item, or two, of the completion and fill the bin at least as well, so the packings that follow the
   * other completion are at least as good.
   */
  private dominated(counts: Int32Array, room: number): boolean {
    const D = this.size.length;
    const z = this.size;
    for (let b = 0; b < D; b++) {
      if (this.taken[b] === 0) continue;
      for (let a = 0; a < b; a++) if (counts[a]! > 0 && z[a]! - z[b]! <= room) return true;
      if (D > PAIR_CHECK_SIZES) continue;
      for (let b2 = b; b2 < D; b2++) {
        if (this.taken[b2] === 0 || (b2 === b && this.taken[b]! < 2)) continue;
        const pair = z[b]! + z[b2]!;
        for (let a = 0; a < b; a++) if (counts[a]! > 0 && z[a]! >= pair && z[a]! <= pair + room) return true;
      }
    }
    return false;
  }

  /** First-fit decreasing on `items[0..len)` (already in decreasing order). */
  private firstFit(len: number): number {
    let nb = 0;
    for (let q = 0; q < len; q++) {
      const v = this.items[q]!;
      let b = 0;
      while (b < nb && this.bins[b]! < v) b++;
      if (b === nb) this.bins[nb++] = this.c;
      this.bins[b]! -= v;
    }
    return nb;
  }
}

/**
 * The bin-packing bound as one search sees it: its own task numbering, and the states it asks about as bitsets of
 * assigned tasks.
 */
export class StatePacking {
  private readonly size: Int32Array;
  private readonly counts: Int32Array;

  /** `orig[j]`: the task number (in the times given to `bp`) of the search's task j. */
  constructor(
    private readonly bp: BinPacking,
    orig: Int32Array,
  ) {
    this.size = Int32Array.from(orig, (o) => bp.sizeOf[o]!);
    this.counts = bp.counts();
  }

  get enabled(): boolean {
    return this.bp.enabled;
  }

  /**
   * Bins the tasks not set in `bits` (from word `base` on) need, as `BinPacking.solveState`: −1 when unknown, at
   * most `known` when it is `enough` or fewer.
   */
  solve(bits: Uint32Array, base: number, known: number, stop: () => boolean, enough: number): number {
    const cnt = this.counts;
    cnt.fill(0);
    for (let j = 0; j < this.size.length; j++) if ((bits[base + (j >>> 5)]! & (1 << (j & 31))) === 0) cnt[this.size[j]!]!++;
    return this.bp.solveState(cnt, known, stop, enough);
  }
}
