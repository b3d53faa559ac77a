// Balance metrics for any assignment, including the incomplete or invalid ones a planner makes by hand on the board.
import type { BalanceInstance } from './instance.ts';
import { taskLabel } from './instance.ts';

export type Violation =
  | { kind: 'precedence'; before: number; after: number; message: string }
  | { kind: 'over-cycle'; station: number; load: number; message: string }
  | { kind: 'unassigned'; task: number; message: string }
  | { kind: 'duplicate'; task: number; message: string }
  | { kind: 'unknown-task'; task: number; station: number; message: string };

export interface BalanceMetrics {
  stationTimes: number[];
  /** c − station time: negative for a station over the cycle (its overload), never hidden as 0. */
  idle: number[];
  /** Σ of the positive idle times. */
  totalIdle: number;
  /** Σ of the time stations run over the cycle (0 for a valid balance). */
  overload: number;
  /** False when a station is over the cycle or a precedence rule is broken (or a task is twice or unknown). */
  valid: boolean;
  /** Line efficiency Σt / (m·c), over the tasks placed on the board. */
  efficiency: number;
  /** 1 − efficiency. */
  balanceDelay: number;
  /** √Σ(max station time − station time)². */
  smoothness: number;
  /** ⌈Σt / c⌉ over all tasks of the instance. */
  theoreticalMinStations: number;
  violations: Violation[];
}

/** Reports, never throws: the drag board shows these while a balance is still being built. */
export function balanceMetrics(inst: BalanceInstance, assignment: number[][], cycle: number): BalanceMetrics {
  const n = inst.taskCount;
  const violations: Violation[] = [];
  const stationOf = new Map<number, number>();
  const stationTimes = assignment.map((tasks, s) => {
    let load = 0;
    for (const j of tasks) {
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        violations.push({ kind: 'unknown-task', task: j, station: s, message: `Station ${s + 1} holds an unknown task ${j + 1}.` });
        continue;
      }
      if (stationOf.has(j)) {
        violations.push({ kind: 'duplicate', task: j, message: `${cap(taskLabel(inst, j))} is in stations ${stationOf.get(j)! + 1} and ${s + 1}.` });
        continue;
      }
      stationOf.set(j, s);
      load += inst.times[j] ?? 0;
    }
    return load;
  });
  const m = assignment.length;
  // A station over the cycle shows its overload as negative idle (issue 19: it used to read as "0 s" idle).
  const idle = stationTimes.map((t) => cycle - t);
  const totalIdle = idle.reduce((a, b) => a + Math.max(0, b), 0);
  const overload = idle.reduce((a, b) => a + Math.max(0, -b), 0);
  const placed = stationTimes.reduce((a, b) => a + b, 0);
  const efficiency = m > 0 && cycle > 0 ? placed / (m * cycle) : 0;
  const tmax = Math.max(0, ...stationTimes);
  const smoothness = Math.sqrt(stationTimes.reduce((a, t) => a + (tmax - t) ** 2, 0));
  const total = inst.times.reduce((a, b) => a + b, 0);
  stationTimes.forEach((load, s) => {
    if (load > cycle)
      violations.push({ kind: 'over-cycle', station: s, load, message: `Station ${s + 1} takes ${load}, over the cycle time ${cycle}.` });
  });
  for (const [a, b] of inst.arcs) {
    const sa = stationOf.get(a);
    const sb = stationOf.get(b);
    if (sa !== undefined && sb !== undefined && sa > sb)
      violations.push({
        kind: 'precedence',
        before: a,
        after: b,
        message: `${cap(taskLabel(inst, a))} (station ${sa + 1}) must come before ${taskLabel(inst, b)} (station ${sb + 1}).`,
      });
  }
  for (let j = 0; j < n; j++)
    if (!stationOf.has(j)) violations.push({ kind: 'unassigned', task: j, message: `${cap(taskLabel(inst, j))} is not assigned to a station.` });
  return {
    stationTimes,
    idle,
    totalIdle,
    overload,
    valid: !violations.some((v) => v.kind !== 'unassigned'),
    efficiency,
    balanceDelay: 1 - efficiency,
    smoothness,
    theoreticalMinStations: cycle > 0 ? Math.ceil(total / cycle - 1e-9) : 0,
    violations,
  };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
