// The messages between a screen and the store worker: a command with who sent it, and its result with the commit time;
// the sync controls (start, join, leave) and the sync status the worker posts whenever it changes.
import type { Command } from '../engine/commands/index.ts';
import type { CommandMeta, CommandResult } from '../db/apply.ts';
import type { ImportPreview, ImportResult } from '../db/backup.ts';
import type { Result } from '../engine/result.ts';
import type { Role } from '../sync/protocol.ts';
import type { SyncStatus } from '../sync/status.ts';

export interface CommandRequest {
  id: number;
  dbName: string;
  kind?: 'command';
  command: Command;
  meta: CommandMeta;
}

/** Sync controls: `start` reads whether the screen is joined (and connects), `join` and `leave` change it. */
export type ControlRequest =
  | { id: number; dbName: string; kind: 'start' }
  | { id: number; dbName: string; kind: 'join'; server: string; token: string; access: { role: Role; label: string } | null }
  | { id: number; dbName: string; kind: 'leave' };

/**
 * Backups, read, checked and written in the worker so a large file never blocks the page: `preview` checks a file and
 * counts what it would replace, `import` replaces everything with it, `undo` brings back what the last import replaced.
 * The file goes as a File (a handle, not its bytes): the page never reads it.
 */
export type BackupRequest =
  | { id: number; dbName: string; kind: 'backup'; op: 'preview' | 'import'; file: Blob }
  | { id: number; dbName: string; kind: 'backup'; op: 'undo' };

export type StoreRequest = CommandRequest | ControlRequest | BackupRequest;

export interface CommandResponse {
  id: number;
  kind?: 'command';
  result: CommandResult;
  /** performance.timeOrigin + performance.now() in the worker when the transaction had committed. */
  committedAt: number;
  /** The same clock when the worker received the command (where a commit's time goes: the way there, or the store). */
  receivedAt?: number;
}

export interface ControlResponse {
  id: number;
  kind: 'control';
  result: Result<{ role?: Role; label?: string }>;
}

/** Posted by the worker, unasked, whenever the sync status of a database changes. */
export interface StatusMessage {
  kind: 'status';
  dbName: string;
  status: SyncStatus;
}

export interface BackupResponse {
  id: number;
  kind: 'backup';
  result: ImportPreview | ImportResult;
}

export type StoreResponse = CommandResponse | ControlResponse | StatusMessage | BackupResponse;
