// Named readers over the store: every view reads through these (inside liveQuery), never through the tables themselves.
import { liveQuery } from 'dexie';
import type { BoardEvent, LogEntry } from '../engine/events.ts';
import type { CardRecord, CellRecord, LoopRecord, PartRecord, ScenarioRecord, StageRecord, StationRecord, StreamRecord, WorkElementRecord } from './records.ts';
import type { TaktDb } from './schema.ts';

/** The stages of a stream in flow order. */
export function streamStages(db: TaktDb, streamId: string): Promise<StageRecord[]> {
  return db.stages.where('[streamId+order]').between([streamId, -Infinity], [streamId, Infinity]).toArray();
}

/** A stream's events in time order (the input of the engine's flow metrics). */
export function streamEvents(db: TaktDb, streamId: string, since = -Infinity): Promise<BoardEvent[]> {
  return db.events.where('[streamId+at]').between([streamId, since], [streamId, Infinity], true, true).toArray();
}

/** The newest events of a stream (newest first) and the part and quantity of each card they name: the board's log panel. */
export async function recentEvents(db: TaktDb, streamId: string, limit: number): Promise<{ events: BoardEvent[]; parts: Map<string, string> }> {
  const events = await db.events.where('[streamId+at]').between([streamId, -Infinity], [streamId, Infinity]).reverse().limit(limit).toArray();
  const ids = [...new Set(events.flatMap((event) => ('cardId' in event ? [event.cardId] : [])))];
  const parts = new Map<string, string>();
  for (const card of await db.cards.bulkGet(ids)) if (card) parts.set(card.id, `${card.partNumber} × ${card.quantity}`);
  return { events, parts };
}

/** Every value stream, by name: the header's picker. */
export function allStreams(db: TaktDb): Promise<StreamRecord[]> {
  return db.streams.orderBy('name').toArray();
}

export interface StreamSnapshot {
  stream: StreamRecord | undefined;
  parts: PartRecord[];
  stages: StageRecord[];
  loops: LoopRecord[];
}

/** A stream with its parts, stages (in flow order) and kanban loops: what takt, limits and the editors read. */
export async function streamSnapshot(db: TaktDb, streamId: string): Promise<StreamSnapshot> {
  const [stream, parts, stages, loops] = await Promise.all([
    db.streams.get(streamId),
    db.parts.where('streamId').equals(streamId).toArray(),
    streamStages(db, streamId),
    db.loops.where('streamId').equals(streamId).toArray(),
  ]);
  return { stream, parts, stages, loops };
}

/** Active cards on one stage, from the sparse board index. */
export function stageCards(db: TaktDb, streamId: string, stageId: string): Promise<CardRecord[]> {
  return db.cards.where('[streamId+boardStageId]').equals([streamId, stageId]).toArray();
}

/** All cards of a stream, on the board or finished (flow views). */
export function streamCards(db: TaktDb, streamId: string): Promise<CardRecord[]> {
  return db.cards.where('streamId').equals(streamId).toArray();
}

export function card(db: TaktDb, cardId: string): Promise<CardRecord | undefined> {
  return db.cards.get(cardId);
}

export interface CellSnapshot {
  cell: CellRecord | undefined;
  stations: StationRecord[];
  elements: WorkElementRecord[];
  scenarios: ScenarioRecord[];
}

/** The stream's first assembly cell with its stations (in order), work elements (in place order) and scenarios. */
export async function streamCell(db: TaktDb, streamId: string): Promise<CellSnapshot> {
  const cell = await db.cells.where('streamId').equals(streamId).first();
  if (!cell) return { cell, stations: [], elements: [], scenarios: [] };
  const [stations, elements, scenarios] = await Promise.all([
    db.stations.where('[cellId+order]').between([cell.id, -Infinity], [cell.id, Infinity]).toArray(),
    db.workElements.where('cellId').equals(cell.id).toArray(),
    db.scenarios.where('cellId').equals(cell.id).toArray(),
  ]);
  elements.sort((a, b) => a.position - b.position);
  scenarios.sort((a, b) => a.createdAt - b.createdAt);
  return { cell, stations, elements, scenarios };
}

