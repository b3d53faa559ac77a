// A joined screen's copy of the server's board in IndexedDB: commands applied provisionally and kept in the outbox,
// confirmed events applied in the server's order, provisional effects rolled back and re-applied around them.
import {
  decide,
  evolve,
  loadFor,
  loadForEvent,
  RECORD_TABLES,
  streamOf,
  undoScanner,
  type Change,
  type Command,
  type Outcome,
  type StateReader,
} from '../engine/commands/index.ts';
import type { BoardEvent } from '../engine/events.ts';
import type { IdSource } from '../engine/ids.ts';
import { randomIds, randomUuid } from '../db/random-ids.ts';
import { err, ok, type ErrorCode, type Result, type StageLoad } from '../engine/result.ts';
import { dexieReader, newestInLog, reconnect, writeChange, type CommandMeta, type CommandResult } from '../db/apply.ts';
import { classifyStorageError, storageFailureMessage } from '../db/storage-errors.ts';
import { placeOnBoard, type PlainRecord } from '../db/migrations.ts';
import { saveSetting, setting, SYNC_KEYS, syncHead, type JoinedServer } from '../db/queries.ts';
import type { OutboxRecord, TaktDb, UndoImage } from '../db/schema.ts';
import type { BoardTables, Role, SyncedEvent } from './protocol.ts';
import type { Bounce } from './status.ts';

/** Every table a rebase touches: the board, its log, the outbox and the settings (head, bounces). */
const SYNC_TABLES = [...RECORD_TABLES, 'events', 'outbox', 'settings'];

export type { Bounce } from './status.ts';

/** The server's refusal as it came. */
export interface Refusal {
  error: string;
  code?: ErrorCode;
  stage?: StageLoad;
  took?: string;
}

/** How many bounces a screen keeps. */
const KEPT_BOUNCES = 20;

/** The log entry a bounce leaves in the event log (not a BoardEvent: projections and flow metrics skip its type). */
export interface BounceLogEntry {
  id: number;
  type: 'bounced';
  streamId: string;
  at: number;
  who: string;
  commandId: string;
  cardId?: string;
  reason: string;
}

/** The reader of the provisional state: moves still waiting in the outbox come before the confirmed log for an undo. */
function provisionalReader(db: TaktDb, pending: readonly OutboxRecord[]): StateReader {
  const base = dexieReader(db);
  return {
    ...base,
    async lastUndoableMove(streamId) {
      const consider = undoScanner(streamId);
      for (let i = pending.length - 1; i >= 0; i--) {
        const events = pending[i].events;
        for (let k = events.length - 1; k >= 0; k--) {
          const found = consider(events[k]);
          if (found) return found;
        }
      }
      // Then the confirmed log, newest first by log order (the server's sequence), as the store's own reader does.
      return newestInLog(db, streamId, consider);
    },
  };
}

interface Provisional {
  entry: OutboxRecord;
  result: Result<{ events: BoardEvent[]; outcome: Outcome }>;
}

/**
 * Decides an outbox entry on the current state (confirmed log plus the entries before it, `pending`) and writes its
 * effects, keeping each changed record's earlier value so the effect can be rolled back. A refusal writes nothing.
 */
