// The open value stream's state, one object shared by every view through context: the live reads of the store
// (the stream with its parts, stages and loops, its event log, cards and assembly cell) and what the engine worker
// derives from them (takt and pitch, flow metrics, limit proposals, board flow, simulation defaults). Every read goes
// through the one helper in resource.svelte.ts: it runs only while a view on screen reads it, drops answers for
// old inputs and turns a failure into an error the view shows with a Retry button. Views render and send commands.
import { getContext, setContext } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';
import type { AppState } from './app-state.svelte.ts';
import type { EngineLink } from './engine-link.svelte.ts';
import { engineResource, liveResource, SKIP, type Input, type Resource } from './resource.svelte.ts';
import { boardCounts, streamCards, streamCell, streamEvents, streamSnapshot, type CellSnapshot, type StreamSnapshot } from '../../db/queries.ts';
import type { CardRecord, EventRecord, LoopRecord, PartRecord, StageRecord, StreamRecord } from '../../db/records.ts';
import type { Result } from '../../engine/result.ts';
import type { BoardFlow, StreamPace } from '../../engine/api/flow-api.ts';
import type { StreamLimitProposals } from '../../engine/api/limits-api.ts';
import type { SimulationDefaults } from '../../engine/api/simulate-api.ts';
import type { FlowMetrics } from '../../engine/flow/index.ts';

/** A value read for one stream: kept with its stream id, so another stream's answer is never taken for this one's. */
export type Of<T> = T & { streamId: string };

/** Flow figures move with the clock (ages, today's bucket) as well as with the log: at least once a minute. */
export const CLOCK_MS = 60_000;

export class StreamState {
  /** The stream with its parts, stages (flow order) and kanban loops: the one live read every view shares. */
  readonly snapshot: Resource<Of<StreamSnapshot> | null>;
  /** The stream's event log in time order. */
  readonly log: Resource<Of<{ events: EventRecord[] }> | null>;
  /** Every card of the stream, on the board or finished. */
  readonly allCards: Resource<Of<{ cards: CardRecord[] }> | null>;
  /** Cards on the board per stage id. */
  readonly counts: Resource<Of<{ byStage: Record<string, number> }> | null>;
  /** The stream's assembly cell with its stations, work elements and scenarios. */
  readonly cellSnapshot: Resource<Of<CellSnapshot> | null>;

  /** Takt of all parts' demand over the calendar, and pitch per pack-out quantity: the header, balancing and forecasts read this one. */
  readonly pace: Resource<Result<StreamPace> | null>;
  readonly flow: Resource<Result<FlowMetrics> | null>;
  readonly limits: Resource<Result<StreamLimitProposals> | null>;
  readonly boardFlow: Resource<Result<BoardFlow> | null>;
  readonly simulation: Resource<Result<SimulationDefaults> | null>;

  /** Drift of measured from planned lead time, in percent, beyond which the limit proposals re-propose (the stream editor's field). */
  driftPercent = $state<number | null>(25);

