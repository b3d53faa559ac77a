// The simulation workbench's state: the line as the team edits it (current and what-if card limits) and the two runs.
// The starting values come from the shared stream state; the runs are engine jobs, each in a worker of its own.
import { untrack } from 'svelte';
import type { PullLineInput, PullLineResult, SimStage } from '../../engine/simulate/pull-line.ts';
import type { Result } from '../../engine/result.ts';
import type { RunningJob } from '../../worker/engine-client.ts';
import type { StreamState } from '../state/stream-state.svelte.ts';
import type { Retryable } from '../state/resource.svelte.ts';
import { failureText } from '../state/feed.ts';

export type Variant = 'current' | 'whatIf';
export interface StageRow extends SimStage {
  whatIfLimit: number;
}

export class SimulationState {
  rows = $state<StageRow[]>([]);
  demandIntervalSeconds = $state(0);
  demandCv = $state(0.3);
  hours = $state(400);
  seed = $state(1);
  explanation = $state('');
  progress = $state<Record<Variant, number>>({ current: 0, whatIf: 0 });
  results = $state.raw<Partial<Record<Variant, Result<PullLineResult>>>>({});
  running = $state(false);
  cancelled = $state(false);
  /** Why the last run could not finish (its workers could not start), shown with a retry. */
  runError = $state<string | null>(null);
  private jobs: RunningJob<Result<PullLineResult>, unknown>[] = [];

  /** The last run's failure as LoadError shows it: Retry runs again. */
  readonly runFailure: Retryable;

  /** Call during a component's setup: the rows follow the stream's stages and demand (a change reloads them). */
  constructor(private readonly stream: StreamState) {
    const self = this;
    this.runFailure = {
      task: 'run the simulation',
      get error() {
        return self.runError;
      },
      retry: () => void this.run(),
    };
    $effect(() => {
      const defaults = stream.simulation.current;
      if (!defaults?.ok) return;
      untrack(() => this.load(defaults.value.stages, defaults.value.demandIntervalSeconds, defaults.value.explanation));
      return () => untrack(() => this.cancel());
    });
  }

  /** The engine's refusal to start from this stream (no demand, no working time), or null. */
  get refusal(): string | null {
    const defaults = this.stream.simulation.current;
    return defaults && !defaults.ok ? defaults.error : null;
  }

  load(stages: SimStage[], demandIntervalSeconds: number, explanation: string) {
    this.rows = stages.map((s) => ({ ...s, whatIfLimit: s.cardLimit }));
    this.demandIntervalSeconds = Math.round(demandIntervalSeconds * 10) / 10;
    this.explanation = explanation;
    this.results = {};
  }

  private input(variant: Variant): PullLineInput {
    return {
      stages: $state.snapshot(this.rows).map(({ whatIfLimit, ...stage }) => ({ ...stage, cardLimit: variant === 'current' ? stage.cardLimit : whatIfLimit })),
      demandIntervalSeconds: this.demandIntervalSeconds,
      demandCv: this.demandCv,
      hours: this.hours,
      warmupHours: Math.min(40, this.hours / 10),
      // Both variants see the same random draws (common random numbers), so the difference is the change, not luck.
      seed: this.seed,
    };
  }

  /** Runs both variants side by side in their own workers. */
  async run() {
    this.cancel();
    this.running = true;
    this.cancelled = false;
    this.runError = null;
    this.results = {};
    this.progress = { current: 0, whatIf: 0 };
    const variants: Variant[] = ['current', 'whatIf'];
    const jobs = variants.map((variant) =>
      this.stream.engine.job('simulatePullLine', this.input(variant), (p) => (this.progress = { ...this.progress, [variant]: p.fraction })),
    );
    this.jobs = jobs;
    let outcomes;
    try {
      outcomes = await Promise.all(jobs.map((job) => job.outcome));
    } catch (error) {
      // A worker that could not start (or crashed): stop the other one too, and say so.
      for (const job of jobs) job.cancel();
      if (this.jobs !== jobs) return;
      this.jobs = [];
      this.running = false;
      this.runError = failureText(error);
      return;
    }
    if (outcomes.some((o) => o.status === 'cancelled')) return;
    const results: Partial<Record<Variant, Result<PullLineResult>>> = {};
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'done') results[variants[i]] = outcome.value;
    });
    this.results = results;
    this.running = false;
  }

  cancel() {
    if (!this.running) return;
    for (const job of this.jobs) job.cancel();
    this.jobs = [];
    this.running = false;
    this.cancelled = true;
  }
}