async function applyProvisional(db: TaktDb, entry: OutboxRecord, pending: readonly OutboxRecord[], newId: IdSource): Promise<Provisional> {
  const state = await loadFor(provisionalReader(db, pending), entry.command);
  const decision = decide(state, entry.command, { now: entry.at, who: entry.who, commandId: entry.commandId, newId });
  if (!decision.ok) {
    const next: OutboxRecord = { ...entry, undo: [], events: [], cards: [], localRefusal: decision.error };
    return { entry: next, result: decision };
  }
  let current = state;
  const changes: Change[] = [];
  // Local ids, negative so they never meet the server's sequence: an undo made here may name a move still waiting.
  const events = decision.value.events.map((event, k) => ({ ...event, id: -((entry.seq ?? 0) * 1000 + k + 1) }) as BoardEvent);
  for (const event of events) {
    const step = evolve(current, event);
    current = step.state;
    changes.push(...step.changes);
  }
  const firsts: Change[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    const key = `${change.table}\u0000${change.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    firsts.push(change);
  }
  const befores = await Promise.all(firsts.map((change) => db.table(change.table).get(change.key)));
  const undo: UndoImage[] = firsts.map((change, k) => ({ table: change.table, key: change.key, before: (befores[k] as object | undefined) ?? null }));
  for (const change of changes) await writeChange(db, change);
  const cards = firsts.filter((change) => change.table === 'cards').map((change) => change.key);
  const next: OutboxRecord = { ...entry, undo, events, cards };
  delete next.localRefusal;
  return { entry: next, result: ok({ events, outcome: decision.value.outcome }) };
}

/** Takes every provisional effect back, newest first: the records are then exactly as the confirmed log left them. */
async function rollBack(db: TaktDb, pending: readonly OutboxRecord[]) {
  for (let i = pending.length - 1; i >= 0; i--) {
    const undo = pending[i].undo;
    for (let k = undo.length - 1; k >= 0; k--) {
      const image = undo[k];
      if (image.before === null) await db.table(image.table).delete(image.key);
      else await db.table(image.table).put(image.before);
    }
  }
}

/** Re-applies the entries in order on the confirmed state and stores what each did now. */
async function reapply(db: TaktDb, entries: readonly OutboxRecord[], newId: IdSource): Promise<void> {
  const applied: OutboxRecord[] = [];
  for (const entry of entries) {
    const { entry: next } = await applyProvisional(db, entry, applied, newId);
    await db.outbox.put(next);
    applied.push(next);
  }
}

/** Records with their keys in one order and undefined fields left out: events compared across JSON, IndexedDB and jsonb. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

const sameEvent = (a: BoardEvent, b: BoardEvent) => {
  const { id: _a, ...restA } = a;
  const { id: _b, ...restB } = b;
  return JSON.stringify(canonical(restA)) === JSON.stringify(canonical(restB));
};

/**
 * When the new events are exactly the oldest waiting commands' own provisional events, in order, the records already
 * show them: the entries leave the outbox and their events join the log with the server's numbers, nothing is rolled
 * back. This is the usual case (a screen's own moves coming back), and keeps a long offline queue linear to drain.
 */
function confirmsOldest(pending: readonly OutboxRecord[], fresh: readonly SyncedEvent[]): OutboxRecord[] | null {
  const confirmed: OutboxRecord[] = [];
  let i = 0;
  while (i < fresh.length) {
    const entry = pending[confirmed.length];
    if (!entry || entry.localRefusal !== undefined || entry.commandId !== fresh[i].commandId) return null;
    const group: SyncedEvent[] = [];
    while (i < fresh.length && fresh[i].commandId === entry.commandId) group.push(fresh[i++]);
    if (group.length !== entry.events.length || !group.every((event, k) => sameEvent(event, entry.events[k]))) return null;
    confirmed.push(entry);
  }
  return confirmed;
}

export interface Rebased {
  head: number;
  /** Command ids that left the outbox (confirmed, or the refused one). */
  dropped: string[];
}

async function rebaseIn(db: TaktDb, events: readonly SyncedEvent[], drop: string | null, newId: IdSource): Promise<Rebased> {
  let head = await syncHead(db);
  const fresh = events.filter((event) => event.id > head).sort((a, b) => a.id - b.id);
  const pending = await db.outbox.orderBy('seq').toArray();
  const fast = drop === null ? confirmsOldest(pending, fresh) : null;
  if (fast) {
    if (fresh.length) {
      await db.events.bulkPut(fresh as BoardEvent[]);
      head = fresh[fresh.length - 1].id;
      await saveSetting(db, SYNC_KEYS.head, head);
    }
    await db.outbox.bulkDelete(fast.map((entry) => entry.seq!));
    const dropped = fast.map((entry) => entry.commandId);
    // Acknowledged commands that changed nothing (an edit to the same values) leave once the log reaches their number.
    const due = pending.slice(fast.length).filter((entry) => entry.ackSeq !== undefined && entry.ackSeq <= head);
    if (due.every((entry) => entry.undo.length === 0)) {
      if (due.length) await db.outbox.bulkDelete(due.map((entry) => entry.seq!));
      return { head, dropped: [...dropped, ...due.map((entry) => entry.commandId)] };
    }
  }
  const current = fast ? pending.slice(fast.length) : pending;
  await rollBack(db, current);
  const confirmedIds = new Set<string>();
  if (!fast) {
    const reader = dexieReader(db);
    for (const event of fresh) {
      const state = await loadForEvent(reader, event);
      for (const change of evolve(state, event).changes) await writeChange(db, change);
      await db.events.put(event);
      head = event.id;
      confirmedIds.add(event.commandId);
    }
    if (fresh.length) await saveSetting(db, SYNC_KEYS.head, head);
  }
  const kept: OutboxRecord[] = [];
  const dropped: string[] = fast ? fast.map((entry) => entry.commandId) : [];
  for (const entry of current) {
    const gone = confirmedIds.has(entry.commandId) || entry.commandId === drop || (entry.ackSeq !== undefined && entry.ackSeq <= head);
    if (gone) {
      await db.outbox.delete(entry.seq!);
      dropped.push(entry.commandId);
    } else kept.push(entry);
  }
  await reapply(db, kept, newId);
  return { head, dropped };
}

/**
 * The server's events (in any batch, possibly some already applied): in ONE transaction the provisional effects are
 * rolled back, the new events applied with the server's numbers, confirmed commands leave the outbox and the others
 * are applied again on top.
 */
export function applyConfirmed(db: TaktDb, events: readonly SyncedEvent[], newId: IdSource = randomIds): Promise<Rebased> {
  return db.transaction('rw', SYNC_TABLES, async () => await rebaseIn(db, events, null, newId));
}

/** The server acknowledged a command: it leaves the outbox once the log has reached `seq` (at once if it has). */
export function acknowledge(db: TaktDb, commandId: string, seq: number, newId: IdSource = randomIds): Promise<Rebased | null> {
  return db.transaction('rw', SYNC_TABLES, async () => {
    const entry = await db.outbox.where('commandId').equals(commandId).first();
    if (!entry) return null;
    await db.outbox.put({ ...entry, ackSeq: seq });
    if (seq > (await syncHead(db))) return null;
    return await rebaseIn(db, [], null, newId);
  });
}

const stageName = async (db: TaktDb, id: string | undefined) => (id ? ((await db.stages.get(id))?.name ?? 'its stage') : 'its stage');

async function cardName(db: TaktDb, command: Command): Promise<string> {
  if (command.type === 'card.create') return `card ${command.fields.partNumber}`;
  if ('cardId' in command) {
    const card = await db.cards.get(command.cardId);
    return `card ${card?.partNumber ?? command.cardId}`;
  }
  return 'card';
}

/** "move of card P-100 to Paint": what the person did, in words, read before the effect is rolled back. */
async function whatWasDone(db: TaktDb, command: Command): Promise<string> {
  switch (command.type) {
    case 'card.move':
      return `move of ${await cardName(db, command)} to ${await stageName(db, command.toStageId)}`;
    case 'card.create':
      return `new ${await cardName(db, command)} in ${await stageName(db, command.stageId)}`;
    case 'card.undo-move':
      return 'undo of the last move';
    case 'card.complete':
      return `completion of ${await cardName(db, command)}`;
    case 'card.edit':
      return `edit of ${await cardName(db, command)}`;
    case 'card.block':
      return `block of ${await cardName(db, command)}`;
    case 'card.unblock':
      return `unblock of ${await cardName(db, command)}`;
    case 'card.retire':
      return `retirement of ${await cardName(db, command)}`;
    case 'card.record-refusal':
      return `refused move of ${await cardName(db, command)} logged`;
    default:
      return `change (${command.type})`;
  }
}

/** Why it bounced, in the words of the floor: a full stage names what took the place. */
export function bounceReason(refusal: Refusal): string {
  if (refusal.code === 'full' && refusal.stage) {
    return `${refusal.stage.name} filled up on another screen${refusal.took ? ` (${refusal.took})` : ''}`;
  }
  return refusal.error;
}

/**
 * The server refused a waiting command: it leaves the outbox and its effect is rolled back (the others are applied
 * again on top), all in one transaction; the bounce is kept for the screen and left in the event log.
 */
export function bounce(db: TaktDb, commandId: string, refusal: Refusal, now: number, newId: IdSource = randomIds): Promise<Bounce | null> {
  return db.transaction('rw', SYNC_TABLES, async () => {
    const entry = await db.outbox.where('commandId').equals(commandId).first();
    if (!entry) return null;
    const what = await whatWasDone(db, entry.command);
    const streamId = await streamOf(dexieReader(db), entry.command);
    const cardId = 'cardId' in entry.command ? entry.command.cardId : entry.command.type === 'card.create' ? entry.command.id : undefined;
    await rebaseIn(db, [], commandId, newId);
    const text = `Your ${what} bounced: ${bounceReason(refusal)}.`;
    const record: Bounce = { commandId, at: now, type: entry.command.type, text, ...(cardId ? { cardId } : {}), ...(streamId ? { streamId } : {}) };
    const earlier = ((await setting(db, SYNC_KEYS.bounces)) as Bounce[] | undefined) ?? [];
    await saveSetting(db, SYNC_KEYS.bounces, [record, ...earlier.filter((b) => b.commandId !== commandId)].slice(0, KEPT_BOUNCES));
    if (streamId) {
      // In the log between the server's numbers: after the head it bounced at, before the next confirmed event.
      const head = await syncHead(db);
      const between = await db.events.where(':id').between(head, head + 1, false, false).count();
      const log: BounceLogEntry = { id: head + Math.min(between + 1, 9999) / 10000, type: 'bounced', streamId, at: now, who: entry.who, commandId, reason: text, ...(cardId ? { cardId } : {}) };
      await db.events.put(log as unknown as BoardEvent);
    }
    return record;
  });
}

/** Ids a screen gives records it creates, so its provisional card and the server's are the same card. */
export function withClientIds(command: Command, newId: IdSource = randomIds): Command {
  switch (command.type) {
    case 'card.create':
      return command.id ? command : { ...command, id: newId('card') };
    case 'stream.create':
      return command.id ? command : { ...command, id: newId('stream') };
    case 'stage.add':
      return command.id ? command : { ...command, id: newId('stage') };
    case 'part.add':
      return command.id ? command : { ...command, id: newId('part') };
    case 'loop.add':
      return command.id ? command : { ...command, id: newId('loop') };
    default:
      return command;
  }
}

/**
 * A command made on a joined screen: decided here on the provisional state and, when the local rules accept it,
 * applied at once and queued for the server, in one transaction. A local refusal is answered at once and not queued.
 */
export async function enqueue(db: TaktDb, command: Command, meta: CommandMeta, newId: IdSource = randomIds): Promise<CommandResult> {
  if (!command || typeof command !== 'object' || typeof command.type !== 'string') return err('A command must be an object with a type.', 'invalid');
  const commandId = meta.commandId ?? newId('command');
  const at = meta.at ?? Date.now();
  const withIds = withClientIds(command, newId);
  const reopened = await reconnect(db);
  if (!reopened.ok) return reopened;
  try {
    return await db.transaction('rw', SYNC_TABLES, async (): Promise<CommandResult> => {
      if ((await db.outbox.where('commandId').equals(commandId).count()) > 0 || (await db.events.where('commandId').equals(commandId).count()) > 0) {
        return ok({ events: [], outcome: {}, duplicate: true });
      }
      const pending = await db.outbox.orderBy('seq').toArray();
      const seq = (pending[pending.length - 1]?.seq ?? 0) + 1;
      const entry: OutboxRecord = { seq, commandId, command: withIds, who: meta.who, at, base: await syncHead(db), undo: [], events: [], cards: [] };
      const applied = await applyProvisional(db, entry, pending, newId);
      if (!applied.result.ok) return applied.result;
      await db.outbox.add(applied.entry);
      return ok(applied.result.value);
    });
  } catch (error) {
    if (classifyStorageError(error) === 'closed') db.close({ disableAutoOpen: false });
    return err(storageFailureMessage(error), 'storage');
  }
}

/**
 * The server's whole board replaces this screen's (first join, or a screen too far behind): records and log as of
 * `head`; commands still waiting are applied again on top.
 */
export function replaceWithSnapshot(db: TaktDb, snapshot: { head: number; tables: BoardTables; events: readonly SyncedEvent[] }, newId: IdSource = randomIds): Promise<void> {
  return db.transaction('rw', SYNC_TABLES, async () => {
    const pending = await db.outbox.orderBy('seq').toArray();
    for (const table of [...RECORD_TABLES, 'events'] as const) await db.table(table).clear();
    for (const table of RECORD_TABLES) {
      const records = (snapshot.tables[table] ?? []) as PlainRecord[];
      await db.table(table).bulkPut(table === 'cards' ? records.map(placeOnBoard) : records);
    }
    await db.events.bulkPut(snapshot.events as BoardEvent[]);
    await saveSetting(db, SYNC_KEYS.head, snapshot.head);
    // A command acknowledged past this board's head (a server restored from an older state) goes again: the server
    // answers a duplicate by its id, and applies one it no longer has.
    // Commands the board already holds (their answer was lost with a connection) leave the outbox.
    const inLog = new Set(snapshot.events.map((event) => event.commandId));
    const done = pending.filter((entry) => inLog.has(entry.commandId) || (entry.ackSeq !== undefined && entry.ackSeq <= snapshot.head));
    await db.outbox.bulkDelete(done.map((entry) => entry.seq!));
    const again = pending.filter((entry) => !done.includes(entry)).map((entry) => {
      if (entry.ackSeq === undefined) return entry;
      const next = { ...entry };
      delete next.ackSeq;
      return next;
    });
    await reapply(db, again, newId);
  });
}

/**
 * Joins a server: the server and token are kept, the head goes back to 0 (the server answers with its whole board)
 * and anything left from an earlier join is dropped. The board itself is replaced when the snapshot comes.
 */
export function joinServer(db: TaktDb, joined: JoinedServer, access: { role: Role; label: string } | null): Promise<void> {
  return db.transaction('rw', SYNC_TABLES, async () => {
    await rollBack(db, await db.outbox.orderBy('seq').toArray());
    await db.outbox.clear();
    await saveSetting(db, SYNC_KEYS.joined, joined);
    await saveSetting(db, SYNC_KEYS.head, 0);
    await saveSetting(db, SYNC_KEYS.bounces, []);
    await saveSetting(db, SYNC_KEYS.access, access);
  });
}

/**
 * Leaves the server: commands still waiting are rolled back and dropped, and the board as last confirmed stays as
 * this screen's local board.
 */
export function leaveServer(db: TaktDb): Promise<number> {
  return db.transaction('rw', SYNC_TABLES, async () => {
    const pending = await db.outbox.orderBy('seq').toArray();
    await rollBack(db, pending);
    await db.outbox.clear();
    await db.settings.bulkDelete([SYNC_KEYS.joined, SYNC_KEYS.head, SYNC_KEYS.bounces, SYNC_KEYS.access]);
    return pending.length;
  });
}

/** This screen's device id, made on first use. */
export function deviceId(db: TaktDb): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const saved = await setting(db, SYNC_KEYS.device);
    if (typeof saved === 'string' && saved) return saved;
    const made = `screen-${randomUuid()}`;
    await saveSetting(db, SYNC_KEYS.device, made);
    return made;
  });
}

export interface OutboxSummary {
  waiting: number;
  /** Cards changed by commands still waiting. */
  cards: string[];
  bounces: Bounce[];
  head: number;
}

/** What the status line needs from the store: how many commands wait, which cards they changed, the bounces. */
export function outboxSummary(db: TaktDb): Promise<OutboxSummary> {
  return db.transaction('r', [db.outbox, db.settings], async () => {
    const entries = await db.outbox.toArray();
    const cards = new Set<string>();
    for (const entry of entries) for (const id of entry.cards) cards.add(id);
    const bounces = ((await setting(db, SYNC_KEYS.bounces)) as Bounce[] | undefined) ?? [];
    return { waiting: entries.length, cards: [...cards], bounces, head: await syncHead(db) };
  });
}
