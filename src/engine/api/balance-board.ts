// The board's balance as the engine takes it (elements by id, stations in line order) and its mapping to a solver instance.
import { ok, err, type Result } from '../result.ts';
import { validateInstance, type BalanceInstance } from '../balance/index.ts';

/** A work element as the board sends it: ids, not indices, so the board never deals with task numbers. */
export interface BoardElement {
  id: string;
  name: string;
  time: number;
  predecessors: string[];
}

/** The board's current balance: stations in line order, each with its elements in working order. */
export interface BoardBalance {
  elements: BoardElement[];
  stations: { id: string; name: string; elementIds: string[] }[];
  cycle: number;
}

/** The board's elements as a solver instance: task i is elements[i]; predecessors become arcs. */
export function instanceFromElements(elements: readonly BoardElement[]): Result<BalanceInstance> {
  const index = new Map(elements.map((e, i) => [e.id, i]));
  const arcs: [number, number][] = [];
  for (let j = 0; j < elements.length; j++) {
    for (const p of elements[j]!.predecessors) {
      const i = index.get(p);
      if (i === undefined) return err(`"${elements[j]!.name}" names a predecessor that is not in this cell (${p}).`);
      arcs.push([i, j]);
    }
  }
  return ok({ taskCount: elements.length, times: elements.map((e) => e.time), arcs, names: elements.map((e) => e.name) });
}

/** Whether the elements can be balanced at all: times valid, predecessors known, no precedence cycle (named task by task). */
export function validateElements(elements: BoardElement[]): Result<true> {
  if (elements.length === 0) return ok(true);
  const inst = instanceFromElements(elements);
  if (!inst.ok) return inst;
  const v = validateInstance(inst.value);
  return v.ok ? ok(true) : err(v.error.replace(/task \d+ "([^"]*)"/g, '"$1"'));
}
