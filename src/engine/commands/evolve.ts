// What an event does to the records: the one projection used to apply a decision, to replay a log and (later) on a server.
import type { BoardEvent } from '../events.ts';
import { LAYOUT_UNDO_DEPTH, type KanbanCard, type Stage } from '../model.ts';
import { cards, pieces } from '../units.ts';
import type { RecordTable, Snapshot } from './state.ts';

/** One record written (value) or deleted (null); the store applies these as they come. */
export interface Change {
  table: RecordTable;
  key: string;
  value: object | null;
}

/** A copy-on-write view of a snapshot that records every change made through it. */
class Draft {
  readonly changes: Change[] = [];
  private readonly copied = new Set<string>();
  readonly state: Snapshot;

  constructor(state: Snapshot) {
    this.state = { ...state };
  }

  private table<T extends RecordTable>(table: T): Snapshot[T] {
    if (!this.copied.has(table)) {
      this.copied.add(table);
      (this.state as unknown as Record<string, unknown>)[table] = { ...this.state[table] };
    }
    return this.state[table];
  }

  put<T extends RecordTable>(table: T, value: Snapshot[T][string]) {
    (this.table(table) as Record<string, unknown>)[value.id] = value;
    this.changes.push({ table, key: value.id, value });
  }

  remove(table: RecordTable, key: string) {
    delete (this.table(table) as Record<string, unknown>)[key];
    this.changes.push({ table, key, value: null });
  }

  count(stageId: string, delta: number) {
    if (!this.copied.has('counts')) {
      this.copied.add('counts');
      this.state.counts = { ...this.state.counts };
    }
    this.state.counts[stageId] = (this.state.counts[stageId] ?? 0) + delta;
  }

  undoable(streamId: string, update: (moves: Snapshot['undoable'][string]) => Snapshot['undoable'][string]) {
    this.state.undoable = { ...this.state.undoable, [streamId]: update(this.state.undoable[streamId] ?? []) };
  }
}

function placeCard(draft: Draft, card: KanbanCard, toStageId: string, at: number) {
  if (!card.retired) draft.count(card.stageId, -1);
  draft.count(toStageId, 1);
  draft.put('cards', { ...card, stageId: toStageId, enteredStageAt: at });
}

function renumber(draft: Draft, order: readonly string[]) {
  order.forEach((id, index) => {
    const stage = draft.state.stages[id];
    if (stage && stage.order !== index) draft.put('stages', { ...stage, order: index });
  });
}

/**
 * Applies one stored event to the state: the new state and the record changes it took. Events name what they changed
 * in full, so this never decides anything; an event about a record the state does not hold changes nothing.
 */
