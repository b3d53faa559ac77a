// The main thread's typed side of the engine worker: calls and cancellable jobs, typed from the engine's own API.
import type { EngineApi, EngineJobs } from '../engine/index.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

type JobArgs<K extends keyof EngineJobs> = EngineJobs[K] extends (args: infer A, report: never) => unknown ? A : never;
type JobProgress<K extends keyof EngineJobs> = EngineJobs[K] extends (args: never, report: (p: infer P) => void) => unknown ? P : never;
type JobValue<K extends keyof EngineJobs> = EngineJobs[K] extends (...a: never[]) => infer V ? V : never;

/** How a job ended: its value, or cancelled with the last progress it reported (an anytime job's best so far). */
export type JobOutcome<V, P> = { status: 'done'; value: V } | { status: 'cancelled'; lastProgress?: P };

export interface RunningJob<V, P> {
  outcome: Promise<JobOutcome<V, P>>;
  cancel(): void;
}

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'taktboard-engine' });

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: unknown) => void;
}

/** One worker with a table of pending requests. */
class WorkerChannel {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(factory: WorkerFactory) {
    this.worker = factory();
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => this.failAll(`The engine worker failed: ${event.message || 'could not start'}`));
  }

  send(kind: WorkerRequest['kind'], name: string, args: unknown[], onProgress?: (p: unknown) => void): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ kind, id, name, args } satisfies WorkerRequest);
    });
  }

  terminate() {
    this.worker.terminate();
    this.failAll('terminated');
  }

  private receive(message: WorkerResponse) {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    if (message.kind === 'progress') {
      entry.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'result') entry.resolve(message.value);
    else entry.reject(new Error(message.error));
  }

  private failAll(reason: string) {
    for (const entry of this.pending.values()) entry.reject(new Error(reason));
    this.pending.clear();
  }
}

export class EngineClient {
  private readonly channel: WorkerChannel;

  constructor(private readonly factory: WorkerFactory = defaultWorkerFactory) {
    this.channel = new WorkerChannel(factory);
  }

  /** A quick engine computation, answered by the shared worker. */
  call<K extends keyof EngineApi>(name: K, ...args: Parameters<EngineApi[K]>): Promise<ReturnType<EngineApi[K]>> {
    return this.channel.send('call', name, args) as Promise<ReturnType<EngineApi[K]>>;
  }

  /**
   * A long job (solver, simulation) in a worker of its own, so quick calls stay answered meanwhile.
   * Cancelling terminates that worker at once, however deep in a search it is.
   */
  job<K extends keyof EngineJobs>(
    name: K,
    args: JobArgs<K>,
    onProgress?: (progress: JobProgress<K>) => void,
  ): RunningJob<JobValue<K>, JobProgress<K>> {
    const channel = new WorkerChannel(this.factory);
    let lastProgress: JobProgress<K> | undefined;
    let cancelled = false;
    let settle: (outcome: JobOutcome<JobValue<K>, JobProgress<K>>) => void = () => {};
    const outcome = new Promise<JobOutcome<JobValue<K>, JobProgress<K>>>((resolve, reject) => {
      settle = resolve;
      channel
        .send('job', name, [args], (progress) => {
          lastProgress = progress as JobProgress<K>;
          onProgress?.(lastProgress);
        })
        .then((value) => resolve({ status: 'done', value: value as JobValue<K> }))
        .catch((error: Error) => (cancelled ? resolve({ status: 'cancelled', lastProgress }) : reject(error)))
        .finally(() => channel.terminate());
    });
    return {
      outcome,
      cancel() {
        if (cancelled) return;
        cancelled = true;
        channel.terminate();
        settle({ status: 'cancelled', lastProgress });
      },
    };
  }

  dispose() {
    this.channel.terminate();
  }
}
