// Cyclic best-first search over station states (BB&R: Sewell & Jacobson 2012; Morrison, Sewell & Jacobson 2014).
// The measurements that chose the constants below, and how this search fits the solver: docs/solver-notes.md.
import type { Graph } from './graph.ts';
import { prepareTasks } from './prepared.ts';
import { martelloTothL2 } from './bounds.ts';
import { FillScratch, SumReach, canFill, dominatedLoad } from './task-set.ts';
import { PartialAssignment } from './assignment.ts';
import { type BinPacking, StatePacking } from './bin-packing.ts';

/**
 * Bitset words of stored states at most (4 bytes each), per search direction; with the per-state fields and the
 * hash table, a direction holds at most about 70-100 MB (the app runs this in a browser worker).
 */
const POOL_WORDS = 1 << 23;
/** States at most per search direction, whatever their size. */
const MAX_STATES = 1 << 21;
/**
 * Partial expansion (after partial-expansion A*): a state's loads are first listed up to PARTIAL_IDLE times the idle
 * time its stations left could have on average, the rest only when the queue one level down comes to them (see
 * `pushRest`), since on tight lines most of the states an expansion stores are never looked at. After PARTIAL_TRIAL
 * first expansions, if the search came back for at least PARTIAL_RESTS of them, it lists all loads at once.
 */
const PARTIAL_IDLE = 2;
const PARTIAL_TRIAL = 512;
const PARTIAL_RESTS = 0.4;
/**
 * …and up to this many tasks more than the average per station left (rounded down); the larger loads wait as a second
 * placeholder. The tie rule seldom takes them, yet they were most of the states stored on the tight lines.
 */
const PARTIAL_SIZE = 2;
/**
 * After SIZE_TRIAL first expansions, if the search came back for the large loads of at least SIZE_RESTS of them, first
 * expansions list all sizes: a proof lists every load in the end, and listing them in two parts costs more work.
 */
const SIZE_TRIAL = 64;
const SIZE_RESTS = 0.15;
/** Heap entries below −BIG_REST are the large loads of a partly expanded state (−BIG_REST − id − 1). */
const BIG_REST = 1 << 28;
/**
 * A first expansion stops listing loads once it has stored this many states; the loads after the last one listed (in
 * the listing's order) wait as a third placeholder, queued behind the states it listed. On some lines a state has
 * thousands of loads with no idle time, of which the search looks at one or two.
 */
const MAX_LISTED = 64;
/** Heap entries below −CUT_REST are the unlisted loads of a state whose first expansion stopped (−CUT_REST − id − 1). */
const CUT_REST = 1 << 29;
/**
 * The bin-packing bounds of a state (L2 and the dual feasible functions) are computed when it comes to the top, while
 * they raised at least 1 bound in BOUND_GAIN_RATE calls (after the first BOUND_TRIAL): on some lines they never raise
 * one and cost several percent of the search, on others they raise a few percent of the bounds.
 */
const BOUND_TRIAL = 1024;
const BOUND_GAIN_RATE = 100;
/** Widest sweep: states taken from one level before moving to the next. */
const MAX_WIDTH = 1;
/**
 * A state is the set of tasks assigned to closed stations (closed under predecessors). States are kept in a table
 * (one copy per set, with the fewest stations it was reached with: memory as dominance) and in one priority queue
 * per number of stations; the search takes the best state of each level in turn (cyclic best-first), so it dives
 * to complete balances early and often, and keeps a proven lower bound: every balance better than the incumbent
 * passes through an open state, so min over open states of (level + bound of its remaining tasks) bounds the
 * optimum. The search is resumable: `run` continues where the last call stopped.
 */
export class BestFirst {
  readonly n: number;
  readonly c: number;
  private readonly t: Int32Array;
  private readonly succ: Int32Array[];
  private readonly pred: Int32Array[];
  private readonly head: Int32Array;
  /** Jackson dominators of each task (internal numbers). */
  private readonly dom: Int32Array[];
  private readonly byHead: Int32Array[];
  readonly orig: Int32Array;
  private readonly desc: Int32Array;
  private readonly dffW: Int32Array[];
  private readonly dffCap: number[];
  private readonly W: number;

