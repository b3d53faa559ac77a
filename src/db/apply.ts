// Applies a command to the store in ONE read-write transaction: read the slice the rule needs, decide, write records and events.
import { decide, evolve, loadFor, undoScanner, type Change, type Command, type Outcome, type StateReader } from '../engine/commands/index.ts';

import type { BoardEvent } from '../engine/events.ts';
import type { IdSource } from '../engine/ids.ts';
import { randomIds } from './random-ids.ts';
import { err, ok, type Result } from '../engine/result.ts';
import { placeOnBoard, type PlainRecord } from './migrations.ts';
import type { TaktDb } from './schema.ts';
import { classifyStorageError, storageFailureMessage } from './storage-errors.ts';

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


/** Active cards on a stage: a native count over the sparse board index (completed and retired cards are not in it). */
export function stageCount(db: TaktDb, streamId: string, stageId: string): Promise<number> {
  return db.cards.where('[streamId+boardStageId]').equals([streamId, stageId]).count();
}

/** Feeds a stream's stored log to `consider`, newest first by log order (event id, not `at`: a sender's clock may run backwards), until it answers. */
export async function newestInLog<T>(db: TaktDb, streamId: string, consider: (event: BoardEvent) => T | undefined): Promise<T | undefined> {
  let found: T | undefined;
  await db.events
    .where('streamId')
    .equals(streamId)
    .reverse()
    .until(() => found !== undefined)
    .each((event) => {
      if (found === undefined) found = consider(event);
    });
  return found;
}

/** The engine's StateReader over the Dexie tables (call inside a transaction that covers them). */
export function dexieReader(db: TaktDb): StateReader {
  return {
    stream: (id) => db.streams.get(id),
    allStreams: () => db.streams.toArray(),
    stage: (id) => db.stages.get(id),
    card: (id) => db.cards.get(id),
    part: (id) => db.parts.get(id),
    loop: (id) => db.loops.get(id),
    cell: (id) => db.cells.get(id),
    station: (id) => db.stations.get(id),
    workElement: (id) => db.workElements.get(id),
    scenario: (id) => db.scenarios.get(id),
    async streamParts(streamId) {
      const [stages, parts, loops] = await Promise.all([
        db.stages.where('[streamId+order]').between([streamId, -Infinity], [streamId, Infinity]).toArray(),
        db.parts.where('streamId').equals(streamId).toArray(),
        db.loops.where('streamId').equals(streamId).toArray(),
      ]);
      return { stages, parts, loops };
    },
    async cellParts(cellId) {
      const [stations, workElements, scenarios] = await Promise.all([
        db.stations.where('cellId').equals(cellId).toArray(),
        db.workElements.where('cellId').equals(cellId).toArray(),
        db.scenarios.where('cellId').equals(cellId).toArray(),
      ]);
      return { stations, workElements, scenarios };
    },
    activeCount: (streamId, stageId) => stageCount(db, streamId, stageId),
    lastUndoableMove: (streamId) => newestInLog(db, streamId, undoScanner(streamId)),
  };
}

/** Writes one record change; a card's place in the sparse board index follows from its stage and circulation. */
export function writeChange(db: TaktDb, change: Change): Promise<unknown> {
  const table = db.table(change.table);
  if (change.value === null) return table.delete(change.key);
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
  // A database the browser closed (a full disk can abort and close it) is opened again before this write.
  const reopened = await reconnect(db);
  if (!reopened.ok) return reopened;
  const tables = ['streams', 'stages', 'parts', 'loops', 'cards', 'cells', 'stations', 'workElements', 'scenarios', 'events'];
  try {
    return await db.transaction('rw', tables, async (): Promise<CommandResult> => {
      if (meta.commandId && (await db.events.where('commandId').equals(meta.commandId).count()) > 0) {
        return ok({ events: [], outcome: {}, duplicate: true });
      }
      const state = await loadFor(dexieReader(db), command);
      const decision = decide(state, command, { now, who: meta.who, commandId, newId });
      if (!decision.ok) return decision;
      let current = state;
      const writes: Promise<unknown>[] = [];
      for (const event of decision.value.events) {
        const step = evolve(current, event as BoardEvent);
        current = step.state;
        for (const change of step.changes) writes.push(writeChange(db, change));
      }
      const [ids] = await Promise.all([Promise.all(decision.value.events.map((event) => db.events.add(event as BoardEvent))), ...writes]);
      const events = decision.value.events.map((event, k) => ({ ...event, id: ids[k] }) as BoardEvent);
      return ok({ events, outcome: decision.value.outcome });
    });
  } catch (error) {
    // A storage failure (quota, a closed database) must reach the screen as a message, not an unhandled rejection;
    // after a lost connection the next write opens the database again (see reconnect).
    if (classifyStorageError(error) === 'closed') db.close({ disableAutoOpen: false });
    return err(storageFailureMessage(error), 'storage');
  }
}

/** Opens the database again if the browser closed it; a refusal comes back as the user's message. */
export async function reconnect(db: TaktDb): Promise<Result<null>> {
  if (db.isOpen()) return ok(null);
  try {
    await db.open();
    return ok(null);
  } catch (error) {
    return err(storageFailureMessage(error), 'storage');
  }
}
