// The risk simulation's state: the line model (from the stream's own data, then edited), its run in a worker, and the results.
import { untrack } from 'svelte';
import type { LineModel } from '../../engine/simulate/line-model.ts';
import type { LineSimulation } from '../../engine/simulate/replicate.ts';
import type { TimeDistribution } from '../../engine/simulate/distributions.ts';
import type { Result } from '../../engine/result.ts';
import type { RunningJob } from '../../worker/engine-client.ts';
import type { StreamState } from '../state/stream-state.svelte.ts';
import { SKIP, type Resource, type Retryable } from '../state/resource.svelte.ts';
import { failureText } from '../state/feed.ts';

export type DistKind = TimeDistribution['dist'];

/** One stage as the form edits it: every field a plain number or text (empty disruption fields mean none). */
export interface StageDraft {
  name: string;
  cards: number;
  dist: DistKind;
  mean: number;
  cv: number;
  /** Measured times of the stage from the event log (empty when too few were measured). */
  samples: number[];
  mtbfHours: number | null;
  mttrHours: number | null;
  scrap: number | null;
  rework: number | null;
  changeoverSeconds: number | null;
}

export class LineSimState {
  stages = $state<StageDraft[]>([]);
  parts = $state<{ name: string; share: number }[]>([]);
  mode = $state<'kanban' | 'conwip' | 'push'>('kanban');
  conwipCards = $state(10);
  interval = $state(60);
  demandCv = $state(0.3);
  hours = $state(400);
  warmupHours = $state(40);
  replications = $state(5);
  seed = $state(1);
  fillRateTarget = $state(98);
  /** Containers per lot between changeovers (applies to every part; empty: one part runs without changeovers). */
  lotSize = $state<number | null>(null);
  /** A demand spike at a set hour after warm-up, and random extra orders: empty fields mean none. */
  spikeAtHours = $state<number | null>(null);
  spikeQuantity = $state<number | null>(null);
  randomSpikesPerHour = $state<number | null>(null);
  randomSpikeQuantity = $state<number | null>(null);
  /** The supplier feeding the first stage: empty interval means unlimited material. */
  supplierIntervalHours = $state<number | null>(null);
  supplierQuantity = $state(10);
  supplierLeadTimeHours = $state(8);
  supplierLeadTimeCv = $state(0.3);
  supplierMissedPercent = $state(0);
  supplierInitialStock = $state(20);
  explanation = $state('');
  progress = $state(0);
  running = $state(false);
  cancelled = $state(false);
  result = $state.raw<Result<LineSimulation> | null>(null);
  /** The model the shown result came from, for export. */
  ranModel = $state.raw<LineModel | null>(null);
  runError = $state<string | null>(null);
  readonly defaults: Resource<Result<{ model: LineModel; measured: number[]; explanation: string }> | null>;
  readonly runFailure: Retryable;
  private job: RunningJob<Result<LineSimulation>, unknown> | null = null;

  constructor(private readonly stream: StreamState) {
    const self = this;
    this.runFailure = {
      task: 'run the line simulation',
      get error() {
        return self.runError;
      },
      retry: () => void this.run(),
    };
    this.defaults = stream.compute('build the line model from the stream', () => {
      const s = stream.stream;
      const events = stream.events;
      if (!s || !events) return SKIP;
      return {
        calendar: s.calendar,
        parts: stream.parts.map((p) => ({ partNumber: p.partNumber, demandPerDay: p.demandPerDay, containerQuantity: p.containerQuantity })),
        stages: stream.stages.map((st) => ({ id: st.id, name: st.name, cardLimit: st.cardLimit })),
        events,
        now: Date.now(),
      };
    }, (engine, input) => engine.call('lineModelDefaults', input));
    $effect(() => {
      const d = this.defaults.current;
      if (!d?.ok) return;
      untrack(() => this.load(d.value.model, d.value.explanation));
      return () => untrack(() => this.cancel());
    });
  }

  get refusal(): string | null {
    const d = this.defaults.current;
    return d && !d.ok ? d.error : null;
  }

