// The views' way to the engine worker: it knows when the worker itself is gone (its script did not load, or it
// crashed) and answers every later call with that failure at once instead of leaving it waiting forever; a retry
// starts a new worker, and every engine figure on screen asks again.
import { EngineClient } from '../../worker/engine-client.ts';
import type { EngineApi } from '../../engine/index.ts';
import { pieces, seconds } from '../../engine/units.ts';
import { failureText } from './feed.ts';

/** What the link needs of an engine client (the real one, or a fake in tests). */
export type EngineCalls = Pick<EngineClient, 'call' | 'job' | 'dispose'>;

/** A rejection that means the worker is gone, not an engine error: the client rejects pending calls this way. */
export const isWorkerFailure = (error: unknown): boolean =>
  error instanceof Error && (/^The engine worker failed/.test(error.message) || error.message === 'terminated');

/** Long enough for a slow tablet to load the engine's code; a worker that has not answered by then is taken as gone. */
export const START_TIMEOUT_MS = 20_000;

export class EngineLink {
  /** Goes up when a new worker replaces a failed one: engine-derived reads track it and ask again. */
  generation = $state(0);
  #client: EngineCalls;
  #ready: Promise<void>;
  #failure: string | null = null;

  /**
   * `client` should be fresh: the link sends it a small call at once, so a worker whose script cannot load
   * rejects that call (the client only rejects calls pending when the worker fails).
   */
  constructor(
    client: EngineCalls,
    private readonly makeClient: () => EngineCalls = () => new EngineClient(),
    private readonly startTimeoutMs = START_TIMEOUT_MS,
  ) {
    this.#client = client;
    this.#ready = this.#probe(client);
  }

  /** Why the worker is gone, or null while it answers. */
  get failure(): string | null {
    return this.#failure;
  }

  #probe(client: EngineCalls): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`The engine worker did not start within ${this.startTimeoutMs / 1000} s.`)), this.startTimeoutMs);
      client.call('pitch', seconds(60), pieces(1)).then(() => resolve(), reject);
    }).finally(() => clearTimeout(timer));
    ready.catch((error: unknown) => {
      if (this.#client === client) this.#failure = failureText(error);
    });
    return ready;
  }

  /** A quick engine computation; rejects at once while the worker is known to be gone. */
  async call<K extends keyof EngineApi>(name: K, ...args: Parameters<EngineApi[K]>): Promise<ReturnType<EngineApi[K]>> {
    const client = this.#client;
    const ready = this.#ready;
    if (this.#failure) throw new Error(this.#failure);
    await ready;
    try {
      return await client.call(name, ...args);
    } catch (error) {
      if (isWorkerFailure(error) && client === this.#client) this.#failure = failureText(error);
      throw error;
    }
  }

  /** A long job in a worker of its own (solver, simulation): each job starts its own worker, so it needs no check here. */
  readonly job: EngineClient['job'] = (name, args, onProgress) => this.#client.job(name, args, onProgress);

  /** Before a retry: a gone worker is replaced by a new one (a working one is kept) and every engine figure asks again. */
  restart(): void {
    if (!this.#failure) return;
    this.#client.dispose();
    const client = this.makeClient();
    this.#client = client;
    this.#failure = null;
    this.#ready = this.#probe(client);
    this.generation++;
  }
}
