// The one helper behind every read a view waits for, as runes state: a live query of the store or an engine call.
// It asks again when its inputs change, drops answers for old inputs, turns a failure into `error` (shown with a
// Retry button by LoadError.svelte) and runs only while something on screen reads it.
import { createSubscriber } from 'svelte/reactivity';
import { watch } from '../../db/queries.ts';
import { Feed, failureText, fromPromise, type FeedState, type Source } from './feed.ts';
import type { EngineLink } from './engine-link.svelte.ts';

/** An input that is not ready yet (no stream, the snapshot still loading): no request goes out. */
export const SKIP: unique symbol = Symbol('not ready');
export type Input<I> = I | typeof SKIP;

export interface ResourceOptions<I, T> {
  /** What the request needs, read reactively: it goes out again whenever this changes. */
  input: () => Input<I>;
  source: Source<I, T>;
  initial: T;
  /** Answers are dropped at once when the key changes (another stream); see FeedOptions. */
  key?: (input: I) => string;
  /** What was being done, for the message: "compute takt and pitch". */
  task: string;
  /** Runs before a retry, e.g. a new engine worker in place of a failed one. */
  beforeRetry?: () => void;
}

/** Anything LoadError can show and retry. */
export interface Retryable {
  readonly task: string;
  readonly error: string | null;
  retry(): void;
}

export class Resource<T> implements Retryable {
  readonly task: string;
  #state: FeedState<T>;
  #attempt = $state(0);
  readonly #feed: Feed<unknown, T>;
  readonly #subscribe: () => void;
  readonly #beforeRetry: (() => void) | undefined;

  constructor(options: ResourceOptions<unknown, T>) {
    this.task = options.task;
    this.#beforeRetry = options.beforeRetry;
    this.#feed = new Feed({ source: options.source, initial: options.initial, key: options.key }, (state) => (this.#state = state));
    this.#state = $state.raw(this.#feed.state);
    // Started by the first reader in an effect (a view on screen), stopped when the last one goes.
    this.#subscribe = createSubscriber(() =>
      $effect.root(() => {
        $effect(() => {
          void this.#attempt;
          const input = options.input();
          if (input === SKIP) {
            this.#feed.stop();
            return;
          }
          this.#feed.request(input);
          return () => this.#feed.stop();
        });
      }),
    );
  }

  /** The newest answer (or the initial value). */
  get current(): T {
    this.#subscribe();
    return this.#state.value;
  }

  /** An answer for the current key has arrived. */
  get loaded(): boolean {
    this.#subscribe();
    return this.#state.loaded;
  }

  /** A request is out. */
  get pending(): boolean {
    this.#subscribe();
    return this.#state.pending;
  }

  get error(): string | null {
    this.#subscribe();
    return this.#state.error;
  }

  retry(): void {
    this.#beforeRetry?.();
    this.#feed.clearError();
    this.#attempt++;
  }
}

/** A live query of the store: answers again whenever the tables it read change (in this tab or another). */
export function liveResource<I, T>(options: Omit<ResourceOptions<I, T>, 'source'> & { query: (input: I) => Promise<T> }): Resource<T> {
  return new Resource<T>({
    ...(options as Omit<ResourceOptions<unknown, T>, 'source'>),
    source: (input, answer) => {
      return watch(() => options.query(input as I), {
        next: answer.value,
        error: (error: unknown) => {
          console.error(`Could not ${options.task}: ${failureText(error)}`, error);
          answer.fail(error);
        },
      });
    },
  });
}

/**
 * An engine call on inputs that change: asks again when they do, or when a new worker replaced a failed one;
 * a retry of a failure starts that new worker.
 */
export function engineResource<I, T>(
  engine: EngineLink,
  options: Omit<ResourceOptions<I, T>, 'source' | 'beforeRetry'> & { call: (engine: EngineLink, input: I) => Promise<T> },
): Resource<T> {
  return new Resource<T>({
    ...(options as Omit<ResourceOptions<unknown, T>, 'source'>),
    input: () => {
      void engine.generation;
      return options.input();
    },
    source: fromPromise((input) => options.call(engine, input as I)),
    beforeRetry: () => engine.restart(),
  });
}
