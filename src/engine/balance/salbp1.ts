// SALBP-1: the fewest stations for a given cycle time, proven optimal or with an honest lower bound (anytime).
// The measurements that chose the schedule's constants below: docs/solver-notes.md.
import { ok, err, type Result } from '../result.ts';
import type { BalanceInstance, Clock, SolveOptions, SolveResult, SolveProgress } from './instance.ts';
import { validateInstance } from './validate.ts';
import { makeGraph, reverseGraph, incrementTimes, startBranching, type Graph } from './graph.ts';
import { stationLowerBound } from './bounds.ts';
import { heuristicBalance } from './heuristics.ts';
import { StationSearch } from './search.ts';
import { BestFirst } from './cbfs.ts';
import { Beam, type BeamRule } from './beam.ts';
import { firstStationsIdle } from './end-idle.ts';
import { BinPacking } from './bin-packing.ts';
import { integerScale, scaled } from './scale.ts';

/** The clock, stop test and throttled progress reporting shared by both solvers. */
export class Control {
  readonly start: number;
  private readonly deadline: number;
  private lastReport = -Infinity;
  stopped = false;
  constructor(private readonly opts: SolveOptions) {
    this.now = opts.now;
    this.start = this.now();
    this.deadline = opts.timeLimitMs === undefined ? Infinity : this.start + opts.timeLimitMs;
  }
  readonly now: Clock;
  elapsed(): number {
    return this.now() - this.start;
  }
  /** Milliseconds left before the time limit (Infinity without one). */
  remaining(): number {
    return this.deadline - this.now();
  }
  shouldStop = (): boolean => {
    if (this.stopped) return true;
    // The search polls here, so this is also where a long proof sends its heartbeat (bounds only, no balance).
    if (this.last) this.progress(this.last, false);
    if (this.now() >= this.deadline || (this.opts.shouldStop?.() ?? false)) this.stopped = true;
    return this.stopped;
  };
  /** Improvements are always sent; plain heartbeats at most every 100 ms, since they cross a worker boundary. */
  private last: Omit<SolveProgress, 'elapsedMs'> | undefined;
  progress(p: Omit<SolveProgress, 'elapsedMs'>, improved: boolean): void {
    if (!this.opts.onProgress) return;
    this.last = { lowerBound: p.lowerBound, upperBound: p.upperBound };
    const t = this.elapsed();
    if (!improved && t - this.lastReport < 100) return;
    this.lastReport = t;
    this.opts.onProgress({ ...p, elapsedMs: t });
  }
}

/** Outcome of a decision search "at most m stations at cycle c?" run in both directions. */
export interface Bidirectional {
  fwd: StationSearch;
  rev: StationSearch;
  /** Exact bin packing of task times at this cycle, shared by all the searches (its answers hold for all). */
  bpp: BinPacking;
  /** The beam from both ends of the line (made on first use), its next width and the time it has taken. */
  beam: Beam | undefined;
  graph: Graph;
  c: number;
  beamWidth: number;
  beamRule: BeamRule;
  beamMs: number;
  otherMs: number;
  /** Time the depth-first turns have taken, and the last one. */
  dfsMs: number;
  dfsTurn: number;
  /** Task times after task-time incrementing for this cycle. */
  t: Int32Array;
  /** Least idle time of the first / last q stations of any balance (`firstStationsIdle`). */
  firstIdle: number[];
  lastIdle: number[];
  budget: number;
  turn: 0 | 1;
  /** `startBranching` of the line at this cycle: positive where the reversed line branches less. */
  bias: number;
  /** The direction whose depth-first turn comes first in each pair (its budget doubles after the pair). */
  first: 0 | 1;
  /** Budget divisor of the other direction's depth-first turns (large where it branches far more). */
  otherDiv: number;
}

/** Incremented task times for a cycle, with the idle time the first and the last stations must leave. */
export type Ends = Pick<Bidirectional, 't' | 'firstIdle' | 'lastIdle'>;