  #tick = createSubscriber((update) => {
    const timer = setInterval(update, CLOCK_MS);
    return () => clearInterval(timer);
  });

  constructor(
    readonly app: AppState,
    readonly engine: EngineLink,
  ) {
    const db = app.db;
    const byStream = <T extends object>(task: string, query: (streamId: string) => Promise<T>) =>
      liveResource<string, Of<T> | null>({
        task,
        input: () => app.streamId ?? SKIP,
        key: (streamId) => streamId,
        query: async (streamId) => ({ ...(await query(streamId)), streamId }),
        initial: null,
      });

    this.snapshot = byStream('read the value stream', (id) => streamSnapshot(db, id));
    this.log = byStream('read the event log', async (id) => ({ events: await streamEvents(db, id) }));
    this.allCards = byStream('read the cards', async (id) => ({ cards: await streamCards(db, id) }));
    this.counts = byStream('count the cards on the board', async (id) => ({ byStage: await boardCounts(db, id) }));
    this.cellSnapshot = byStream('read the assembly cell', (id) => streamCell(db, id));

    this.pace = this.compute('compute takt and pitch', () => {
      const stream = this.stream;
      if (!stream) return SKIP;
      const parts = this.parts.map((p) => ({ partNumber: p.partNumber, demandPerDay: p.demandPerDay, containerQuantity: p.containerQuantity }));
      return { calendar: stream.calendar, parts };
    }, (engine, { calendar, parts }) => engine.call('streamPace', calendar, parts));

    this.flow = this.compute('compute the flow metrics', () => {
      const events = this.events;
      if (!this.stream || !events) return SKIP;
      const now = this.#now();
      return { events, options: { stageIds: this.stages.map((s) => s.id), now, utcOffsetMinutes: -new Date(now).getTimezoneOffset() } };
    }, (engine, { events, options }) => engine.call('flowMetrics', events, options));

    this.limits = this.compute('compute the proposed card limits', () => {
      const stream = this.stream;
      const events = this.events;
      if (!stream || !events) return SKIP;
      const percent = this.driftPercent;
      const threshold = (typeof percent === 'number' ? percent : Number.NaN) / 100;
      const now = this.#now();
      return { stages: this.stages, loops: this.loops, parts: this.partDemands(), calendar: stream.calendar, events, now, utcOffsetMinutes: -new Date(now).getTimezoneOffset(), threshold };
    }, (engine, input) => engine.call('streamLimitProposals', input));

    this.boardFlow = this.compute('compute the board\'s flow figures', () => {
      const events = this.events;
      if (!this.stream || !events) return SKIP;
      const now = this.#now();
      const stages = this.stages;
      return { events, stageIds: stages.map((s) => s.id), stages, loops: this.loops, parts: this.partDemands(), now, utcOffsetMinutes: -new Date(now).getTimezoneOffset() };
    }, (engine, input) => engine.call('boardFlow', input));

    this.simulation = this.compute('work out the simulation\'s starting values', () => {
      const stream = this.stream;
      if (!stream) return SKIP;
      return {
        calendar: stream.calendar,
        parts: this.parts.map((p) => ({ demandPerDay: p.demandPerDay, containerQuantity: p.containerQuantity })),
        stages: this.stages.map((s) => ({ id: s.id, name: s.name, cardLimit: s.cardLimit })),
      };
    }, (engine, { calendar, parts, stages }) => engine.call('simulationDefaults', calendar, parts, stages));
  }

  /**
   * An engine result of this stream's data (or of a form's values): asked again when `input` changes, the answer
   * to an older input dropped, a failure shown with a retry. Answers are dropped at once for another stream.
   */
  compute<I, T>(task: string, input: () => Input<I>, call: (engine: EngineLink, input: I) => Promise<T>): Resource<T | null> {
    const app = this.app;
    return engineResource<{ streamId: string; input: I }, T | null>(this.engine, {
      task,
      input: () => {
        const streamId = app.streamId;
        if (!streamId) return SKIP;
        const value = input();
        return value === SKIP ? SKIP : { streamId, input: value };
      },
      key: ({ streamId }) => streamId,
      call: (engine, { input: value }) => call(engine, value),
      initial: null,
    });
  }

  /** The time now, and a request again within a minute: reading it keeps a clock running while the reader is on screen. */
  #now(): number {
    this.#tick();
    return Date.now();
  }

  #mine<T>(value: Of<T> | null): Of<T> | null {
    return value && value.streamId === this.app.streamId ? value : null;
  }

  get id(): string | null {
    return this.app.streamId;
  }

  /** The snapshot of the current stream, or null while it loads. */
  get data(): Of<StreamSnapshot> | null {
    return this.#mine(this.snapshot.current);
  }
  get stream(): StreamRecord | undefined {
    return this.data?.stream;
  }
  get parts(): PartRecord[] {
    return this.data?.parts ?? [];
  }
  get stages(): StageRecord[] {
    return this.data?.stages ?? [];
  }
  /** What each loop's demand is derived from (part number and demand per working day), as plain data for the engine. */
  partDemands(): { partNumber: string; demandPerDay: number }[] {
    return this.parts.map((p) => ({ partNumber: p.partNumber, demandPerDay: p.demandPerDay }));
  }
  get loops(): LoopRecord[] {
    return this.data?.loops ?? [];
  }
  /** The event log of the current stream, or null while it loads. */
  get events(): EventRecord[] | null {
    return this.#mine(this.log.current)?.events ?? null;
  }
  get cards(): CardRecord[] {
    return this.#mine(this.allCards.current)?.cards ?? [];
  }
  get cardsByStage(): Record<string, number> {
    return this.#mine(this.counts.current)?.byStage ?? {};
  }
  get cell(): Of<CellSnapshot> | null {
    return this.#mine(this.cellSnapshot.current);
  }
}

const STREAM_CONTEXT = Symbol('taktboard-stream');
export const setStream = (state: StreamState) => setContext(STREAM_CONTEXT, state);
export const getStream = () => getContext<StreamState>(STREAM_CONTEXT);
