// The screen's side of the command path: send a typed command, get its result; the store worker (or a direct store) applies it.
import { applyCommand, type CommandMeta, type CommandResult } from '../db/apply.ts';
import type { TaktDb } from '../db/schema.ts';
import type { Command } from '../engine/commands/index.ts';
import { err, type Result } from '../engine/result.ts';
import type { Role } from '../sync/protocol.ts';
import type { SyncStatus } from '../sync/status.ts';
import { importBackupText, previewBackupText, undoLastImport, type ImportPreview, type ImportResult } from '../db/backup.ts';
import type { BackupRequest, BackupResponse, ControlResponse, StoreRequest, StoreResponse } from './store-protocol.ts';

export interface Sent {
  result: CommandResult;
  /** Absolute time (timeOrigin + now) at which the change was committed. */
  committedAt: number;
  /** Absolute time at which the store worker received the command (absent for a direct store). */
  receivedAt?: number;
}

/** Anything that applies commands: the store worker in the app, the database itself in tests. */
export interface CommandSink {
  send(command: Command, meta: CommandMeta): Promise<Sent>;
  /** Sync status as the store worker posts it (absent where there is no sync, as in DirectSink). */
  onStatus?(listener: (status: SyncStatus) => void): () => void;
  /** Joins a sync server with a token; resolves once the server's board has replaced this screen's. */
  join?(server: string, token: string, access: { role: Role; label: string } | null): Promise<JoinResult>;
  /** Leaves the sync server: the board as last confirmed stays as a local board. */
  leave?(): Promise<JoinResult>;
  /** Checks a backup file and counts what it would replace; writes nothing. */
  previewBackup(file: Blob): Promise<ImportPreview>;
  /** Replaces everything with a backup file (all or nothing). */
  importBackup(file: Blob): Promise<ImportResult>;
  /** Brings back what the last import replaced. */
  undoImport(): Promise<ImportResult>;
}

export type JoinResult = Result<{ role?: Role; label?: string }>;

/** Applies commands on this thread (unit tests, and a fallback where module workers are missing). */
export class DirectSink implements CommandSink {
  constructor(private readonly db: TaktDb) {}

  async send(command: Command, meta: CommandMeta): Promise<Sent> {
    const result = await applyCommand(this.db, command, meta);
    return { result, committedAt: performance.timeOrigin + performance.now() };
  }

  async previewBackup(file: Blob): Promise<ImportPreview> {
    return previewBackupText(this.db, await file.text(), file.size);
  }

  async importBackup(file: Blob): Promise<ImportResult> {
    return importBackupText(this.db, await file.text(), file.size);
  }

  undoImport(): Promise<ImportResult> {
    return undoLastImport(this.db);
  }
}

export type StoreWorkerFactory = () => Worker;

export const defaultStoreWorker: StoreWorkerFactory = () =>
  new Worker(new URL('./store.worker.ts', import.meta.url), { type: 'module', name: 'taktboard-store' });

/** Sends commands to the store worker; a worker that fails answers every pending and later command with an error. */
export class WorkerSink implements CommandSink {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (sent: Sent) => void>();
  private readonly controls = new Map<number, (result: ControlResponse['result']) => void>();
  private readonly backups = new Map<number, (result: BackupResponse['result']) => void>();
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private status: SyncStatus | null = null;
  private nextId = 1;
  private failure: string | null = null;

  constructor(
    private readonly dbName: string,
    factory: StoreWorkerFactory = defaultStoreWorker,
  ) {
    this.worker = factory();
    this.worker.addEventListener('message', (event: MessageEvent<StoreResponse>) => {
      const data = event.data;
      if (data.kind === 'status') {
        if (data.dbName !== this.dbName) return;
        this.status = data.status;
        for (const listener of this.listeners) listener(data.status);
        return;
      }
      if (data.kind === 'backup') {
        const settle = this.backups.get(data.id);
        this.backups.delete(data.id);
        settle?.(data.result);
        return;
      }
      if (data.kind === 'control') {
        const settle = this.controls.get(data.id);
        this.controls.delete(data.id);
        settle?.(data.result);
        return;
      }
      const settle = this.pending.get(data.id);
      this.pending.delete(data.id);
      settle?.({ result: data.result, committedAt: data.committedAt, receivedAt: data.receivedAt });
    });
    this.worker.addEventListener('error', (event) => this.fail(`The store worker failed: ${event.message || 'it could not start'}`));
    // The worker reads whether this screen is joined to a server and connects, before any command is sent.
    void this.control({ kind: 'start' });
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    if (this.status) listener(this.status);
    return () => this.listeners.delete(listener);
  }

  join(server: string, token: string, access: { role: Role; label: string } | null): Promise<JoinResult> {
    return this.control({ kind: 'join', server, token, access });
  }

  leave(): Promise<JoinResult> {
    return this.control({ kind: 'leave' });
  }

  private control(request: { kind: 'start' } | { kind: 'join'; server: string; token: string; access: { role: Role; label: string } | null } | { kind: 'leave' }): Promise<JoinResult> {
    if (this.failure) return Promise.resolve(err(this.failure));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.controls.set(id, resolve);
      this.worker.postMessage({ id, dbName: this.dbName, ...request } satisfies StoreRequest);
    });
  }

  previewBackup(file: Blob): Promise<ImportPreview> {
    return this.backup({ op: 'preview', file }) as Promise<ImportPreview>;
  }

  importBackup(file: Blob): Promise<ImportResult> {
    return this.backup({ op: 'import', file }) as Promise<ImportResult>;
  }

  undoImport(): Promise<ImportResult> {
    return this.backup({ op: 'undo' }) as Promise<ImportResult>;
  }

  private backup(request: { op: 'preview' | 'import'; file: Blob } | { op: 'undo' }): Promise<BackupResponse['result']> {
    if (this.failure) return Promise.resolve({ ok: false, error: this.failure });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.backups.set(id, resolve);
      this.worker.postMessage({ id, dbName: this.dbName, kind: 'backup', ...request } satisfies BackupRequest);
    });
  }

  send(command: Command, meta: CommandMeta): Promise<Sent> {
    if (this.failure) return Promise.resolve({ result: err(this.failure), committedAt: performance.timeOrigin + performance.now() });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, dbName: this.dbName, command, meta } satisfies StoreRequest);
    });
  }

  private fail(reason: string) {
    this.failure = reason;
    const at = performance.timeOrigin + performance.now();
    for (const settle of this.pending.values()) settle({ result: err(`${reason}. Nothing was changed; reload the page to try again.`), committedAt: at });
    this.pending.clear();
    for (const settle of this.controls.values()) settle(err(reason));
    this.controls.clear();
    for (const settle of this.backups.values()) settle({ ok: false, error: `${reason}. Nothing was changed; reload the page to try again.` });
    this.backups.clear();
  }

  dispose() {
    this.worker.terminate();
  }
}
