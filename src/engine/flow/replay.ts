// One pass over the event log that every flow metric is read from: card positions, stage visits, completions, daily deltas.
import type { LogEntry as BoardEvent } from '../events.ts';

export const DAY_MS = 86_400_000;

export interface FlowOptions {
  /** Stage ids in value-stream order (upstream first). */
  stageIds: readonly string[];
  /** Epoch ms of "now": ages are measured to it and the daily series end on its day. */
  now: number;
  /** Local time minus UTC in minutes (e.g. 60 for CET), so days start at local midnight. Default 0. */
  utcOffsetMinutes?: number;
}

/** Growable Float64Array: amortised O(1) push without boxing numbers in a JS array. */
class F64 {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

class I32 {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export const ACTIVE = 0;
export const DONE = 1;
export const RETIRED = 2;

export interface Replay {
  stageIds: readonly string[];
  now: number;
  /** Epoch ms of the first day's local midnight, and the number of days up to and including now's day. */
  firstDayStart: number;
  dayCount: number;
  cardIds: string[];
  /** Per card: current stage index (-1 if not on a known stage), time it entered it, creation time, state. */
  cardStage: Int32Array;
  cardEnteredAt: Float64Array;
  cardCreatedAt: Float64Array;
  /** False when the log holds no 'create' for the card (log cut short), so its lead time is unknown. */
  cardCreateSeen: Uint8Array;
  cardState: Uint8Array;
  /** Finished stage visits: stage index and duration in ms. */
  visitStage: Int32Array;
  visitDuration: Float64Array;
  /** Completions with a known creation: card index, completion time, lead time in ms. */
  completionCard: Int32Array;
  completionAt: Float64Array;
  completionLead: Float64Array;
  /** Completions per day (all completions, including cards created before the log starts). */
  completionsPerDay: Int32Array;
  /** Change of each stage's card count per day, row-major [day * stageCount + stage]. */
  stageDelta: Int32Array;
  /** Change, per day, of how many cards have reached at least band b (stages, then 'done' at index stageCount). */
  reachedDelta: Int32Array;
  /** Σ over cards of time spent in process inside the window, in ms (the area under the WIP curve). */
  wipArea: number;
  windowStart: number;
  /** Events not used: unknown card or stage, after now, or out of place (e.g. a move of a completed card). */
  skipped: number;
}

export function orderOf(events: readonly BoardEvent[]): Int32Array | null {
  for (let i = 1; i < events.length; i++) {
    if (events[i].at < events[i - 1].at) {
      const idx = new Int32Array(events.length);
      for (let k = 0; k < idx.length; k++) idx[k] = k;
      // A stable sort keeps same-millisecond events in log order.
      return idx.sort((a, b) => events[a].at - events[b].at || a - b);
    }
  }
  return null;
}

export function replay(events: readonly BoardEvent[], options: FlowOptions): Replay {
  const { stageIds, now } = options;
  const offset = (options.utcOffsetMinutes ?? 0) * 60_000;
  const S = stageIds.length;
  const stageIndex = new Map<string, number>();
  stageIds.forEach((id, i) => stageIndex.set(id, i));
  const order = orderOf(events);
  const n = events.length;

  let firstAt = now;
  for (let k = 0; k < n; k++) {
    const at = events[order ? order[k] : k].at;
    if (Number.isFinite(at) && at <= now) {
      firstAt = at;
      break;
    }
  }
  const dayOf = (t: number) => Math.floor((t + offset) / DAY_MS);
  const firstDay = dayOf(firstAt);
  const dayCount = dayOf(now) - firstDay + 1;

  const cardIndex = new Map<string, number>();
  const cardIds: string[] = [];
  let cap = 1024;
  let cardStage = new Int32Array(cap);
  let cardEnteredAt = new Float64Array(cap);
  let cardCreatedAt = new Float64Array(cap);
  let cardCreateSeen = new Uint8Array(cap);
  let cardState = new Uint8Array(cap);
  let cardReached = new Int32Array(cap);

  const visitStage = new I32();
  const visitDuration = new F64();
  const completionCard = new I32();
  const completionAt = new F64();
  const completionLead = new F64();
  const completionsPerDay = new Int32Array(dayCount);
  const stageDelta = new Int32Array(dayCount * S);
  const reachedDelta = new Int32Array(dayCount * (S + 1));
  let wipArea = 0;
  let skipped = 0;

  const addCard = (id: string, at: number, seenCreate: boolean): number => {
    const c = cardIds.length;
    if (c === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      cardStage = grow(cardStage, (k) => new Int32Array(k));
      cardEnteredAt = grow(cardEnteredAt, (k) => new Float64Array(k));
      cardCreatedAt = grow(cardCreatedAt, (k) => new Float64Array(k));
      cardCreateSeen = grow(cardCreateSeen, (k) => new Uint8Array(k));
      cardState = grow(cardState, (k) => new Uint8Array(k));
      cardReached = grow(cardReached, (k) => new Int32Array(k));
    }
    cardIndex.set(id, c);
    cardIds.push(id);
    cardStage[c] = -1;
    cardEnteredAt[c] = at;
    cardCreatedAt[c] = at;
    cardCreateSeen[c] = seenCreate ? 1 : 0;
    cardState[c] = ACTIVE;
    cardReached[c] = -1;
    return c;
  };

  const raiseReached = (c: number, band: number, day: number) => {
    const was = cardReached[c];
    if (band <= was) return;
    const row = day * (S + 1);
    if (was >= 0) reachedDelta[row + was]--;
    reachedDelta[row + band]++;
    cardReached[c] = band;
  };

  const leave = (c: number, at: number, day: number, sample: boolean) => {
    const s = cardStage[c];
    if (s < 0) return;
    stageDelta[day * S + s]--;
    if (sample) {
      visitStage.push(s);
      visitDuration.push(at - cardEnteredAt[c]);
    }
  };

  const enter = (c: number, stageId: string | undefined, at: number, day: number) => {
    const s = stageId === undefined ? undefined : stageIndex.get(stageId);
    cardEnteredAt[c] = at;
    if (s === undefined) {
      cardStage[c] = -1;
      return;
    }
    cardStage[c] = s;
    stageDelta[day * S + s]++;
    raiseReached(c, s, day);
  };

  for (let k = 0; k < n; k++) {
    const e = events[order ? order[k] : k];
    const at = e.at;
    if (!Number.isFinite(at) || at > now || e.cardId === undefined) {
      if (e.type !== 'limit-change') skipped++;
      continue;
    }
    const day = dayOf(at) - firstDay;
    let c = cardIndex.get(e.cardId);
    switch (e.type) {
      case 'create': {
        if (c !== undefined) {
          skipped++;
          break;
        }
        c = addCard(e.cardId, at, true);
        enter(c, e.to ?? e.stageId, at, day);
        break;
      }
      case 'move':
      case 'undo': {
        // An undo carries from/to reversed, so for timing it is the move back.
        const to = e.to ?? (e.type === 'move' ? e.stageId : undefined);
        if (to === undefined) {
          skipped++;
          break;
        }
        if (c === undefined) c = addCard(e.cardId, at, false);
        else if (cardState[c] !== ACTIVE) {
          skipped++;
          break;
        }
        leave(c, at, day, true);
        enter(c, to, at, day);
        break;
      }
      case 'complete':
      case 'retire': {
        if (c === undefined) {
          // A card whose creation is before the log: it still counts as finished work that day.
          if (e.type === 'complete') completionsPerDay[day]++;
          else skipped++;
          break;
        }
        if (cardState[c] !== ACTIVE) {
          skipped++;
          break;
        }
        const done = e.type === 'complete';
        leave(c, at, day, done);
        cardStage[c] = -1;
        cardState[c] = done ? DONE : RETIRED;
        wipArea += at - cardCreatedAt[c];
        if (done) {
          completionsPerDay[day]++;
          raiseReached(c, S, day);
          if (cardCreateSeen[c]) {
            completionCard.push(c);
            completionAt.push(at);
            completionLead.push(at - cardCreatedAt[c]);
          }
        }
        break;
      }
      default:
        break;
    }
  }
  const cardCount = cardIds.length;
  for (let c = 0; c < cardCount; c++) if (cardState[c] === ACTIVE) wipArea += now - cardCreatedAt[c];

  return {
    stageIds,
    now,
    firstDayStart: firstDay * DAY_MS - offset,
    dayCount,
    cardIds,
    cardStage: cardStage.subarray(0, cardCount),
    cardEnteredAt: cardEnteredAt.subarray(0, cardCount),
    cardCreatedAt: cardCreatedAt.subarray(0, cardCount),
    cardCreateSeen: cardCreateSeen.subarray(0, cardCount),
    cardState: cardState.subarray(0, cardCount),
    visitStage: visitStage.view(),
    visitDuration: visitDuration.view(),
    completionCard: completionCard.view(),
    completionAt: completionAt.view(),
    completionLead: completionLead.view(),
    completionsPerDay,
    stageDelta,
    reachedDelta,
    wipArea,
    windowStart: firstAt,
    skipped,
  };
}
