// The append-only event log: the one way events are written (inside the caller's transaction), and read back per stream.
import type { BoardEvent } from '../engine/model.ts';
import type { TaktDb } from './schema.ts';

/** Appends one event. Call it inside the read-write transaction of the change it records. */
export function appendEvent(db: TaktDb, event: Omit<BoardEvent, 'id'>): Promise<number> {
  return db.events.add(event as BoardEvent);
}

/** A stream's events in time order (the input of the engine's flow metrics). */
export function streamEvents(db: TaktDb, streamId: string, since = -Infinity): Promise<BoardEvent[]> {
  return db.events.where('[streamId+at]').between([streamId, since], [streamId, Infinity], true, true).toArray();
}