/** A setting of this screen (operator name, current stream), or undefined. */
export async function setting(db: TaktDb, key: string): Promise<unknown> {
  return (await db.settings.get(key))?.value;
}

export function saveSetting(db: TaktDb, key: string, value: unknown): Promise<unknown> {
  return db.settings.put({ key, value });
}

/**
 * The stream's log, read incrementally: the log is append-only, so after the first read only events with a higher
 * id are new. A log that shrank (a backup restored in another tab) is read again from the start.
 */
export function logReader(db: TaktDb) {
  let cache: { streamId: string; events: LogEntry[]; lastId: number; total: number } | null = null;
  return (streamId: string): Promise<LogEntry[]> =>
    db.transaction('r', db.events, async () => {
      const total = await db.events.count();
      if (!cache || cache.streamId !== streamId || total < cache.total) {
        const events = await streamEvents(db, streamId);
        const last = await db.events.orderBy(':id').last();
        cache = { streamId, events, lastId: events.reduce((m, e) => Math.max(m, e.id ?? 0), last?.id ?? 0), total };
        return events;
      }
      const fresh = await db.events.where(':id').above(cache.lastId).toArray();
      for (const event of fresh) {
        cache.lastId = Math.max(cache.lastId, event.id ?? 0);
        if (event.streamId === streamId) cache.events.push(event);
      }
      cache.total = total;
      return cache.events;
    });
}

/** Cards on the board (not completed or retired) per stage id of a stream: the stream editor's counts; a stage holding cards cannot be removed. */
export async function boardCounts(db: TaktDb, streamId: string): Promise<Record<string, number>> {
  const stages = await streamStages(db, streamId);
  const counts = await Promise.all(stages.map((stage) => db.cards.where('[streamId+boardStageId]').equals([streamId, stage.id]).count()));
  return Object.fromEntries(stages.map((stage, k) => [stage.id, counts[k] ?? 0]));
}

/**
 * Runs `read` (a query of this module) now and again whenever what it read changes, in this tab or another (Dexie's
 * liveQuery): how the views' state follows the store without importing Dexie. Returns how to stop.
 */
export function watch<T>(read: () => Promise<T>, observer: { next(value: T): void; error(error: unknown): void }): () => void {
  const subscription = liveQuery(read).subscribe(observer);
  return () => subscription.unsubscribe();
}

/** The settings keys of a screen joined to a sync server (see src/sync/). */
export const SYNC_KEYS = {
  /** `{ server, token }`: the server's origin and this screen's join token; absent on a local board. */
  joined: 'sync.joined',
  /** The last server sequence number this screen has applied. */
  head: 'sync.head',
  /** This screen's device id, made once. */
  device: 'sync.device',
  /** `{ role, label }` as the server last said. */
  access: 'sync.access',
  /** Commands the server refused after this screen had applied them, newest first. */
  bounces: 'sync.bounces',
} as const;

export interface JoinedServer {
  server: string;
  token: string;
}

/** The server this screen is joined to, or null for a local board. */
export async function joinedServer(db: TaktDb): Promise<JoinedServer | null> {
  const value = (await setting(db, SYNC_KEYS.joined)) as Partial<JoinedServer> | undefined;
  return value && typeof value.server === 'string' && typeof value.token === 'string' ? { server: value.server, token: value.token } : null;
}

/** The last server sequence number this screen has applied (0: none). */
export async function syncHead(db: TaktDb): Promise<number> {
  const value = await setting(db, SYNC_KEYS.head);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Commands waiting for the server, oldest first. */
export function outboxEntries(db: TaktDb) {
  return db.outbox.orderBy('seq').toArray();
}
