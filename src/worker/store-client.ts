// The screen's side of the command path: send a typed command, get its result; the store worker (or a direct store) applies it.
import { applyCommand, type CommandMeta, type CommandResult } from '../db/apply.ts';
import type { TaktDb } from '../db/schema.ts';
import type { Command } from '../engine/commands/index.ts';
import { err } from '../engine/result.ts';
import type { StoreRequest, StoreResponse } from './store-protocol.ts';

export interface Sent {
  result: CommandResult;
  /** Absolute time (timeOrigin + now) at which the change was committed. */
  committedAt: number;
}

/** Anything that applies commands: the store worker in the app, the database itself in tests. */
export interface CommandSink {
  send(command: Command, meta: CommandMeta): Promise<Sent>;
}

/** Applies commands on this thread (unit tests, and a fallback where module workers are missing). */
export class DirectSink implements CommandSink {
  constructor(private readonly db: TaktDb) {}

  async send(command: Command, meta: CommandMeta): Promise<Sent> {
    const result = await applyCommand(this.db, command, meta);
    return { result, committedAt: performance.timeOrigin + performance.now() };
  }
}

export type StoreWorkerFactory = () => Worker;

export const defaultStoreWorker: StoreWorkerFactory = () =>
  new Worker(new URL('./store.worker.ts', import.meta.url), { type: 'module', name: 'taktboard-store' });

/** Sends commands to the store worker; a worker that fails answers every pending and later command with an error. */
export class WorkerSink implements CommandSink {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (sent: Sent) => void>();
  private nextId = 1;
  private failure: string | null = null;

  constructor(
    private readonly dbName: string,
    factory: StoreWorkerFactory = defaultStoreWorker,
  ) {
    this.worker = factory();
    this.worker.addEventListener('message', (event: MessageEvent<StoreResponse>) => {
      const settle = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      settle?.({ result: event.data.result, committedAt: event.data.committedAt });
    });
    this.worker.addEventListener('error', (event) => this.fail(`The store worker failed: ${event.message || 'it could not start'}`));
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
  }

  dispose() {
    this.worker.terminate();
  }
}