export function lineEnds(g: Graph, c: number, t = incrementTimes(g, c)): Ends {
  const gi: Graph = { ...g, t };
  return { t, firstIdle: firstStationsIdle(gi, t, c), lastIdle: firstStationsIdle(reverseGraph(gi), t, c) };
}

export function makeBidirectional(g: Graph, c: number, ends = lineEnds(g, c), bpp = new BinPacking(ends.t, c)): Bidirectional {
  const { t, firstIdle, lastIdle } = ends;
  const gi: Graph = { ...g, t };
  const rg = reverseGraph(gi);
  const bias = startBranching(gi, c);
  // The depth-first pair starts from the end that branches less, which finds balances there in its first turn
  // instead of after a turn from the other end. Where the other end branches far more, its turns get a fraction of
  // the nodes: they still find some balances, in few nodes, but came to them late.
  const first = bias > 0 ? 1 : 0;
  return {
    fwd: new StationSearch(gi, c, undefined, lastIdle, bpp),
    rev: new StationSearch(rg, c, undefined, firstIdle, bpp),
    bpp,
    beam: undefined,
    graph: gi,
    c,
    beamWidth: 1,
    beamRule: 2,
    beamMs: 0,
    otherMs: 0,
    dfsMs: 0,
    dfsTurn: 0,
    t,
    firstIdle,
    lastIdle,
    budget: 256,
    turn: first,
    bias,
    first,
    otherDiv: Math.abs(bias) >= STRONG_BIAS ? OTHER_DFS_DIV : 1,
  };
}

/**
 * Whether m stations are impossible because the idle time the first q1 and the last q2 stations must leave (disjoint
 * when q1 + q2 ≤ m) exceeds what m stations can leave at all.
 */
export function endsInfeasible(d: Ends, c: number, m: number): boolean {
  let sum = 0;
  for (const x of d.t) sum += x;
  const slack = m * c - sum;
  if (slack < 0) return true;
  for (let q1 = 0; q1 < d.firstIdle.length && q1 <= m; q1++)
    for (let q2 = 0; q2 < d.lastIdle.length && q1 + q2 <= m; q2++) if (d.firstIdle[q1]! + d.lastIdle[q2]! > slack) return true;
  return false;
}

/** Search nodes expanded so far by the depth-first pair and, if given, the best-first pair. */
export const nodesOf = (b: Bidirectional, bf?: BestFirstPair): number => b.fwd.nodes + b.rev.nodes + (bf ? bf.fwd.nodes + bf.rev.nodes : 0);

/** A balance found on the reversed line, in line order. */
const unreversed = (sol: number[][]): number[][] => sol.reverse().map((st) => st.reverse());

/** Cyclic best-first search in both directions, run in turns (each is resumable and keeps its memory). */
export interface BestFirstPair {
  fwd: BestFirst;
  rev: BestFirst;
  turn: 0 | 1;
  /** Time weights of the two directions: the one that branches less (`startBranching`) gets most of the time. */
  weight: [number, number];
  /** Time each direction has had. */
  ms: [number, number];
  /** The best-first turn's length, in depth-first turns. */
  share: number;
  /** Longest time one expansion of each direction may take before it is cut (and retried later, with twice as long). */
  cut: [number, number];
}

export function makeBestFirst(g: Graph, d: Bidirectional, c: number, ub: number): BestFirstPair {
  const gi: Graph = { ...g, t: d.t };
  const bias = d.bias;
  const w = Math.min(OTHER_WAY, Math.exp(Math.abs(bias)));
  const weight: [number, number] = bias > 0 ? [w, 1] : [1, w];
  const strong = Math.abs(bias) >= STRONG_BIAS;
  return {
    fwd: new BestFirst(gi, c, ub, undefined, d.lastIdle, d.bpp),
    rev: new BestFirst(reverseGraph(gi), c, ub, undefined, d.firstIdle, d.bpp),
    turn: 0,
    weight,
    ms: [0, 0],
    // only the direction that branches clearly more (CUT_BIAS) is cut: a cut expansion leaves part of its children
    // in the queues, which misleads the search (where both directions weigh about alike, cutting filled the memory
    // and missed a balance found uncut in well under a second)
    cut: [bias >= CUT_BIAS ? FIRST_CUT_MS : Infinity, bias <= -CUT_BIAS ? FIRST_CUT_MS : Infinity],
    share: strong ? BF_SHARE_STRONG : BF_SHARE,
  };
}

