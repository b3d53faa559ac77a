// Checks a balancing instance before any solver sees it, with messages that say what to fix.
import { ok, err, type Result } from '../result.ts';
import { taskLabel, type BalanceInstance } from './instance.ts';

export interface ValidInstance {
  /** A topological order of the tasks (every predecessor before its successors). */
  order: number[];
}

/**
 * Validates the instance and, when a cycle time is given, that it is positive and that every task fits in it.
 * A precedence cycle is reported with the tasks on it, since that is what the planner has to break.
 */
export function validateInstance(inst: BalanceInstance, cycle?: number): Result<ValidInstance> {
  const n = inst.taskCount;
  if (!Number.isInteger(n) || n < 1) return err(`The instance needs at least one task (task count is ${n}).`);
  if (!Array.isArray(inst.times) || inst.times.length !== n)
    return err(`The instance has ${n} tasks but ${inst.times?.length ?? 0} task times.`);
  for (let i = 0; i < n; i++) {
    const t = inst.times[i]!;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0)
      return err(`${taskLabel(inst, i)} has time ${String(t)}; a task time must be a number of at least 0.`);
  }
  const succ: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Array<number>(n).fill(0);
  for (const arc of inst.arcs) {
    const [a, b] = arc;
    for (const x of [a, b])
      if (!Number.isInteger(x) || x < 0 || x >= n)
        return err(`The precedence arc ${a + 1} → ${b + 1} names an unknown task ${x + 1} (tasks are 1 to ${n}).`);
    if (a === b) return err(`${taskLabel(inst, a)} is listed as its own predecessor; remove that arc.`);
    succ[a]!.push(b);
    indeg[b]!++;
  }
  if (cycle !== undefined) {
    if (!Number.isFinite(cycle) || cycle <= 0) return err(`The cycle time must be positive (got ${cycle}).`);
    for (let i = 0; i < n; i++)
      if (inst.times[i]! > cycle)
        return err(`${taskLabel(inst, i)} takes ${inst.times[i]}, longer than the cycle time ${cycle}; no station can hold it.`);
  }
  // Kahn's algorithm; whatever is left over lies on or behind a precedence cycle.
  const order: number[] = [];
  const deg = indeg.slice();
  for (let i = 0; i < n; i++) if (deg[i] === 0) order.push(i);
  for (let h = 0; h < order.length; h++)
    for (const s of succ[order[h]!]!) if (--deg[s]! === 0) order.push(s);
  if (order.length < n) {
    const cycleTasks = findCycle(n, succ, deg);
    return err(
      `The precedence relations contain a cycle: ${cycleTasks.map((i) => taskLabel(inst, i)).join(' → ')} → ${taskLabel(inst, cycleTasks[0]!)}. Remove one of these arcs.`,
    );
  }
  return ok({ order });
}

/** Walks forward among tasks Kahn could not order; each has a leftover predecessor, so walking backward finds a cycle. */
function findCycle(n: number, succ: number[][], deg: number[]): number[] {
  const pred: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++) for (const b of succ[a]!) if (deg[a]! > 0 && deg[b]! > 0) pred[b]!.push(a);
  let v = deg.findIndex((d) => d > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(v)) {
    seenAt.set(v, path.length);
    path.push(v);
    v = pred[v]![0]!;
  }
  return path.slice(seenAt.get(v)).reverse();
}

/** Checks a station count for SALBP-2. */
export function validateStations(inst: BalanceInstance, stations: number): Result<number> {
  if (!Number.isInteger(stations) || stations < 1)
    return err(`The number of stations must be a whole number of at least 1 (got ${stations}).`);
  if (stations > inst.taskCount) return ok(inst.taskCount);
  return ok(stations);
}
