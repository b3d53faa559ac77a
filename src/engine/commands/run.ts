// A command applied to an in-memory state: decide, number the events, evolve. What a store does, minus the storage.
import type { BoardEvent } from '../events.ts';
import type { Result } from '../result.ts';
import { ok } from '../result.ts';
import type { Command } from './command.ts';
import { decide } from './decide.ts';
import type { DecideContext, Outcome } from './decision.ts';
import { evolve, type Change } from './evolve.ts';
import type { Snapshot } from './state.ts';

export interface Applied {
  state: Snapshot;
  events: BoardEvent[];
  changes: Change[];
  outcome: Outcome;
}

/** Decides `command` on `state` and evolves it by the events, numbered from `nextEventId`. Refused: nothing changes. */
export function runCommand(state: Snapshot, command: Command, ctx: DecideContext, nextEventId: number): Result<Applied> {
  const decision = decide(state, command, ctx);
  if (!decision.ok) return decision;
  let current = state;
  const events: BoardEvent[] = [];
  const changes: Change[] = [];
  for (const [k, event] of decision.value.events.entries()) {
    const stored = { ...event, id: nextEventId + k } as BoardEvent;
    const step = evolve(current, stored);
    current = step.state;
    events.push(stored);
    changes.push(...step.changes);
  }
  return ok({ state: current, events, changes, outcome: decision.value.outcome });
}