/** The exact searches get this many times the beam's time (the beam only finds, and on few lines). */
const BEAM_SHARE = 5;
/**
 * The beam's widest width (then it stops, until a balance lowers the bound): over the whole benchmark every balance
 * the beam found within the searches came at width 1, and wider beams only took time from the long searches.
 */
const MAX_BEAM_WIDTH = 1;
/** The best-first search gets this many times the depth-first turn before it (it finds most tight balances). */
const BF_SHARE = 4;
/**
 * …and this many where one end of the line branches far less than the other (a branching ratio above e^STRONG_BIAS):
 * there the best-first search from that end finds the tight balances (SCHOLL) and the depth-first one seldom does.
 */
const BF_SHARE_STRONG = 8;
/** …and the depth-first search from the end that branches more gets this fraction of the nodes (at least the minimum). */
const OTHER_DFS_DIV = 16;
const MIN_DFS_BUDGET = 16;
const STRONG_BIAS = 3;
/**
 * Past DFS_PRIME_MS of depth-first time at a cycle, the best-first turns grow with it (times the depth-first time over
 * DFS_PRIME_MS): over the whole benchmark the depth-first search found its balances and proofs within about its first
 * 250 ms at a cycle or not at all, while the best-first proofs run for seconds.
 */
const DFS_PRIME_MS = 250;

/**
 * How much more the best-first search spends on the direction that branches less: the ratio of the products
 * `startBranching` compares, up to this (no threshold: a ratio as small as 1.7 already pays).
 */
const OTHER_WAY = 64;

/** Expansions per turn of one direction, at most, and its time, at most (then the weighted time decides again). */
const SLICE = 64;
const SLICE_MS = 10;
/**
 * An expansion may run this long at first; one cut short is retried (from scratch: the states it stored stay) when
 * its direction's turn comes again, with twice as long. Uncut, one expansion can store hundreds of thousands of states
 * and take seconds of a direction the weights meant to give a small share of the time.
 */
const FIRST_CUT_MS = 20;
/**
 * Expansions are cut only in the direction that branches this much more (a ratio above e^CUT_BIAS), where an uncut
 * first expansion that is never needed can take a large part of a short solve.
 */
const CUT_BIAS = 2;

/**
 * Looks for a balance with fewer than ub stations. The depth-first search (which copes with stations holding
 * many tasks, whose loads are too many to list) and the cyclic best-first search (which finds balances where the
 * depth-first order gets trapped, and proves lower bounds) take turns of about equal time, each keeping its memory.
 * 'infeasible' is a proof that none exists.
 */
