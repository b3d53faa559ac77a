// The andon: a blocked card is a call for help. Raised by the block, acknowledged ("help is coming"), resolved by the
// unblock; each step is an event in the log. These are pure readings of that log for the TV and the flow view.
import type { LogEntry } from './events.ts';

export type AndonLevel = 'raised' | 'escalated' | 'acknowledged';

export interface Andon {
  cardId: string;
  stageId: string;
  reason: string;
  raisedAt: number;
  raisedBy: string;
  acknowledged?: { by: string; at: number };
  level: AndonLevel;
  /** Milliseconds since it was raised. */
  openFor: number;
}

/** Default time an andon may wait unacknowledged before it escalates: five minutes, a common first escalation step. */
export const ESCALATE_AFTER_MS = 5 * 60_000;

/** An open andon's level: acknowledged once someone answered, escalated when it waited longer than the limit without an answer. */
export function andonLevel(raisedAt: number, acknowledgedAt: number | undefined, now: number, escalateAfterMs = ESCALATE_AFTER_MS): AndonLevel {
  if (acknowledgedAt !== undefined) return 'acknowledged';
  return now - raisedAt >= escalateAfterMs ? 'escalated' : 'raised';
}

const RANK: Record<AndonLevel, number> = { escalated: 0, raised: 1, acknowledged: 2 };

/** Open andons as read from the log, before the clock gives them a level. */
export type OpenCall = Omit<Andon, 'level' | 'openFor'>;

/** The andons still open after the log (in time order): one per blocked card, with the time it was first raised. */
export function openCalls(events: readonly LogEntry[]): OpenCall[] {
  const open = new Map<string, OpenCall>();
  for (const e of events) {
    const cardId = e.cardId;
    if (!cardId) continue;
    switch (e.type) {
      case 'block': {
        const before = open.get(cardId);
        // A changed reason on a card already blocked keeps the time it was first raised and any answer.
        open.set(cardId, {
          cardId,
          stageId: String(e.stageId ?? before?.stageId ?? ''),
          reason: String(e.reason ?? ''),
          raisedAt: before?.raisedAt ?? e.at,
          raisedBy: before?.raisedBy ?? String(e.who ?? ''),
          ...(before?.acknowledged ? { acknowledged: before.acknowledged } : {}),
        });
        break;
      }
      case 'andon-acknowledged': {
        const andon = open.get(cardId);
        if (andon) andon.acknowledged = { by: String((e as LogEntry & { by?: string }).by ?? e.who ?? ''), at: e.at };
        break;
      }
      case 'unblock':
      case 'complete':
      case 'retire':
        open.delete(cardId);
        break;
      case 'move':
      case 'undo': {
        const andon = open.get(cardId);
        if (andon && typeof e.to === 'string') andon.stageId = e.to;
        break;
      }
    }
  }
  return [...open.values()];
}

/** Open calls at the clock's time, as the TV lists them: escalated first, then unanswered, then acknowledged; oldest first within each. */
export function atTime(calls: readonly OpenCall[], now: number, escalateAfterMs = ESCALATE_AFTER_MS): Andon[] {
  return calls
    .map((a) => ({ ...a, level: andonLevel(a.raisedAt, a.acknowledged?.at, now, escalateAfterMs), openFor: Math.max(0, now - a.raisedAt) }))
    .sort((a, b) => RANK[a.level] - RANK[b.level] || a.raisedAt - b.raisedAt);
}

/** The open andons after the log, at the time `now`. */
export function openAndons(events: readonly LogEntry[], now: number, escalateAfterMs = ESCALATE_AFTER_MS): Andon[] {
  return atTime(openCalls(events), now, escalateAfterMs);
}

/**
 * Blocked time per stage in milliseconds: from each block to its unblock (or completion, retirement, or `now` if
 * still blocked), charged to the stage the card was blocked in. Optionally only the part after `since`.
 */
export function blockedTimeByStage(events: readonly LogEntry[], now: number, since = -Infinity): Record<string, number> {
  const blockedAt = new Map<string, { stageId: string; at: number }>();
  const total: Record<string, number> = {};
  const close = (cardId: string, at: number) => {
    const open = blockedAt.get(cardId);
    if (!open) return;
    const from = Math.max(open.at, since);
    if (at > from) total[open.stageId] = (total[open.stageId] ?? 0) + (at - from);
    blockedAt.delete(cardId);
  };
  for (const e of events) {
    const cardId = e.cardId;
    if (!cardId) continue;
    if (e.type === 'block') {
      if (!blockedAt.has(cardId)) blockedAt.set(cardId, { stageId: String(e.stageId ?? ''), at: e.at });
    } else if (e.type === 'unblock' || e.type === 'complete' || e.type === 'retire') {
      close(cardId, e.at);
    } else if ((e.type === 'move' || e.type === 'undo') && blockedAt.has(cardId) && typeof e.to === 'string') {
      // A blocked card moved on: the time so far belongs to the stage it left, the rest to where it went.
      close(cardId, e.at);
      blockedAt.set(cardId, { stageId: e.to, at: e.at });
    }
  }
  for (const cardId of [...blockedAt.keys()]) close(cardId, now);
  return total;
}