  // expansion scratch state: the state being expanded, with the load being listed
  private readonly a: PartialAssignment;
  private readonly fill: FillScratch;
  private readonly reach: SumReach;
  private readonly scratch: Int32Array;
  private readonly stack: Int32Array;
  private stackLen = 0;

  // stored states
  private capS = 0;
  private count = 0;
  private pool: Uint32Array;
  private lvl: Int32Array;
  private par: Int32Array;
  private rem: Int32Array;
  private lbr: Int32Array;
  private left: Int32Array; // tasks not yet assigned
  private done: Int32Array; // level at which the state was expanded (large: not yet)
  private plim: Int32Array; // idle time up to which its loads were listed (partial expansion), for its placeholder
  private slim: Int32Array; // tasks up to which its loads were listed (partial expansion), for its second placeholder
  /** Where its first expansion stopped (the listing's path, see `load`), for its third placeholder. */
  private readonly paths: (Int32Array | undefined)[] = [];
  private bigQ: Uint8Array; // 1 once its second placeholder is queued
  private hs1: Int32Array;
  private hs2: Int32Array;
  private table: Int32Array; // id + 1, 0 = empty
  private heaps: Heap[] = [];
  private readonly maxStates: number;

  /** Solutions must use fewer stations than this. */
  ub: number;
  /** Whether a state was dropped for want of memory: then an empty queue proves nothing. */
  incomplete = false;
  /** Set when every queue is empty (and nothing was dropped): no balance with fewer than ub stations exists. */
  exhausted = false;
  nodes = 0;
  /** Expansions that listed the rest of a partly expanded state. */
  rests = 0;
  solution: number[][] | null = null;
  private stopped = false;
  private work = 0;
  private stop: () => boolean = () => false;
  private expanding = 0;
  private curL = 0;
  private curDone = 0;
  private anyInSweep = false;
  private width = 1;
  sweeps = 0;
  maxWidth = MAX_WIDTH;
  /** States a first expansion stores before it stops (MAX_LISTED), and the expansions that resumed one. */
  maxListed = MAX_LISTED;
  resumes = 0;
  private expandLevel = 0;

  /** endIdle[q]: least idle time the last q stations of this direction leave in any balance (index capped). */
  private readonly endIdle: number[];

  /** Exact bin packing of the unassigned task times (shared with the other searches at this cycle), if given. */
  private readonly bpp: StatePacking | undefined;

  constructor(g: Graph, c: number, ub: number, seed = 0x9e3779b9, endIdle: number[] = [0], bpp?: BinPacking) {
    const n = g.n;
    this.endIdle = endIdle;
    this.n = n;
    this.c = c;
    this.ub = ub;
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
    this.W = p.W;
    this.a = new PartialAssignment(p);
    this.fill = new FillScratch(n);
    this.reach = new SumReach(n, c);
    this.scratch = new Int32Array(n);
    this.stack = new Int32Array(n);
    this.maxStates = Math.min(MAX_STATES, Math.floor(POOL_WORDS / this.W));
    this.bpp = bpp && new StatePacking(bpp, this.orig);
    this.capS = 1 << 10;
    this.pool = new Uint32Array(this.capS * this.W);
    this.lvl = new Int32Array(this.capS);
    this.par = new Int32Array(this.capS);
    this.rem = new Int32Array(this.capS);
    this.lbr = new Int32Array(this.capS);
    this.left = new Int32Array(this.capS);
    this.done = new Int32Array(this.capS);
    this.plim = new Int32Array(this.capS);
    this.slim = new Int32Array(this.capS);
    this.bigQ = new Uint8Array(this.capS);
    this.hs1 = new Int32Array(this.capS);
    this.hs2 = new Int32Array(this.capS);
    this.table = new Int32Array(this.capS * 2);
    // room for a placeholder's time left, which counts the idle time its listed loads had (less than c) on top
    this.keyScale = (p.total + this.c + 2) * (n + 1);
    // the root, nothing assigned: where the assignment starts
    const root = this.insert(0, -1, this.a.bound(c));
    if (root >= 0) this.push(root);
  }