export function improve(
  d: Bidirectional,
  b: BestFirstPair | undefined,
  ub: number,
  ctl: Control,
  onBound: (lb: number) => void,
): { outcome: 'found' | 'infeasible' | 'stopped'; stations?: number[][] } {
  if (b) {
    b.fwd.ub = Math.min(b.fwd.ub, ub);
    b.rev.ub = Math.min(b.rev.ub, ub);
  }
  for (;;) {
    // a beam turn (each rule in turn, at width 1) while the beam has had less than a fifth of the exact searches' time
    if (d.beamWidth <= MAX_BEAM_WIDTH && d.beamMs * BEAM_SHARE <= d.otherMs) {
      const t1 = ctl.now();
      d.beam ??= new Beam(d.graph, d.c);
      const r = d.beam.run(ub - 1, d.beamWidth, ctl.shouldStop, d.beamRule);
      d.beamMs += ctl.now() - t1;
      if (r === 'stopped') return { outcome: 'stopped' };
      // rules 2, 3, 0, 1, then twice the width
      if (d.beamRule === 1) d.beamWidth *= 2;
      d.beamRule = ((d.beamRule + 1) & 3) as BeamRule;
      if (r) {
        d.beamWidth = 1;
        d.beamRule = 2;
        return { outcome: 'found', stations: r };
      }
    }
    // one depth-first turn, unless it is past its prime and has had its share of the time (as when the SALBP-2 rounds
    // come back to this cycle: each used to begin with a depth-first turn, ever longer)
    const t0 = ctl.now();
    const late = Math.max(1, d.dfsMs / DFS_PRIME_MS);
    const bestFirst = b && !(b.fwd.incomplete && b.rev.incomplete);
    if (!bestFirst || d.dfsMs < DFS_PRIME_MS || d.dfsMs * b.share * late <= b.ms[0] + b.ms[1]) {
      const s = d.turn === 0 ? d.fwd : d.rev;
      const r = s.run(ub - 1, d.turn === d.first ? d.budget : Math.max(MIN_DFS_BUDGET, d.budget / d.otherDiv), ctl.shouldStop);
      if (r === 'found') {
        const sol = s.solution!;
        return { outcome: 'found', stations: d.turn === 0 ? sol : unreversed(sol) };
      }
      if (r === 'infeasible') return { outcome: 'infeasible' };
      if (r === 'stopped') return { outcome: 'stopped' };
      if (d.turn !== d.first) d.budget *= 2;
      d.turn = d.turn === 0 ? 1 : 0;
      d.dfsTurn = ctl.now() - t0;
      d.dfsMs += d.dfsTurn;
    }
    if (!bestFirst) {
      d.otherMs += ctl.now() - t0;
      continue;
    }
    // best-first turns for as long
    const end = ctl.now() + b.share * late * Math.max(2, d.dfsTurn);
    const stop = () => ctl.shouldStop() || ctl.now() >= end;
    while (!ctl.stopped && ctl.now() < end) {
      // The direction that has taken less time so far, weighted, goes next: where one direction branches far less
      // (as some graphs do from the end of the line), it gets most of the time.
      const cost = (z: BestFirst, k: 0 | 1) => (z.incomplete ? Infinity : (b.ms[k] + 1) * b.weight[k]);
      b.turn = cost(b.fwd, 0) <= cost(b.rev, 1) ? 0 : 1;
      const k = b.turn;
      const x = b.turn === 0 ? b.fwd : b.rev;
      const other = b.turn === 0 ? b.rev : b.fwd;
      b.turn = b.turn === 0 ? 1 : 0;
      if (x.incomplete) {
        if (other.incomplete) break;
        continue;
      }
      // up to SLICE expansions or SLICE_MS, whichever comes first; an expansion that runs over its cut is stopped
      const t1 = ctl.now();
      let q: ReturnType<BestFirst['run']> = 'budget';
      let cut = false;
      for (let i = 0; i < SLICE && q === 'budget' && ctl.now() - t1 < SLICE_MS; i++) {
        const t2 = ctl.now();
        q = x.run(1, () => stop() || (cut = ctl.now() - t2 > b.cut[k]));
      }
      b.ms[k] += ctl.now() - t1;
      if (cut) b.cut[k] *= 2;
      if (q === 'found') {
        const sol = x.solution!;
        other.ub = Math.min(other.ub, x.ub);
        return { outcome: 'found', stations: b.turn === 1 ? sol : unreversed(sol) };
      }
      if (q === 'exhausted' && x.exhausted) return { outcome: 'infeasible' };
      const lb = Math.max(b.fwd.lowerBound(), b.rev.lowerBound());
      if (lb >= Math.min(b.fwd.ub, b.rev.ub)) return { outcome: 'infeasible' };
      onBound(lb);
    }
    d.otherMs += ctl.now() - t0;
    if (ctl.stopped) return { outcome: 'stopped' };
  }
}

