// What a rule is given besides the state (clock, actor, id source) and what it gives back (events and an outcome to show).
import type { EventEnvelope, NewEvent } from '../events.ts';
import type { IdSource } from '../ids.ts';
import { ok, type Result, type StageLoad } from '../result.ts';

export interface DecideContext {
  /** Epoch ms the command takes effect at. */
  now: number;
  /** Who the log records. */
  who: string;
  commandId: string;
  newId: IdSource;
}

/** What the screen says back: the new record's id, how a pull went against the limit, how many records changed. */
export interface Outcome {
  id?: string;
  overLimit?: boolean;
  stage?: StageLoad;
  changed?: number;
}

export interface Decision {
  events: NewEvent[];
  outcome: Outcome;
}

export type Decided = Result<Decision>;

export const envelope = (ctx: DecideContext, streamId: string): EventEnvelope => ({
  streamId,
  at: ctx.now,
  who: ctx.who,
  commandId: ctx.commandId,
});

export const decided = (events: NewEvent[], outcome: Outcome = {}): Decided => ok({ events, outcome });

/** Longest name we accept: names label columns on a shop-floor screen, so they must stay short. */
export const MAX_NAME_LENGTH = 60;

/** The problem with a name, or null; `what` names the thing in the message ("The stage name"). */
export function nameProblem(what: string, name: string): string | null {
  if (typeof name !== 'string') return `${what} must be text.`;
  const trimmed = name.trim();
  if (!trimmed) return `${what} cannot be empty.`;
  if (trimmed.length > MAX_NAME_LENGTH) return `${what} must be at most ${MAX_NAME_LENGTH} characters; it has ${trimmed.length}.`;
  return null;
}

export const trimmedReason = (reason: string | undefined) => (typeof reason === 'string' && reason.trim() ? reason.trim() : undefined);
