// Applies a command to the store in ONE read-write transaction: read the slice the rule needs, decide, write records and events.
import Dexie from 'dexie';
import { decide, evolve, emptySnapshot, type Change, type Command, type Outcome, type Snapshot } from '../engine/commands/index.ts';
import type { BoardEvent } from '../engine/events.ts';
import { idSource, type IdSource } from '../engine/ids.ts';
import { err, ok, type Result } from '../engine/result.ts';
import { placeOnBoard, type PlainRecord } from './migrations.ts';
import type { StageRecord } from './records.ts';
import type { TaktDb } from './schema.ts';

export interface CommandMeta {
  /** Who the log records. */
  who: string;
  /** Unique per intent: a command sent twice (a retry) is applied once. Made here when absent. */
  commandId?: string;
  /** Epoch ms of the intent; defaults to the time of the call. */
  at?: number;
}

export interface Committed {
  events: BoardEvent[];
  outcome: Outcome;
  /** True when this command id had been applied before and nothing was written now. */
  duplicate?: boolean;
}

export type CommandResult = Result<Committed>;

const randomIds: IdSource = idSource(() => crypto.randomUUID());

const byId = <T extends { id: string }>(records: (T | undefined)[]) => Object.fromEntries(records.filter((r): r is T => !!r).map((r) => [r.id, r]));

/** Active cards on a stage: a native count over the sparse board index (completed and retired cards are not in it). */
export function stageCount(db: TaktDb, streamId: string, stageId: string): Promise<number> {
  return db.cards.where('[streamId+boardStageId]').equals([streamId, stageId]).count();
}

function streamStages(db: TaktDb, streamId: string): Promise<StageRecord[]> {
  return db.stages.where('[streamId+order]').between([streamId, -Infinity], [streamId, Infinity]).toArray();
}

/** The newest move of the stream that has not been undone yet, if any. */
async function lastUndoableMove(db: TaktDb, streamId: string) {
  const undone = new Set<number>();
  let found: Extract<BoardEvent, { type: 'move' }> | undefined;
  await db.events
    .where('[streamId+at]')
    .between([streamId, -Infinity], [streamId, Infinity])
    .reverse()
    .until(() => found !== undefined)
    .each((event) => {
      if (found) return;
      if (event.type === 'undo') undone.add(event.undoes);
      else if (event.type === 'move' && event.id !== undefined && !undone.has(event.id)) found = event;
    });
  return found;
}

/** The stream's stream record, stages, parts and loops: small, and what every value-stream rule looks at. */
async function loadStream(db: TaktDb, state: Snapshot, streamId: string | undefined) {
  if (!streamId) return;
  const [stream, stages, parts, loops] = await Promise.all([
    db.streams.get(streamId),
    streamStages(db, streamId),
    db.parts.where('streamId').equals(streamId).toArray(),
    db.loops.where('streamId').equals(streamId).toArray(),
  ]);
  Object.assign(state.streams, byId([stream]));
  Object.assign(state.stages, byId(stages));
  Object.assign(state.parts, byId(parts));
  Object.assign(state.loops, byId(loops));
}

async function loadCell(db: TaktDb, state: Snapshot, cellId: string | undefined) {
  if (!cellId) return;
  const [cell, stations, elements, scenarios] = await Promise.all([
    db.cells.get(cellId),
    db.stations.where('cellId').equals(cellId).toArray(),
    db.workElements.where('cellId').equals(cellId).toArray(),
    db.scenarios.where('cellId').equals(cellId).toArray(),
  ]);
  Object.assign(state.cells, byId([cell]));
  Object.assign(state.stations, byId(stations));
  Object.assign(state.workElements, byId(elements));
  Object.assign(state.scenarios, byId(scenarios));
}

async function count(db: TaktDb, state: Snapshot, streamId: string | undefined, stageId: string | undefined) {
  if (streamId && stageId) state.counts[stageId] = await stageCount(db, streamId, stageId);
}

