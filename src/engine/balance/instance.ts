// The line-balancing data model: work elements with times, precedence arcs, and the solver's options and results.

/** A balancing instance: task times (0-based), arcs [i, j] meaning task i must be done before task j. */
export interface BalanceInstance {
  taskCount: number;
  times: number[];
  arcs: [number, number][];
  names?: string[];
  /** The cycle time stored with the instance (the .alb format carries one), if any. */
  cycle?: number;
}

export interface SolveProgress {
  lowerBound: number;
  upperBound: number;
  /** The best balance so far (0-based task indices per station), sent when it improves. */
  best?: number[][];
  elapsedMs: number;
}

/**
 * Milliseconds on a monotonic clock. The engine reads no clock of its own (the purity test holds it to that), so
 * whoever runs a solver passes one: the engine worker and the command line pass performance.now.
 */
export type Clock = () => number;

export interface SolveOptions {
  /** The time limit, the progress throttling and the time shares between the searches all read this. */
  now: Clock;
  /** Wall-clock budget; without it the search runs until it proves optimality or shouldStop says stop. */
  timeLimitMs?: number;
  /** Polled during the search; returning true ends it with the best balance found so far. */
  shouldStop?: () => boolean;
  /** Called on each improvement and otherwise at most every ~100 ms. */
  onProgress?: (p: SolveProgress) => void;
}

export interface SolveResult {
  problem: 'salbp1' | 'salbp2';
  cycle: number;
  stations: number;
  /** True when lowerBound equals the objective: no better balance exists. */
  optimal: boolean;
  /** A proven bound on the objective: stations for SALBP-1, cycle time for SALBP-2. */
  lowerBound: number;
  /** 0-based task indices, station by station, each station in a precedence-feasible order. */
  assignment: number[][];
  ms: number;
  /** Search effort (station nodes expanded), for benchmarks. */
  nodes?: number;
}

/** How a task is named in messages: its own name when it has one, else its 1-based number. */
export const taskLabel = (inst: Pick<BalanceInstance, 'names'>, i: number): string => {
  const name = inst.names?.[i];
  return name !== undefined && name !== '' ? `task ${i + 1} "${name}"` : `task ${i + 1}`;
};
