// SALBP-2: the shortest cycle time for a given number of stations, by SALBP-1 decisions over rising cycle times.
import { ok, type Result } from '../result.ts';
import type { BalanceInstance, SolveOptions, SolveResult } from './instance.ts';
import { validateInstance, validateStations } from './validate.ts';
import { makeGraph, incrementTimes, type Graph } from './graph.ts';
import { cycleLowerBound, stationLowerBound } from './bounds.ts';
import { heuristicBalance } from './heuristics.ts';
import { Control, endsInfeasible, improve, lineEnds, makeBestFirst, makeBidirectional, nodesOf, rootPacking, type Bidirectional, type BestFirstPair, type Ends } from './salbp1.ts';
import { BinPacking } from './bin-packing.ts';
import { integerScale, scaled } from './scale.ts';
import { Beam } from './beam.ts';
import { windowsInfeasible } from './windows.ts';
import type { Control as Ctl } from './salbp1.ts';

const maxLoad = (g: Graph, st: number[][]): number => Math.max(0, ...st.map((s) => s.reduce((a, j) => a + g.t[j]!, 0)));

/**
 * First upper bound: the smallest cycle at which the priority rules fit the tasks into m stations, by bisection
 * (the rules are not monotone in c, so the bisection only narrows; the balance found is what counts).
 */
function heuristicCycle(g: Graph, m: number, lo: number, sum: number): number[][] {
  let best = heuristicBalance(g, sum);
  let hi = sum;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const st = heuristicBalance(g, mid);
    if (st.length > 0 && st.length <= m) {
      best = st;
      hi = Math.min(mid, maxLoad(g, st));
    } else lo = mid + 1;
  }
  return best;
}

/** Each bisection search gets the round's budget divided by this (the search at lb gets all of it). */
const BISECT_SHARE = 8;

/** Time for each search in the first round of the search bisection (doubled every round). */
const FIRST_BUDGET_MS = 250;
/** Search pairs kept for resuming, at most (each holds its tables: up to a few hundred MB on long lines). */
const MAX_KEPT = 6;

/** Beam widths the cycle bisection tries at each cycle, from both ends of the line with both side rules. */
const BISECT_WIDTHS = [1, 4];

/**
 * Share of the time limit the beams' bisection may take: given more, it still ends a few units above the optimum,
 * which the exact searches then find in well under a second (figures: docs/solver-notes.md).
 */
const BEAM_CYCLE_SHARE = 0.02;

/**
 * Lowers the upper bound before the proofs: bisection over the cycle with narrow beams from both ends of the line,
 * which often find the optimal balance itself (each "no" is only a heuristic's, so the bisection only narrows).
 */
function beamCycle(g: Graph, m: number, lo: number, best: number[][], ctl: Ctl): number[][] {
  let hi = maxLoad(g, best) - 1;
  const end = ctl.now() + BEAM_CYCLE_SHARE * ctl.remaining();
  const stop = () => ctl.shouldStop() || ctl.now() >= end;
  while (lo <= hi && !stop()) {
    const mid = Math.floor((lo + hi) / 2);
    const beam = new Beam(g, mid);
    let found: number[][] | null = null;
    for (const w of BISECT_WIDTHS) {
      for (const rule of [0, 1, 2, 3] as const) {
        const r = beam.run(m, w, stop, rule);
        if (r === 'stopped') return best;
        if (r) found = r;
        if (found) break;
      }
      if (found) break;
    }
    if (found) {
      best = found;
      hi = Math.min(mid, maxLoad(g, best)) - 1;
    } else lo = mid + 1;
  }
  return best;
}

/**
 * The bounds at cycle c: undefined when they alone prove m stations infeasible (every shorter cycle is then
 * infeasible too), else what they computed, for the searches at c to reuse.
 */
function survivesBounds(g: Graph, c: number, m: number, ctl: Ctl, packing: { leftMs: number }): Bounded | undefined {
  const t = incrementTimes(g, c);
  if (stationLowerBound(t, c) > m || windowsInfeasible(g, t, c, m)) return undefined;
  const ends = lineEnds(g, c, t);
  if (endsInfeasible(ends, c, m)) return undefined;
  const bpp = new BinPacking(t, c);
  const t0 = ctl.now();
  const callMs = Math.max(PACKING_MS, PACKING_CALL_SHARE * ctl.remaining());
  const more = rootPacking(bpp, t, m, ctl, Math.max(0, Math.min(callMs, packing.leftMs))) > m;
  packing.leftMs -= ctl.now() - t0;
  return more ? undefined : { ends, bpp };
}

/** The two search pairs at one cycle time, kept to be resumed. */
interface Searches {
  c: number;
  b: Bidirectional;
  bf: BestFirstPair;
}

/** What the bounds at a cycle computed, for the searches there to reuse. */
interface Bounded {
  ends: Ends;
  bpp: BinPacking;
}

/**
 * Time the exact bin packing of all tasks may take at one cycle value (PACKING_MS, or PACKING_CALL_SHARE of a longer
 * limit), and in all (PACKING_SHARE of the limit, at most PACKING_TOTAL_MS). WEE-MAG at c = 64 needs 0.7 s on a
 * quiet machine, and more on a busy one, to show that 26 and 27 stations need 28 bins.
 */
