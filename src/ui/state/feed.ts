// The core of every read a view waits for (a live query of the store, an engine call): only the newest request may
// answer, and a failure becomes an error the view can show and retry. Plain TypeScript, so it is tested without a DOM;
// resource.svelte.ts turns it into runes state.

/** How a request answers: any number of values (a live query) or one (an engine call), or a failure. */
export interface Answer<T> {
  value(value: T): void;
  fail(error: unknown): void;
}

/** Starts a request for `input`; returns how to stop it (unsubscribe), if there is anything to stop. */
export type Source<I, T> = (input: I, answer: Answer<T>) => (() => void) | void;

export interface FeedState<T> {
  /** The newest answer, or the initial value until there is one (or after the key changed). */
  value: T;
  /** An answer has arrived since the key last changed. */
  loaded: boolean;
  /** A request is out and has not answered yet. */
  pending: boolean;
  /** Why the newest request failed, as a sentence for the screen; null once an answer arrives. */
  error: string | null;
}

export interface FeedOptions<I, T> {
  source: Source<I, T>;
  initial: T;
  /**
   * Answers for one key (a stream id) are kept while a newer request for the same key is out, so a figure does not
   * blink on every edit; a request for another key drops them at once, so one stream's figures never show for another.
   */
  key?: (input: I) => string;
}

/** The text of a failure: an Error's message (Dexie's carry their name), a string as is. */
export function failureText(error: unknown): string {
  if (error instanceof Error) {
    const named = error.name && error.name !== 'Error' && !error.message.startsWith(error.name) ? `${error.name}: ` : '';
    return `${named}${error.message || 'unknown error'}`;
  }
  if (typeof error === 'string' && error) return error;
  return 'unknown error';
}

export class Feed<I, T> {
  #state: FeedState<T>;
  #key: string | undefined;
  #stop: (() => void) | undefined;
  /** The request whose answers count; answers of any earlier request are dropped. */
  #current = 0;

  constructor(
    private readonly options: FeedOptions<I, T>,
    private readonly publish: (state: FeedState<T>) => void = () => {},
  ) {
    this.#state = { value: options.initial, loaded: false, pending: false, error: null };
  }

  get state(): FeedState<T> {
    return this.#state;
  }

  #set(change: Partial<FeedState<T>>) {
    this.#state = { ...this.#state, ...change };
    this.publish(this.#state);
  }

  /** Asks for `input`; whatever an earlier request answers from now on is ignored. */
  request(input: I): void {
    this.#halt();
    const run = this.#current;
    const key = this.options.key?.(input) ?? '';
    if (key !== this.#key) {
      this.#key = key;
      this.#set({ value: this.options.initial, loaded: false, pending: true, error: null });
    } else this.#set({ pending: true });
    const answer: Answer<T> = {
      value: (value) => {
        if (run === this.#current) this.#set({ value, loaded: true, pending: false, error: null });
      },
      fail: (error) => {
        if (run === this.#current) this.#set({ pending: false, error: failureText(error) });
      },
    };
    try {
      const stop = this.options.source(input, answer);
      // A request stopped (or overtaken) while it was being started is stopped at once.
      if (run === this.#current) this.#stop = stop ?? undefined;
      else stop?.();
    } catch (error) {
      answer.fail(error);
    }
  }

  /** Stops the current request (its input is not ready, or nobody reads it): its answers are dropped from now on. */
  stop(): void {
    this.#halt();
    if (this.#state.pending) this.#set({ pending: false });
  }

  #halt() {
    this.#current++;
    const stop = this.#stop;
    this.#stop = undefined;
    stop?.();
  }

  /** Before a retry: the error goes, so the view shows the request going out again. */
  clearError(): void {
    if (this.#state.error !== null) this.#set({ error: null });
  }
}

/** A source over a promise: the engine call, or a one-off read. */
export const fromPromise =
  <I, T>(call: (input: I) => Promise<T>): Source<I, T> =>
  (input, answer) => {
    call(input).then(answer.value, answer.fail);
  };
