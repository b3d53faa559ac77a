// The simulation workbench's state: the line as the team edits it (current and what-if card limits) and the two runs.
import type { EngineClient, RunningJob } from '../../worker/engine-client.ts';
import type { PullLineInput, PullLineResult, SimProgress, SimStage } from '../../engine/simulate/pull-line.ts';
import type { Result } from '../../engine/result.ts';

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
  private jobs: RunningJob<Result<PullLineResult>, SimProgress>[] = [];

  constructor(private readonly engine: EngineClient) {}

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
    this.results = {};
    this.progress = { current: 0, whatIf: 0 };
    const variants: Variant[] = ['current', 'whatIf'];
    this.jobs = variants.map((variant) =>
      this.engine.job('simulatePullLine', this.input(variant), (p) => (this.progress = { ...this.progress, [variant]: p.fraction })),
    );
    const outcomes = await Promise.all(this.jobs.map((job) => job.outcome));
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
