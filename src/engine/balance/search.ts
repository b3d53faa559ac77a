// The exact station-oriented search "branch, bound and remember" (Sewell & Jacobson 2012; Morrison, Sewell & Jacobson 2014): is there a balance with at most m stations?
import type { Graph } from './graph.ts';
import { prepareTasks } from './prepared.ts';
import { martelloTothL2 } from './bounds.ts';
import { FillScratch, SumReach, canFill, dominatedLoad } from './task-set.ts';
import { PartialAssignment } from './assignment.ts';
import { type BinPacking, StatePacking } from './bin-packing.ts';

/** Enumeration steps after which a station's loads are tried as enumerated instead of collected and sorted. */
const COLLECT_LIMIT = 4000;
export type SearchOutcome = 'found' | 'infeasible' | 'budget' | 'stopped';

/**
 * One search direction for one cycle time. Tasks are renumbered along a topological order that follows the
 * positional-weight rule, so that (a) each station load is enumerated exactly once by adding tasks in increasing
 * number, and (b) the first load tried is the one the priority rule would build.
 *
 * The memory holds states (sets of tasks in closed stations) proven to have no completion within the target when
 * reached with k stations. That fact stays true for any smaller target, so it survives restarts and the descent of
 * the target; states on the path of a found balance are never stored.
 */
export class StationSearch {
  readonly n: number;
  readonly c: number;
  private readonly t: Int32Array;
  private readonly succ: Int32Array[];
  private readonly pred: Int32Array[];
  /** head[j] = ⌈(t_j + Σ t of all successors)/c⌉: stations needed from j's station on, inclusive. */
  private readonly head: Int32Array;
  /** Jackson dominators of each task (internal numbers). */
  private readonly dom: Int32Array[];
  private readonly byHead: Int32Array[];
  /** internal index → task number in the graph given to the constructor */
  readonly orig: Int32Array;
  private readonly desc: Int32Array; // internal indices by time, longest first (for the bin-packing bound)
  /** Dual feasible functions (Fekete & Schepers) as weights per task, with the station capacity in their units. */
  private readonly dffW: Int32Array[];
  private readonly dffCap: number[];

  // search state
  private readonly a: PartialAssignment;
  private readonly stationOf: Int32Array;
  private readonly fill: FillScratch;
  private readonly reach: SumReach[] = [];
  private m = 0;
  private readonly scratch: Int32Array;
  private readonly stack: Int32Array;
  private stackLen = 0;
  private collecting = false;
  private collectSteps = 0;
  /** Loads collected per open station, as records [idle, length, tasks...], one region per level of the path. */
  private readonly buf: number[] = [];

  private readonly memo: StateTable;
  nodes = 0;
  private work = 0;
  private budgetEnd = 0;
  private outcome: SearchOutcome = 'infeasible';
  private stop: () => boolean = () => false;
  solution: number[][] | null = null;

  /** endIdle[q]: least idle time the last q stations of this direction leave in any balance (index capped). */
  private readonly endIdle: number[];

  /** Exact bin packing of the unassigned task times (shared with the other searches at this cycle), if given. */
  private readonly bpp: StatePacking | undefined;

  constructor(g: Graph, c: number, seed = 0x9e3779b9, endIdle: number[] = [0], bpp?: BinPacking) {
    const n = g.n;
    this.endIdle = endIdle;
    this.n = n;
    this.c = c;
    const p = prepareTasks(g, c, seed);
    this.orig = p.orig;
    this.t = p.t;
    this.succ = p.succ;
    this.pred = p.pred;
    this.head = p.head;
    this.dom = p.dom;
    this.byHead = p.byHead;
    this.desc = p.desc;
    this.dffW = p.dffW;
    this.dffCap = p.dffCap;
    this.a = new PartialAssignment(p);
    this.stationOf = new Int32Array(n);
    this.fill = new FillScratch(n);
    this.scratch = new Int32Array(n);
    this.stack = new Int32Array(n);
    this.memo = new StateTable(p.W);
    this.bpp = bpp && new StatePacking(bpp, this.orig);
  }

  /** Searches for a balance with at most m stations, expanding at most `budget` station nodes. */
  run(m: number, budget: number, stop: () => boolean): SearchOutcome {
    this.a.clear();
    this.m = m;
    this.solution = null;
    this.outcome = 'infeasible';
    this.budgetEnd = this.nodes + budget;
    this.stop = stop;
    if (this.byHead.length - 1 > m) return 'infeasible';
    if (this.a.bound(this.c) > m) return 'infeasible';
    this.buf.length = 0;
    const found = this.station(0);
    return found ? 'found' : this.outcome;
  }

  /** Assigns task j to station k, noting the station for `record`. */
  private place(j: number, k: number): void {
    this.stationOf[j] = k;
    this.a.include(j);
  }