export function evolve(state: Snapshot, event: BoardEvent): { state: Snapshot; changes: Change[] } {
  const draft = new Draft(state);
  const s = draft.state;
  const card = 'cardId' in event ? s.cards[event.cardId] : undefined;
  switch (event.type) {
    case 'create':
      if (event.card) {
        draft.count(event.card.stageId, 1);
        draft.put('cards', event.card);
      }
      break;
    case 'move':
      if (card) placeCard(draft, card, event.to, event.at);
      if (event.id !== undefined) {
        const ref = { eventId: event.id, cardId: event.cardId, from: event.from, to: event.to, previousEnteredAt: event.previousEnteredAt };
        draft.undoable(event.streamId, (moves) => [...moves, ref]);
      }
      break;
    case 'undo':
      if (card) placeCard(draft, card, event.to, event.enteredStageAt ?? event.at);
      draft.undoable(event.streamId, (moves) => moves.filter((m) => m.eventId !== event.undoes));
      break;
    case 'edit':
      if (card) {
        const { loopId, note, ...rest } = event.fields;
        const next: KanbanCard = { ...card, ...rest, quantity: pieces(rest.quantity) };
        delete next.loopId;
        delete next.note;
        draft.put('cards', { ...next, ...(loopId ? { loopId } : {}), ...(note ? { note } : {}) });
      }
      break;
    case 'block':
      if (card) draft.put('cards', { ...card, blocked: true, blockedReason: event.reason });
      break;
    case 'unblock':
      if (card) {
        const next = { ...card, blocked: false };
        delete next.blockedReason;
        draft.put('cards', next);
      }
      break;
    case 'complete':
    case 'retire':
      if (card && !card.retired) {
        draft.count(card.stageId, -1);
        draft.put('cards', { ...card, retired: true, ...(event.type === 'complete' ? { enteredStageAt: event.at } : {}) });
      }
      break;
    case 'limit-change': {
      const stage = s.stages[event.stageId];
      if (stage) {
        const next: Stage = { ...stage, cardLimit: cards(event.newLimit) };
        if (event.overrideReason) next.limitOverrideReason = event.overrideReason;
        else delete next.limitOverrideReason;
        draft.put('stages', next);
      }
      break;
    }
    case 'stream-created':
      draft.put('streams', event.stream);
      break;
    case 'stream-renamed': {
      const stream = s.streams[event.streamId];
      if (stream) draft.put('streams', { ...stream, name: event.name });
      break;
    }
    case 'calendar-set': {
      const stream = s.streams[event.streamId];
      if (stream) draft.put('streams', { ...stream, calendar: event.calendar });
      break;
    }
    case 'stage-added':
      draft.count(event.stage.id, 0);
      draft.put('stages', event.stage);
      break;
    case 'stage-renamed': {
      const stage = s.stages[event.stageId];
      if (stage) draft.put('stages', { ...stage, name: event.name });
      break;
    }
    case 'stages-reordered':
      renumber(draft, event.order);
      break;
    case 'stage-removed':
      if (s.stages[event.stageId]) draft.remove('stages', event.stageId);
      break;
    case 'stage-policy-set': {
      const stage = s.stages[event.stageId];
      if (stage) draft.put('stages', { ...stage, policy: event.policy });
      break;
    }
    case 'stage-loop-set': {
      const stage = s.stages[event.stageId];
      if (stage) {
        const next = { ...stage };
        if (event.loopId) next.loopId = event.loopId;
        else delete next.loopId;
        draft.put('stages', next);
      }
      break;
    }
    case 'part-added':
    case 'part-updated':
      draft.put('parts', event.part);
      break;
    case 'loop-added':
    case 'loop-updated':
      draft.put('loops', event.loop);
      break;
    case 'cell-laid-out':
    case 'layout-undone': {
      const kept = new Set(event.stations.map((st) => st.id));
      for (const station of Object.values(s.stations)) if (station.cellId === event.cellId && !kept.has(station.id)) draft.remove('stations', station.id);
      for (const station of event.stations) draft.put('stations', station);
      if (event.type === 'layout-undone') for (const id of event.deleted ?? []) if (s.workElements[id]) draft.remove('workElements', id);
      for (const element of event.elements) draft.put('workElements', element);
      const cell = s.cells[event.cellId];
      if (cell && event.type === 'layout-undone') draft.put('cells', { ...cell, layoutUndo: (cell.layoutUndo ?? []).slice(0, -1) });
      else if (cell && event.type === 'cell-laid-out' && event.undoStep)
        draft.put('cells', { ...cell, layoutUndo: [...(cell.layoutUndo ?? []), event.undoStep].slice(-LAYOUT_UNDO_DEPTH) });
      break;
    }
    case 'elements-changed':
      for (const id of event.deleted) if (s.workElements[id]) draft.remove('workElements', id);
      for (const element of event.elements) draft.put('workElements', element);
      if (event.undoStep) {
        const cell = s.cells[event.cellId];
        if (cell) draft.put('cells', { ...cell, layoutUndo: [...(cell.layoutUndo ?? []), event.undoStep].slice(-LAYOUT_UNDO_DEPTH) });
      }
      break;
    case 'cell-cycle-set': {
      const cell = s.cells[event.cellId];
      if (cell) {
        const next = { ...cell };
        if (event.cycle === null) delete next.cycle;
        else next.cycle = event.cycle;
        draft.put('cells', next);
      }
      break;
    }
    case 'scenario-saved':
      draft.put('scenarios', event.scenario);
      break;
    case 'scenario-deleted':
      if (s.scenarios[event.scenarioId]) draft.remove('scenarios', event.scenarioId);
      break;
  }
  return { state: draft.state, changes: draft.changes };
}

/** The state a log rebuilds from empty (or from `start`), events in log order. */
export function replayLog(events: Iterable<BoardEvent>, start: Snapshot): Snapshot {
  let state = start;
  for (const event of events) state = evolve(state, event).state;
  return state;
}