/**
 * Time the exact bin packing of all tasks may take before the searches start: ROOT_PACKING_MS, or more with a longer
 * time limit (ROOT_PACKING_GROW of it, up to ROOT_PACKING_MAX_MS), never over ROOT_PACKING_SHARE of the limit. On a
 * busy machine WEE-MAG at c = 54 needs more than its usual 0.3 s.
 */
const ROOT_PACKING_SHARE = 0.05;
const ROOT_PACKING_MS = 500;
const ROOT_PACKING_GROW = 0.02;
const ROOT_PACKING_MAX_MS = 5000;
const rootPackingMs = (ctl: Control): number =>
  Math.min(ROOT_PACKING_MAX_MS, Math.max(ROOT_PACKING_MS, ROOT_PACKING_GROW * ctl.remaining()), ROOT_PACKING_SHARE * ctl.remaining());
/** …and at most this where task times seldom repeat (`BinPacking.repeats`). */
const FEW_REPEATS_MS = 20;

/**
 * Stations the task times need by exact bin packing (precedence ignored), or `lb` when that takes too long. On
 * WEE-MAG at c = 54 the 15-unit task fits beside no two of the 60 tasks of 20-27, which pair up in every other
 * station: 31 stations, where the other bounds say 30.
 */
export function rootPacking(bpp: BinPacking, t: ArrayLike<number>, lb: number, ctl: Control, maxMs = rootPackingMs(ctl)): number {
  const cnt = bpp.counts();
  for (let j = 0; j < t.length; j++) cnt[bpp.sizeOf[j]!]!++;
  const end = ctl.now() + (bpp.repeats ? maxMs : Math.min(maxMs, FEW_REPEATS_MS));
  const z = bpp.solve(cnt, lb, Infinity, () => ctl.shouldStop() || ctl.now() >= end, lb);
  return Math.max(lb, z);
}

/** Fewest stations at cycle time `cycle`. */
export function solveSalbp1(inst: BalanceInstance, cycle: number, opts: SolveOptions): Result<SolveResult> {
  const ctl = new Control(opts);
  const v = validateInstance(inst, cycle);
  if (!v.ok) return v;
  const scale = integerScale([...inst.times, cycle]);
  const c = scaled(cycle, scale);
  const g = makeGraph(inst.taskCount, inst.times.map((t) => scaled(t, scale)), inst.arcs, v.value.order);
  if (g.t.some((t) => t > c)) return err(`A task is longer than the cycle time ${cycle}.`);

  let best = heuristicBalance(g, c);
  const t = incrementTimes(g, c);
  let lb = stationLowerBound(t, c);
  ctl.progress({ lowerBound: lb, upperBound: best.length, best }, true);
  let optimal = lb >= best.length;
  // the searches (and their tables) only when the bounds leave a gap
  const b = optimal ? undefined : makeBidirectional(g, c, lineEnds(g, c, t));
  // stations the ends of the line rule out
  while (b && lb < best.length && endsInfeasible(b, c, lb)) lb++;
  if (b && lb < best.length) lb = Math.max(lb, rootPacking(b.bpp, t, lb, ctl));
  optimal = lb >= best.length;
  const bf = optimal || !b ? undefined : makeBestFirst(g, b, c, best.length);
  while (!optimal && b) {
    const r = improve(b, bf, best.length, ctl, (x) => {
      if (x > lb) {
        lb = Math.min(x, best.length);
        ctl.progress({ lowerBound: lb, upperBound: best.length }, false);
      }
    });
    if (r.outcome === 'found') {
      best = r.stations!;
      ctl.progress({ lowerBound: lb, upperBound: best.length, best }, true);
      if (lb >= best.length) optimal = true;
    } else if (r.outcome === 'infeasible') {
      lb = best.length;
      optimal = true;
    } else break;
  }
  return ok({ problem: 'salbp1', cycle, stations: best.length, optimal, lowerBound: lb, assignment: best, ms: ctl.elapsed(), nodes: b ? nodesOf(b, bf) : 0 });
}