  load(model: LineModel, explanation: string) {
    this.stages = model.stages.map((s) => ({
      name: s.name,
      cards: s.cards ?? 1,
      dist: s.time.dist,
      mean: s.time.dist === 'empirical' ? Math.round((s.time.samples.reduce((a, b) => a + b, 0) / s.time.samples.length) * 10) / 10 : s.time.mean,
      cv: 'cv' in s.time ? s.time.cv : 0.5,
      samples: s.time.dist === 'empirical' ? s.time.samples : [],
      mtbfHours: null,
      mttrHours: null,
      scrap: null,
      rework: null,
      changeoverSeconds: null,
    }));
    this.parts = (model.parts ?? []).map((p) => ({ name: p.name, share: p.share }));
    this.mode = model.control.mode;
    this.conwipCards = this.stages.reduce((a, s) => a + s.cards, 0);
    if (model.demand.mode === 'takt') {
      this.interval = model.demand.interval;
      this.demandCv = model.demand.cv ?? 0;
    }
    this.explanation = explanation;
    this.result = null;
  }

  /** The model as the form says: what runs, and what Export model saves (the CLI reads the same file). */
  model(): LineModel {
    const stages = $state.snapshot(this.stages);
    return {
      stages: stages.map((s) => {
        const time: TimeDistribution =
          s.dist === 'empirical' ? { dist: 'empirical', samples: s.samples }
          : s.dist === 'lognormal' || s.dist === 'gamma' ? { dist: s.dist, mean: s.mean, cv: s.cv }
          : { dist: s.dist, mean: s.mean };
        return {
          name: s.name,
          time,
          ...(this.mode === 'kanban' ? { cards: s.cards } : {}),
          ...(s.mtbfHours && s.mttrHours ? { breakdown: { mtbfHours: s.mtbfHours, mttrHours: s.mttrHours } } : {}),
          ...(s.scrap ? { scrap: s.scrap / 100 } : {}),
          ...(s.rework ? { rework: s.rework / 100 } : {}),
          ...(s.changeoverSeconds ? { changeoverSeconds: s.changeoverSeconds } : {}),
        };
      }),
      control: this.mode === 'conwip' ? { mode: 'conwip', cards: this.conwipCards } : { mode: this.mode },
      demand: {
        mode: 'takt',
        interval: this.interval,
        quantity: 1,
        dist: 'lognormal',
        cv: this.demandCv,
        ...(this.spikeAtHours !== null && this.spikeQuantity ? { spikes: [{ atHours: this.spikeAtHours, quantity: this.spikeQuantity }] } : {}),
        ...(this.randomSpikesPerHour && this.randomSpikeQuantity ? { randomSpikes: { perHour: this.randomSpikesPerHour, quantity: this.randomSpikeQuantity } } : {}),
      },
      ...(this.parts.length ? { parts: $state.snapshot(this.parts).map((p) => ({ ...p, ...(this.lotSize ? { lotSize: this.lotSize } : {}) })) } : {}),
      ...(this.supplierIntervalHours
        ? {
            supplier: {
              intervalHours: this.supplierIntervalHours,
              quantity: this.supplierQuantity,
              leadTimeHours: this.supplierLeadTimeHours,
              leadTimeCv: this.supplierLeadTimeCv,
              missedShare: this.supplierMissedPercent / 100,
              initialStock: this.supplierInitialStock,
            },
          }
        : {}),
      hours: this.hours,
      warmupHours: this.warmupHours,
      replications: this.replications,
      seed: this.seed,
      fillRateTarget: this.fillRateTarget / 100,
    };
  }

  async run() {
    this.cancel();
    const model = this.model();
    this.running = true;
    this.cancelled = false;
    this.runError = null;
    this.result = null;
    this.progress = 0;
    const job = this.stream.engine.job('simulateLine', model, (p) => (this.progress = p.fraction));
    this.job = job;
    let outcome;
    try {
      outcome = await job.outcome;
    } catch (error) {
      if (this.job !== job) return;
      this.job = null;
      this.running = false;
      this.runError = failureText(error);
      return;
    }
    if (this.job !== job || outcome.status === 'cancelled') return;
    this.job = null;
    this.running = false;
    if (outcome.status === 'done') {
      this.result = outcome.value;
      this.ranModel = model;
    }
  }

  cancel() {
    if (!this.running) return;
    this.job?.cancel();
    this.job = null;
    this.running = false;
    this.cancelled = true;
  }
}