  /** Whether the unassigned tasks need more than `rest` stations by a bin-packing bound. */
  private binPackingExceeds(rest: number): boolean {
    const inS = this.a.inS;
    let len = 0;
    for (let k = 0; k < this.n; k++) {
      const j = this.desc[k]!;
      if (inS[j] === 0) this.scratch[len++] = this.t[j]!;
    }
    if (martelloTothL2(this.scratch, len, this.c) > rest) return true;
    for (let f = 0; f < this.dffW.length; f++) {
      const w = this.dffW[f]!;
      let s = 0;
      for (let j = 0; j < this.n; j++) if (inS[j] === 0) s += w[j]!;
      if (Math.ceil(s / this.dffCap[f]! - 1e-9) > rest) return true;
    }
    const bp = this.bpp;
    if (bp?.enabled && bp.solve(this.a.bits, 0, rest, this.stop, rest) > rest) return true;
    return false;
  }

  /**
   * Builds station k (k stations already closed). While the maximal loads that keep the idle time within what m
   * stations allow are few, they are collected and tried least idle first (Hoffmann 1963's choice as the branching
   * order); when a station can hold many tasks they are too many to list, and are tried as they are enumerated.
   */
  private station(k: number): boolean {
    this.nodes++;
    if (this.nodes >= this.budgetEnd) {
      this.outcome = 'budget';
      return false;
    }
    const saved = this.collecting;
    const base = this.buf.length;
    const slack = (this.m - k) * this.c - this.a.remSum;
    // the stations left include the last ones, which cannot be filled better than endIdle allows
    const E = this.endIdle;
    if (slack < E[Math.min(this.m - k, E.length - 1)]!) return false;
    const leafSlack = slack - E[Math.min(this.m - k - 1, E.length - 1)]!;
    // subset sums of what can join station k (one table per station: station k + 1 is built inside this one)
    const R = (this.reach[k] ??= new SumReach(this.n, this.c));
    R.build(this.a.inS, this.pred, this.t);
    this.stackLen = 0;
    this.collecting = true;
    this.collectSteps = 0;
    this.load(k, -1, this.c, this.m - k, leafSlack);
    let r = false;
    if (this.outcome === 'infeasible' && this.collecting) {
      this.collecting = false;
      // records: [idle, length, tasks...]
      const recs: number[] = [];
      for (let p = base; p < this.buf.length; p += 2 + this.buf[p + 1]!) recs.push(p);
      // least idle first; among equal idle, fewer tasks (small tasks kept back to fill later stations exactly)
      recs.sort((a, b) => this.buf[a]! - this.buf[b]! || this.buf[a + 1]! - this.buf[b + 1]! || a - b);
      for (const p of recs) {
        const len = this.buf[p + 1]!;
        for (let q = 0; q < len; q++) this.place(this.buf[p + 2 + q]!, k);
        r = this.afterStation(k);
        for (let q = len - 1; q >= 0; q--) this.a.exclude(this.buf[p + 2 + q]!);
        if (r || this.outcome !== 'infeasible') break;
      }
    } else if (this.outcome === 'infeasible') {
      this.buf.length = base;
      this.stackLen = 0;
      r = this.load(k, -1, this.c, this.m - k, leafSlack);
    }
    this.buf.length = base;
    this.collecting = saved;
    return r;
  }

  /** Extends the load of station k with tasks numbered above `last`; forcedH: tasks with head ≥ forcedH must be in it. */
  private load(k: number, last: number, cap: number, forcedH: number, slack: number): boolean {
    if ((++this.work & 4095) === 0 && this.stop()) this.outcome = 'stopped';
    if (this.outcome !== 'infeasible') return false;
    if (this.collecting && ++this.collectSteps > COLLECT_LIMIT) {
      this.collecting = false;
      return false;
    }
    const a = this.a;
    if (cap > slack && !canFill(a.avail, last, cap - slack, this.t, this.succ, this.pred, a.inS, this.fill)) return false;
    let any = false;
    let j = last;
    for (;;) {
      const nj = a.avail.next(j);
      if (nj < 0) break;
      j = nj;
      const forced = this.head[j]! >= forcedH;
      if (this.t[j]! > cap) {
        // A task that must be in this station but no longer fits ends this branch.
        if (forced) return false;
        continue;
      }
      any = true;
      const rest = cap - this.t[j]!;
      if (rest > slack && !this.reach[k]!.reaches(j, rest - slack, rest)) {
        if (forced) break;
        continue;
      }
      const mode = this.collecting;
      this.place(j, k);
      this.stack[this.stackLen++] = j;
      const r = this.load(k, j, rest, forcedH, slack);
      this.stackLen--;
      a.exclude(j);
      if (r) return true;
      if (this.outcome !== 'infeasible' || mode !== this.collecting) return false;
      // Loads built later never contain j, so skipping a task that must be in this station is a dead end.
      if (forced) break;
    }
    if (any || cap > slack) return false;
    // Only maximal loads: if an available task still fits, a larger load dominates this one (Jackson 1956).
    for (let x = a.avail.next(-1); x >= 0; x = a.avail.next(x)) if (this.t[x]! <= cap) return false;
    // Tasks whose successors need all of the remaining stations must be in this station or before it.
    if (forcedH < this.byHead.length) for (const f of this.byHead[forcedH]!) if (a.inS[f] === 0) return false;
    if (dominatedLoad(this.stack, this.stackLen, cap, this.t, this.dom, a.inS, a.predLeft)) return false;
    if (!this.collecting) return this.afterStation(k);
    this.buf.push(cap, this.stackLen);
    for (let q = 0; q < this.stackLen; q++) this.buf.push(this.stack[q]!);
    return false;
  }

