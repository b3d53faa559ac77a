// A whole board arriving from outside (the demo line, a screen's own board published to this server): the backup import
// pipeline's checks and migrations, then one transaction.
import { readBackup } from '../db/backup.ts';
import type { RecordTable } from '../engine/commands/index.ts';
import type { BoardEvent } from '../engine/events.ts';
import type { BoardStore } from './store.ts';

export type Published = { ok: true; streams: number; events: number } | { ok: false; error: string };

/** Checks a parsed backup like a file import does and adds its records and log to the server's board. */
export async function publishBackup(store: BoardStore, backup: unknown, device: string): Promise<Published> {
  const read = readBackup(backup);
  if (!read.ok) return { ok: false, error: `The board was not published: ${read.error}` };
  const { events, settings: _screenOnly, ...tables } = read.tables;
  const result = await store.importBoard(tables as Partial<Record<RecordTable, Record<string, unknown>[]>>, events as unknown as BoardEvent[], device);
  return result.ok ? { ok: true, streams: tables.streams?.length ?? 0, events: result.events } : result;
}