  // ---- state table ----
  private slot(h1: number, h2: number): number {
    const mask = this.table.length - 1;
    let i = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    const W = this.W;
    const bits = this.a.bits;
    for (;;) {
      const e = this.table[i]!;
      if (e === 0) return i;
      const id = e - 1;
      if (this.hs1[id] === h1 && this.hs2[id] === h2) {
        let same = true;
        const base = id * W;
        for (let w = 0; w < W; w++)
          if (this.pool[base + w] !== bits[w]) {
            same = false;
            break;
          }
        if (same) return i;
      }
      i = (i + 1) & mask;
    }
  }

  private growStates(): void {
    // four times as large each time (fewer copies of large arrays, which the largest searches felt), but not past the
    // state limit's power of two
    const cap = Math.min(this.capS * 4, 2 ** Math.ceil(Math.log2(this.maxStates)));
    const ext = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.pool = ext(this.pool, cap * this.W);
    this.lvl = ext(this.lvl, cap);
    this.par = ext(this.par, cap);
    this.rem = ext(this.rem, cap);
    this.lbr = ext(this.lbr, cap);
    this.left = ext(this.left, cap);
    this.done = ext(this.done, cap);
    this.plim = ext(this.plim, cap);
    this.slim = ext(this.slim, cap);
    this.bigQ = ext(this.bigQ, cap);
    this.hs1 = ext(this.hs1, cap);
    this.hs2 = ext(this.hs2, cap);
    this.capS = cap;
    // rehash
    this.table = new Int32Array(cap * 2);
    const mask = this.table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let i = (this.hs1[id]! ^ Math.imul(this.hs2[id]!, 0x27d4eb2d)) & mask;
      while (this.table[i] !== 0) i = (i + 1) & mask;
      this.table[i] = id + 1;
    }
  }

  /** Stores the current `bits` as a new state (the caller checked it is new); -1 when memory is full. */
  private insert(level: number, parent: number, lb: number, slotHint = -1): number {
    if (this.count >= this.maxStates) {
      this.incomplete = true;
      return -1;
    }
    if (this.count >= this.capS) {
      this.growStates();
      slotHint = -1;
    }
    const a = this.a;
    const id = this.count++;
    this.pool.set(a.bits, id * this.W);
    this.lvl[id] = level;
    this.par[id] = parent;
    this.rem[id] = a.remSum;
    this.lbr[id] = lb;
    this.left[id] = a.remCount;
    this.done[id] = 0x3fffffff;
    this.hs1[id] = a.h1;
    this.hs2[id] = a.h2;
    const sl = slotHint >= 0 ? slotHint : this.slot(a.h1, a.h2);
    this.table[sl] = id + 1;
    return id;
  }

  private keyScale = 1;
  /**
   * Order within a level and bound: less idle time first (less time left to assign), and among equal ones the
   * state that has assigned fewer tasks (after BB&R's rule, which trades idle time per station against 0.02 per
   * unassigned task): it keeps the small tasks back to fill the last stations exactly. On the tight SCHOLL and
   * BARTHOL2 lines this finds in about a second balances the plain idle order missed in minutes.
   */
  private tieKey(rem: number, left: number): number {
    return rem * (this.n + 1) + (this.n - left);
  }

  /** The queue of level L (made on first use). */
  private heapAt(L: number): Heap {
    while (this.heaps.length <= L) this.heaps.push(new Heap());
    return this.heaps[L]!;
  }

  private push(id: number): number {
    const L = this.lvl[id]!;
    const key = this.lbr[id]! * this.keyScale + this.tieKey(this.rem[id]!, this.left[id]!);
    this.heapAt(L).push(id, key);
    return key;
  }

  /** Queues a state this expansion reached. */
  private pushChild(id: number): void {
    const key = this.push(id);
    if (key > this.maxKey) this.maxKey = key;
    this.listed++;
  }

  /**
   * Queues the rest of a partly expanded state (its loads with more idle time than `plim`, not listed yet) as a
   * placeholder among the states they lead to, one level down, with a key no larger than any of theirs: popped, it
   * lists them, and they take their places in the queue as if they had been there all along.
   */
  private pushRest(id: number): void {
    const L = this.lvl[id]! + 1;
    const rem = Math.max(0, this.rem[id]! - this.c + this.plim[id]! + 1);
    const lb = Math.ceil(rem / this.c - 1e-9);
    this.heapAt(L).push(-id - 1, lb * this.keyScale + this.tieKey(rem, this.left[id]! - 1));
  }

  /**
   * Queues the large loads of a partly expanded state (more than `slim` tasks, idle time up to `plim`) as a
   * placeholder one level down, with a key no larger than any state they lead to.
   */
  private pushBig(id: number): void {
    this.bigQ[id] = 1;
    const L = this.lvl[id]! + 1;
    const rem = Math.max(0, this.rem[id]! - this.c);
    const lb = Math.ceil(rem / this.c - 1e-9);
    this.heapAt(L).push(-BIG_REST - id - 1, lb * this.keyScale + this.tieKey(rem, this.left[id]! - this.slim[id]! - 1));
  }

  /**
   * Queues the loads a stopped first expansion did not list (those after `paths[id]`) one level down,
   * behind the states it listed: its bound part is no larger than any state they lead to, its order that of the
   * last state listed.
   */
  private pushCut(id: number): void {
    const L = this.lvl[id]! + 1;
    const lb = Math.ceil(Math.max(0, this.rem[id]! - this.c) / this.c - 1e-9);
    this.heapAt(L).push(-CUT_REST - id - 1, Math.min(this.maxKey, lb * this.keyScale + this.keyScale - 1));
  }

  /** min over open states of level + bound; a proven lower bound on any balance better than ub (ub if none). */
  lowerBound(): number {
    if (this.incomplete) return 0;
    let lb = this.ub;
    for (let L = 0; L < this.heaps.length; L++) {
      const h = this.heaps[L]!;
      if (h.size === 0) continue;
      const v = L + Math.floor(h.topKey() / this.keyScale);
      if (v < lb) lb = v;
    }
    return lb;
  }

  /**
   * Expands up to `budget` states. Returns 'found' when a balance with fewer than ub stations was found (ub is
   * lowered and `solution` set), 'exhausted' when no open state remains, 'stopped' when `stop` said so, 'budget'.
   */
  run(budget: number, stop: () => boolean): 'found' | 'exhausted' | 'stopped' | 'budget' {
    this.stop = stop;
    this.stopped = false;
    this.solution = null;
    const end = this.nodes + budget;
    for (;;) {
      // One sweep over the levels takes up to `width` best states from each (a beam of that width on the first
      // sweep); the width grows from sweep to sweep, so later sweeps look wider as well as deeper.
      if (this.curL >= this.heaps.length || this.curL >= this.ub - 1) {
        if (!this.anyInSweep) {
          for (const h of this.heaps) h.clear();
          if (!this.incomplete) this.exhausted = true;
          return 'exhausted';
        }
        this.curL = 0;
        this.curDone = 0;
        this.anyInSweep = false;
        this.sweeps++;
        this.width = Math.min(this.maxWidth, this.width * 2);
      }
      const L = this.curL;
      if (this.curDone >= this.width) {
        this.curL++;
        this.curDone = 0;
        continue;
      }
      const h = this.heaps[L]!;
      let id = -1;
      while (h.size > 0) {
        const key = h.topKey();
        const x = h.pop();
        if (x < 0) {
          // the rest of a state partly expanded one level up (unless it has since been reached with fewer stations)
          const cut = x < -CUT_REST;
          const big = !cut && x < -BIG_REST;
          const p = cut ? -x - 1 - CUT_REST : big ? -x - 1 - BIG_REST : -x - 1;
          if (L === 0 || this.lvl[p] !== L - 1 || this.done[p] !== L - 1) continue;
          if (L + Math.floor(key / this.keyScale) >= this.ub) continue;
          const before = this.ub;
          if (cut) {
            this.resumes++;
            this.expand(p, L - 1, 0, 0, this.paths[p]);
            if (!this.stopped) {
              this.paths[p] = undefined;
              if (this.sizeCut && this.bigQ[p] === 0) this.pushBig(p);
              if (this.cutLen > 0) {
                this.paths[p] = this.stack.slice(0, this.cutLen);
                this.pushCut(p);
              }
            }
          } else if (big) {
            this.bigs++;
            this.expand(p, L - 1, 0, this.slim[p]! + 1);
          } else {
            this.rests++;
            this.expand(p, L - 1, this.plim[p]! + 1);
          }
          if (this.stopped) {
            h.push(x, key);
            return 'stopped';
          }
          if (this.ub < before) return 'found';
          continue;
        }
        if (this.lvl[x] !== L || this.done[x]! <= L) continue;
        if (L + this.lbr[x]! >= this.ub) continue;
        // the bin-packing bound, computed lazily when the state comes to the top
        const bp = this.binPacking(x);
        if (L + bp >= this.ub) continue;
        if (bp > this.lbr[x]!) {
          this.lbr[x] = bp;
          this.push(x);
          continue;
        }
        id = x;
        break;
      }
      if (id < 0) {
        this.curL++;
        this.curDone = 0;
        continue;
      }
      this.anyInSweep = true;
      this.curDone++;
      const before = this.ub;
      const more = this.expand(id, L, 0);
      if (this.stopped) {
        this.push(id); // partly expanded: it stays open
        return 'stopped';
      }
      this.done[id] = L;
      if (more) this.pushRest(id);
      this.bigQ[id] = 0;
      if (this.sizeCut) this.pushBig(id);
      if (this.cutLen > 0) {
        this.paths[id] = this.stack.slice(0, this.cutLen);
        this.pushCut(id);
      }
      if (this.ub < before) return 'found';
      if (this.nodes >= end) return 'budget';
    }
  }

  private binPacking(id: number): number {
    const base = id * this.W;
    let bp = this.lbr[id]!;
    if (this.boundCalls < BOUND_TRIAL || this.boundGains * BOUND_GAIN_RATE >= this.boundCalls) {
      this.boundCalls++;
      const v = this.cheapBound(base);
      if (v > bp) {
        bp = v;
        this.boundGains++;
      }
    }
    const ex = this.bpp;
    // exact packing only where it could still close the state: it must be needed for bins up to ub − 1 − level
    if (ex?.enabled && this.lvl[id]! + bp < this.ub) {
      const z = ex.solve(this.pool, base, bp, this.stop, this.ub - 1 - this.lvl[id]!);
      if (z > bp) bp = z;
    }
    return bp;
  }

  /** L2 and the line's dual feasible functions on the tasks a stored state leaves (its bitset at `base`). */
  private cheapBound(base: number): number {
    let len = 0;
    for (let k = 0; k < this.n; k++) {
      const j = this.desc[k]!;
      if ((this.pool[base + (j >>> 5)]! & (1 << (j & 31))) === 0) this.scratch[len++] = this.t[j]!;
    }
    let bp = martelloTothL2(this.scratch, len, this.c);
    for (let f = 0; f < this.dffW.length; f++) {
      const w = this.dffW[f]!;
      let s = 0;
      for (let j = 0; j < this.n; j++) if ((this.pool[base + (j >>> 5)]! & (1 << (j & 31))) === 0) s += w[j]!;
      const v = Math.ceil(s / this.dffCap[f]! - 1e-9);
      if (v > bp) bp = v;
    }
    return bp;
  }

  /** `cheapBound` calls so far, and how many raised a state's bound. */
  private boundCalls = 0;
  private boundGains = 0;

  /**
   * Lists the loads of the next station after state `id` (at level L) whose idle time is at least `from` and at
   * most a limit, and stores the states they lead to; returns true when loads with more idle time are left for
   * later (`plim` then holds the limit). A first expansion (from = 0, minSize = 0) may also leave the loads of more
   * than `slim` tasks for later (`sizeCut` says so); minSize > 0 lists those (idle time up to `plim`). A first
   * expansion stops after `maxListed` stored states (`cutLen` says where); with `resume` (that path) it goes on from
   * there, with the first expansion's limits.
   */
  private expand(id: number, L: number, from: number, minSize = 0, resume?: Int32Array): boolean {
    this.nodes++;
    const n = this.n;
    const a = this.a;
    a.set(this.pool, id * this.W, this.hs1[id]!, this.hs2[id]!);
    const sum = a.remSum;
    const cnt = a.remCount;
    this.expanding = id;
    this.expandLevel = L;
    const m = this.ub - 1;
    const slack = (m - L) * this.c - sum;
    const E = this.endIdle;
    if (slack < E[Math.min(m - L, E.length - 1)]!) return false;
    const full = slack - E[Math.min(m - L - 1, E.length - 1)]!;
    const first = from === 0 && minSize === 0 && !resume;
    const limit =
      minSize > 0 || resume ? this.plim[id]! : first && this.partial ? Math.floor((PARTIAL_IDLE * slack) / (m - L)) : full;
    if (first) this.firsts++;
    if (this.partial && this.firsts >= PARTIAL_TRIAL && this.rests >= PARTIAL_RESTS * this.firsts) this.partial = false;
    if (this.sized && this.firsts >= SIZE_TRIAL && this.bigs >= SIZE_RESTS * this.firsts) this.sized = false;
    this.stackLen = 0;
    this.reach.build(a.inS, this.pred, this.t);
    this.minIdle = from;
    this.minSize = minSize;
    this.maxSize = resume ? this.slim[id]! : first && this.partial && this.sized ? Math.floor(cnt / (m - L)) + PARTIAL_SIZE : n;
    this.sizeCut = false;
    this.cutLen = 0;
    this.cutOk = first || resume !== undefined;
    this.listed = 0;
    this.maxKey = 0;
    this.resume = resume;
    this.load(-1, this.c, m - L, Math.min(limit, full), resume !== undefined);
    if (first) {
      this.plim[id] = limit;
      this.slim[id] = this.maxSize;
    }
    return first && limit < full;
  }

  /** Loads with less idle time than this were listed before (partial expansion). */
  private minIdle = 0;
  /** Whether first expansions are partial, and how many there were (`rests` counts the second ones). */
  private partial = true;
  private firsts = 0;
  /** Whether first expansions also leave the large loads for later (`bigs` counts the expansions that list them). */
  private sized = true;
  bigs = 0;
  /** Tasks a load may have (a larger one sets `sizeCut`), and must have, in this expansion. */
  private maxSize = 0;
  private minSize = 0;
  private sizeCut = false;
  /**
   * Whether this expansion may stop after `maxListed` stored states, and the length of the path (`stack[0..cutLen)`) it
   * stopped after (0: it did not stop); `listed` counts the states it stored.
   */
  private cutOk = false;
  private cutLen = 0;
  /** The path a resumed expansion starts after. */
  private resume: Int32Array | undefined;
  private listed = 0;
  /** Largest key of the states this expansion queued. */
  private maxKey = 0;

  /**
   * Extends the load of the station after `expandLevel` closed ones with tasks numbered above `last`, in lexicographic
   * order of the task sequences. Returns true to abort (stopped, or `cutLen` set: the loads up to the path
   * `stack[0..cutLen)` are listed). With `resumed`, the path `resume` is taken again down to its last task and the
   * listing goes on after it.
   */
  private load(last: number, cap: number, forcedH: number, slack: number, resumed = false): boolean {
    if ((++this.work & 4095) === 0 && this.stop()) this.stopped = true;
    if (this.stopped) return true;
    if (cap < this.minIdle) return false; // its loads were listed before (more tasks only leave less idle time)
    const a = this.a;
    if (cap > slack && !canFill(a.avail, last, cap - slack, this.t, this.succ, this.pred, a.inS, this.fill)) return false;
    let any = false;
    let j = last;
    if (resumed) {
      const path = this.resume!;
      j = path[this.stackLen]!;
      any = true;
      if (this.stackLen < path.length - 1) {
        a.include(j);
        this.stack[this.stackLen++] = j;
        const r = this.load(j, cap - this.t[j]!, forcedH, slack, true);
        this.stackLen--;
        a.exclude(j);
        if (r) return true;
      }
      if (this.head[j]! >= forcedH) return false;
    }
    for (;;) {
      const nj = a.avail.next(j);
      if (nj < 0) break;
      j = nj;
      const forced = this.head[j]! >= forcedH;
      if (this.t[j]! > cap) {
        if (forced) return false;
        continue;
      }
      any = true;
      if (this.stackLen >= this.maxSize) {
        // a larger load: listed later, from the placeholder
        this.sizeCut = true;
        break;
      }
      const rest = cap - this.t[j]!;
      if (rest > slack && !this.reach.reaches(j, rest - slack, rest)) {
        if (forced) break;
        continue;
      }
      a.include(j);
      this.stack[this.stackLen++] = j;
      const r = this.load(j, rest, forcedH, slack);
      this.stackLen--;
      a.exclude(j);
      if (r) return true;
      if (this.cutOk && this.listed >= this.maxListed) {
        this.cutLen = this.stackLen + 1;
        return true;
      }
      if (forced) break;
    }
    if (any || cap > slack || this.stackLen < this.minSize) return false;
    for (let x = a.avail.next(-1); x >= 0; x = a.avail.next(x)) if (this.t[x]! <= cap) return false;
    if (forcedH < this.byHead.length) for (const f of this.byHead[forcedH]!) if (a.inS[f] === 0) return false;
    if (dominatedLoad(this.stack, this.stackLen, cap, this.t, this.dom, a.inS, a.predLeft)) return false;
    return this.child();
  }

  /** The current load closes a station: store the resulting state, or record a complete balance. */
  private child(): boolean {
    const L = this.expandLevel + 1;
    const a = this.a;
    if (a.remCount === 0) {
      this.record();
      return false;
    }
    const c = this.c;
    const lb = a.bound(c);
    if (L + lb >= this.ub) return false;
    const E = this.endIdle;
    const r = this.ub - 1 - L;
    if (r * c - a.remSum < E[Math.min(r, E.length - 1)]!) return false;
    const sl = this.slot(a.h1, a.h2);
    const e = this.table[sl]!;
    if (e !== 0) {
      const x = e - 1;
      if (this.lvl[x]! <= L) return false;
      this.lvl[x] = L;
      this.par[x] = this.expanding;
      this.pushChild(x);
      return false;
    }
    const x = this.insert(L, this.expanding, lb, sl);
    if (x >= 0) this.pushChild(x);
    return false;
  }

  private record(): void {
    const stations: number[][] = [];
    const last: number[] = [];
    for (let q = 0; q < this.stackLen; q++) last.push(this.orig[this.stack[q]!]!);
    stations.push(last);
    const W = this.W;
    for (let id = this.expanding; this.par[id]! >= 0; id = this.par[id]!) {
      const p = this.par[id]!;
      const st: number[] = [];
      for (let j = 0; j < this.n; j++) {
        const w = j >>> 5;
        const bit = 1 << (j & 31);
        if ((this.pool[id * W + w]! & bit) !== 0 && (this.pool[p * W + w]! & bit) === 0) st.push(this.orig[j]!);
      }
      stations.push(st);
    }
    stations.reverse();
    if (stations.length < this.ub) {
      this.ub = stations.length;
      this.solution = stations;
    }
  }

  get states(): number {
    return this.count;
  }
}

/** Binary min-heap of state ids by a numeric key. */
class Heap {
  private ids = new Int32Array(64);
  private keys = new Float64Array(64);
  size = 0;
  clear(): void {
    this.size = 0;
  }
  topKey(): number {
    return this.keys[0]!;
  }
  push(id: number, key: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.ids = ids;
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.ids[i] = this.ids[p]!;
      this.keys[i] = this.keys[p]!;
      i = p;
    }
    this.ids[i] = id;
    this.keys[i] = key;
  }
  pop(): number {
    const top = this.ids[0]!;
    const n = --this.size;
    if (n === 0) return top;
    const id = this.ids[n]!;
    const key = this.keys[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= key) break;
      this.ids[i] = this.ids[c]!;
      this.keys[i] = this.keys[c]!;
      i = c;
    }
    this.ids[i] = id;
    this.keys[i] = key;
    return top;
  }
}