  private afterStation(k: number): boolean {
    const a = this.a;
    if (a.remCount === 0) {
      this.record(k + 1);
      return true;
    }
    const rest = this.m - k - 1;
    if (rest <= 0 || a.bound(this.c) > rest) return false;
    const level = this.memo.lookup(a.h1, a.h2, a.bits);
    if (level >= 0 && level <= k + 1) return false;
    if (this.binPackingExceeds(rest)) {
      this.memo.store(a.h1, a.h2, a.bits, k + 1);
      return false;
    }
    const r = this.station(k + 1);
    if (!r && this.outcome === 'infeasible') this.memo.store(a.h1, a.h2, a.bits, k + 1);
    return r;
  }

  private record(stations: number): void {
    const out: number[][] = Array.from({ length: stations }, () => []);
    for (let j = 0; j < this.n; j++) out[this.stationOf[j]!]!.push(this.orig[j]!);
    this.solution = out;
  }

  get memoSize(): number {
    return this.memo.size;
  }
}

/**
 * Open-addressing table of task sets (full bitsets, so a hash collision can never prune a live state) with the
 * fewest stations each was reached with. It stops growing at a memory cap; the search stays exact without it.
 */
class StateTable {
  private cap = 1 << 12;
  private keys = new Int32Array(this.cap * 2);
  private level = new Int32Array(this.cap).fill(-1);
  private pool: Uint32Array;
  size = 0;
  private readonly maxEntries: number;

  constructor(private readonly W: number) {
    this.pool = new Uint32Array(this.cap * W);
    // About 64 MB of bitsets at most.
    this.maxEntries = Math.max(1 << 14, Math.floor((1 << 24) / W));
  }

  private find(h1: number, h2: number, bits: Uint32Array): number {
    const mask = this.cap - 1;
    let i = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    const W = this.W;
    for (;;) {
      if (this.level[i]! < 0) return i;
      if (this.keys[2 * i] === h1 && this.keys[2 * i + 1] === h2) {
        let same = true;
        for (let w = 0; w < W; w++)
          if (this.pool[i * W + w] !== bits[w]) {
            same = false;
            break;
          }
        if (same) return i;
      }
      i = (i + 1) & mask;
    }
  }

  lookup(h1: number, h2: number, bits: Uint32Array): number {
    return this.level[this.find(h1, h2, bits)]!;
  }

  store(h1: number, h2: number, bits: Uint32Array, lvl: number): void {
    let i = this.find(h1, h2, bits);
    if (this.level[i]! >= 0) {
      if (lvl < this.level[i]!) this.level[i] = lvl;
      return;
    }
    if (this.size >= this.maxEntries) return;
    if ((this.size + 1) * 2 > this.cap) {
      this.grow();
      i = this.find(h1, h2, bits);
    }
    this.keys[2 * i] = h1;
    this.keys[2 * i + 1] = h2;
    this.level[i] = lvl;
    this.pool.set(bits, i * this.W);
    this.size++;
  }

  private grow(): void {
    const { keys, level, pool, cap, W } = this;
    this.cap = cap * 2;
    this.keys = new Int32Array(this.cap * 2);
    this.level = new Int32Array(this.cap).fill(-1);
    this.pool = new Uint32Array(this.cap * W);
    for (let i = 0; i < cap; i++) {
      if (level[i]! < 0) continue;
      const j = this.find(keys[2 * i]!, keys[2 * i + 1]!, pool.subarray(i * W, i * W + W));
      this.keys[2 * j] = keys[2 * i]!;
      this.keys[2 * j + 1] = keys[2 * i + 1]!;
      this.level[j] = level[i]!;
      this.pool.set(pool.subarray(i * W, i * W + W), j * W);
    }
  }
}