/** Reads what the command's rule needs (run inside the transaction). Requests that do not depend on each other go out together. */
async function load(db: TaktDb, c: Command): Promise<Snapshot> {
  const state = emptySnapshot();
  switch (c.type) {
    case 'card.create': {
      const [stage, clash] = await Promise.all([db.stages.get(c.stageId), c.id ? db.cards.get(c.id) : undefined]);
      Object.assign(state.stages, byId([stage]));
      Object.assign(state.cards, byId([clash]));
      await count(db, state, c.streamId, stage?.id);
      break;
    }
    case 'card.move': {
      const [card, stage] = await Promise.all([db.cards.get(c.cardId), db.stages.get(c.toStageId)]);
      Object.assign(state.cards, byId([card]));
      Object.assign(state.stages, byId([stage]));
      await count(db, state, card?.streamId, stage?.id);
      break;
    }
    case 'card.undo-move': {
      const move = await lastUndoableMove(db, c.streamId);
      if (!move || move.id === undefined) break;
      state.undoable[c.streamId] = [{ eventId: move.id, cardId: move.cardId, from: move.from, to: move.to, previousEnteredAt: move.previousEnteredAt }];
      const [card, stage] = await Promise.all([db.cards.get(move.cardId), db.stages.get(move.from)]);
      Object.assign(state.cards, byId([card]));
      Object.assign(state.stages, byId([stage]));
      await count(db, state, card?.streamId, stage?.id);
      break;
    }
    case 'card.edit':
    case 'card.block':
    case 'card.unblock':
    case 'card.retire':
      Object.assign(state.cards, byId([await db.cards.get(c.cardId)]));
      break;
    case 'card.complete': {
      const card = await db.cards.get(c.cardId);
      Object.assign(state.cards, byId([card]));
      if (card) Object.assign(state.stages, byId(await streamStages(db, card.streamId)));
      break;
    }
    case 'stream.create':
    case 'stream.rename':
      Object.assign(state.streams, byId(await db.streams.toArray()));
      break;
    case 'stream.set-calendar':
    case 'stage.add':
    case 'stage.apply-proposals':
    case 'part.add':
    case 'loop.add':
      await loadStream(db, state, c.streamId);
      break;
    case 'stage.rename':
    case 'stage.move':
    case 'stage.remove':
    case 'stage.set-policy':
    case 'stage.set-loop':
    case 'stage.override-limit': {
      const stage = await db.stages.get(c.stageId);
      await loadStream(db, state, stage?.streamId);
      if (c.type === 'stage.remove') await count(db, state, stage?.streamId, stage?.id);
      break;
    }
    case 'part.update':
    case 'part.set-demand':
    case 'part.set-history':
      await loadStream(db, state, (await db.parts.get(c.partId))?.streamId);
      break;
    case 'loop.update':
      await loadStream(db, state, (await db.loops.get(c.loopId))?.streamId);
      break;
    case 'balance.apply':
    case 'station.add':
    case 'element.save':
    case 'elements.replace':
    case 'scenario.save':
      await loadCell(db, state, c.cellId);
      break;
    case 'element.move':
    case 'element.delete':
      await loadCell(db, state, (await db.workElements.get(c.elementId))?.cellId);
      break;
    case 'station.remove':
      await loadCell(db, state, (await db.stations.get(c.stationId))?.cellId);
      break;
    case 'scenario.delete':
      await loadCell(db, state, (await db.scenarios.get(c.scenarioId))?.cellId);
      break;
  }
  return state;
}

function write(db: TaktDb, change: Change): Promise<unknown> {
  const table = db.table(change.table);
  if (change.value === null) return table.delete(change.key);
  // A card's place in the sparse board index follows from its stage and whether it is still in circulation.
  const value = change.table === 'cards' ? placeOnBoard(change.value as unknown as PlainRecord) : change.value;
  return table.put(value);
}

/**
 * Decides and applies one command: everything it changes and every event it appends land in one read-write
 * transaction, or nothing does. IndexedDB serialises overlapping read-write transactions, also between tabs and
 * workers, so two screens can never both take the last free place of a hard stage.
 */
export async function applyCommand(db: TaktDb, command: Command, meta: CommandMeta, newId: IdSource = randomIds): Promise<CommandResult> {
  if (!command || typeof command !== 'object' || typeof command.type !== 'string') return err('A command must be an object with a type.', 'invalid');
  const commandId = meta.commandId ?? newId('command');
  const now = meta.at ?? Date.now();
  const tables = ['streams', 'stages', 'parts', 'loops', 'cards', 'cells', 'stations', 'workElements', 'scenarios', 'events'];
  try {
    return await db.transaction('rw', tables, async (): Promise<CommandResult> => {
      if (meta.commandId && (await db.events.where('commandId').equals(meta.commandId).count()) > 0) {
        return ok({ events: [], outcome: {}, duplicate: true });
      }
      const state = await load(db, command);
      const decision = decide(state, command, { now, who: meta.who, commandId, newId });
      if (!decision.ok) return decision;
      let current = state;
      const writes: Promise<unknown>[] = [];
      for (const event of decision.value.events) {
        const step = evolve(current, event as BoardEvent);
        current = step.state;
        for (const change of step.changes) writes.push(write(db, change));
      }
      const [ids] = await Promise.all([Promise.all(decision.value.events.map((event) => db.events.add(event as BoardEvent))), ...writes]);
      const events = decision.value.events.map((event, k) => ({ ...event, id: ids[k] }) as BoardEvent);
      return ok({ events, outcome: decision.value.outcome });
    });
  } catch (error) {
    // A storage failure (quota, a closed database) must reach the screen as a message, not an unhandled rejection.
    const message = error instanceof Dexie.DexieError ? `${error.name}: ${error.message}` : (error as Error)?.message ?? String(error);
    return err(`The change could not be saved: ${message}`);
  }
}
