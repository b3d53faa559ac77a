// The solver jobs (SALBP-1, SALBP-2) on the board's elements: element ids in, proposals and progress out.
import { ok, err, type Result } from '../result.ts';
import { levelBalance, solveSalbp1, solveSalbp2, type BalanceInstance, type Clock, type SolveOptions, type SolveResult } from '../balance/index.ts';
import { instanceFromElements, type BoardElement } from './balance-board.ts';

/** A proposal from the solver, mapped back from task indices to the board's element ids. */
export interface Proposal {
  result: Omit<SolveResult, 'assignment'>;
  stations: string[][];
  /** Levelling after a proven SALBP-1 station count (asked with `level`); the stations are then the levelled ones. */
  level?: LevelSummary;
}

/** What levelling did: the longest station and the smoothness index before and after, and what is proven. */
export interface LevelSummary {
  maxBefore: number;
  maxLoad: number;
  maxLoadOptimal: boolean;
  maxLoadLowerBound: number;
  smoothnessBefore: number;
  smoothness: number;
  /** Always false: the smoothness step is a local search. */
  smoothnessOptimal: false;
  ms: number;
}

export interface SolveJobArgs {
  elements: BoardElement[];
  /** SALBP-1: the cycle (takt) to meet. */
  cycle?: number;
  /** SALBP-2: the number of stations (operators). */
  stations?: number;
  timeLimitMs?: number;
  /** SALBP-1: once the station count is proven, level the loads at that count (SALBP-2, then smoothness). */
  level?: boolean;
  /** Time for levelling (default: timeLimitMs, else none). */
  levelTimeLimitMs?: number;
}

/** Progress with the best balance so far as element ids, so a cancelled run still leaves a usable proposal. */
export interface JobProgress {
  lowerBound: number;
  upperBound: number;
  elapsedMs: number;
  best?: string[][];
  /** 'stations': the SALBP-1 search (bounds are station counts); 'level': levelling (bounds are the longest station). */
  phase?: 'stations' | 'level';
}

/**
 * The worker that runs a job passes its clock as the third argument: the solver needs one for its time limit and
 * the time shares of its searches, and the engine reads none itself. The parameter is optional only because the
 * client infers a job's argument and progress types from a two-parameter signature; a job run without a clock is
 * refused rather than timed by guesswork.
 */
function runSolver(
  args: SolveJobArgs,
  report: (p: JobProgress) => void,
  now: Clock | undefined,
  solve: (inst: BalanceInstance, opts: SolveOptions) => Result<SolveResult>,
  levelAfter = false,
): Result<Proposal> {
  if (!now) return err('The solver needs a clock: run it as a job of the engine worker, which supplies one.');
  const inst = instanceFromElements(args.elements);
  if (!inst.ok) return inst;
  const ids = args.elements.map((e) => e.id);
  const toIds = (stations: number[][]) => stations.map((s) => s.map((i) => ids[i]!));
  const r = solve(inst.value, {
    now,
    onProgress: (p) =>
      report({ phase: 'stations', lowerBound: p.lowerBound, upperBound: p.upperBound, elapsedMs: p.elapsedMs, ...(p.best ? { best: toIds(p.best) } : {}) }),
    ...(args.timeLimitMs ? { timeLimitMs: args.timeLimitMs } : {}),
  });
  if (!r.ok) return err(r.error.replace(/task \d+ "([^"]*)"/g, '"$1"'));
  const { assignment, ...result } = r.value;
  if (!levelAfter || !r.value.optimal || r.value.problem !== 'salbp1') return ok({ result, stations: toIds(assignment) });
  const limit = args.levelTimeLimitMs ?? args.timeLimitMs;
  const l = levelBalance(inst.value, assignment, {
    now,
    onProgress: (p) =>
      report({ phase: 'level', lowerBound: p.lowerBound, upperBound: p.upperBound, elapsedMs: p.elapsedMs, ...(p.best ? { best: toIds(p.best) } : {}) }),
    ...(limit ? { timeLimitMs: limit } : {}),
  });
  if (!l.ok) return ok({ result, stations: toIds(assignment) });
  const v = l.value;
  const level: LevelSummary = {
    maxBefore: v.maxBefore,
    maxLoad: v.maxLoad,
    maxLoadOptimal: v.maxLoadOptimal,
    maxLoadLowerBound: v.maxLoadLowerBound,
    smoothnessBefore: v.smoothnessBefore,
    smoothness: v.smoothness,
    smoothnessOptimal: false,
    ms: v.ms,
  };
  return ok({ result, stations: toIds(v.assignment), level });
}

export const balanceJobs = {
  /** Fewest stations for the cycle (takt). */
  salbp1: (args: SolveJobArgs, report: (progress: JobProgress) => void, now?: Clock): Result<Proposal> =>
    runSolver(args, report, now, (inst, opts) => solveSalbp1(inst, args.cycle ?? NaN, opts), args.level === true),
  /** Shortest cycle for a number of stations (operators). */
  salbp2: (args: SolveJobArgs, report: (progress: JobProgress) => void, now?: Clock): Result<Proposal> =>
    runSolver(args, report, now, (inst, opts) => solveSalbp2(inst, args.stations ?? NaN, opts)),
};