const PACKING_MS = 1000;
const PACKING_CALL_SHARE = 0.05;
const PACKING_SHARE = 0.15;
const PACKING_TOTAL_MS = 10000;

/** Shortest cycle time for `stations` stations. */
export function solveSalbp2(inst: BalanceInstance, stations: number, opts: SolveOptions): Result<SolveResult> {
  const ctl = new Control(opts);
  const v = validateInstance(inst);
  if (!v.ok) return v;
  const vs = validateStations(inst, stations);
  if (!vs.ok) return vs;
  const m = vs.value;
  const scale = integerScale(inst.times);
  const g = makeGraph(inst.taskCount, inst.times.map((t) => scaled(t, scale)), inst.arcs, v.value.order);
  const sum = g.t.reduce((a, b) => a + b, 0);
  let lb = Math.max(1, cycleLowerBound(g.t, m));
  let best = heuristicCycle(g, m, lb, Math.max(sum, 1));
  let ub = maxLoad(g, best);
  // a shorter balance or a higher bound: both are sent at once (heartbeats are throttled, and a proof that closes
  // the gap must not be lost to one)
  const report = () => ctl.progress({ lowerBound: lb / scale, upperBound: ub / scale, best }, true);
  // the priority rules' balance at once, then the beams' (on long lines they take a second or more)
  report();
  best = beamCycle(g, m, lb, best, ctl);
  if (maxLoad(g, best) < ub) {
    ub = maxLoad(g, best);
    report();
  }
  let nodes = 0;
  const packing = { leftMs: Math.min(PACKING_TOTAL_MS, PACKING_SHARE * ctl.remaining()) };
  // The bounds first, by bisection (a handful of evaluations instead of one per cycle value on wide gaps).
  for (let lo = lb, hi = ub - 1; lo <= hi && !ctl.shouldStop(); ) {
    const mid = Math.floor((lo + hi) / 2);
    if (!survivesBounds(g, mid, m, ctl, packing)) {
      lb = lo = mid + 1;
      report();
    } else hi = mid - 1;
  }
  // Then the searches, in rounds with a doubling time budget. Each round first resumes the search at c = lb (its
  // memory kept from round to round: a balance there is optimal, a proof raises lb), then bisects over (lb, ub): a
  // proof at c rules out every shorter cycle, a balance lowers ub to its longest station, and a search that does
  // neither within the budget sends the bisection lower. On a wide gap this finds good balances in a handful of
  // searches where rising one cycle value at a time needed one proof per value first.
  // The searches made so far, by cycle, to be resumed with their memory when a later round comes back to the same
  // cycle (the bisection does, round after round); past MAX_KEPT the least recently used go, and whenever one is
  // added, those the bounds have since moved past.
  const kept = new Map<number, Searches>();
  // the searches at cycle c, or none when the bounds alone rule c out (lb then rises past it)
  const searchesAt = (c: number): Searches | undefined => {
    const old = kept.get(c);
    if (old) {
      kept.delete(c);
      kept.set(c, old);
      return old;
    }
    const bounded = survivesBounds(g, c, m, ctl, packing);
    if (!bounded) {
      lb = c + 1;
      report();
      return undefined;
    }
    const b = makeBidirectional(g, c, bounded.ends, bounded.bpp);
    const at = { c, b, bf: makeBestFirst(g, b, c, m + 1) };
    for (const k of kept.keys()) if (k < lb || k >= ub) kept.delete(k);
    kept.set(c, at);
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
    return at;
  };
  const search = ({ c, b, bf }: Searches, budget: number) => {
    const sub = new Control({ now: ctl.now, timeLimitMs: budget, shouldStop: ctl.shouldStop });
    const before = nodesOf(b, bf);
    const r = improve(b, bf, m + 1, sub, () => {});
    nodes += nodesOf(b, bf) - before;
    if (r.outcome === 'found') {
      best = r.stations!;
      ub = maxLoad(g, best);
      report();
    } else if (r.outcome === 'infeasible' && c + 1 > lb) {
      lb = c + 1;
      report();
    }
    return r.outcome;
  };
  for (let budget = FIRST_BUDGET_MS; lb < ub && !ctl.shouldStop(); budget *= 2) {
    const atLb = searchesAt(lb);
    if (!atLb) continue;
    if (search(atLb, budget) === 'stopped' && ctl.shouldStop()) break;
    for (let lo = lb + 1, hi = ub - 1; lo <= hi && !ctl.shouldStop(); ) {
      const c = Math.floor((lo + hi) / 2);
      const at = searchesAt(c);
      const outcome = at ? search(at, budget / BISECT_SHARE) : 'infeasible';
      if (outcome === 'infeasible') lo = c + 1;
      else hi = Math.min(c, ub) - 1;
    }
    // last the search at ub − 1, as long as the one at lb and resumed the same way: its proof closes the gap at
    // once, where the rise from lb proves every cycle value in it one by one
    const top = ub - 1;
    if (top <= lb) continue;
    const atTop = searchesAt(top);
    if (atTop) search(atTop, budget);
  }
  const padded = best.slice();
  while (padded.length < stations) padded.push([]);
  return ok({
    problem: 'salbp2',
    cycle: ub / scale,
    stations,
    optimal: lb >= ub,
    lowerBound: lb / scale,
    assignment: padded,
    ms: ctl.elapsed(),
    nodes,
  });
}
