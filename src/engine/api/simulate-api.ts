// Simulation jobs of the engine API: long runs go to a worker of their own, with progress, and can be cancelled.
import { simulatePullLine, type PullLineInput, type SimProgress, type SimStage } from '../simulate/pull-line.ts';
import type { ShiftCalendar } from '../model.ts';
import { piecesPerDay, type Pieces, type PiecesPerDay } from '../units.ts';
import { err, ok, type Result } from '../result.ts';
import { fmt, taktFromCalendar } from '../takt.ts';
import { simulateLine } from '../simulate/replicate.ts';
import type { LineModel, StageModel } from '../simulate/line-model.ts';
import type { LogEntry } from '../events.ts';
import { replay } from '../flow/replay.ts';
import { sortedVisitsByStage } from '../flow/cycle-time.ts';

export const simulateJobs = {
  simulatePullLine: (input: PullLineInput, report: (progress: SimProgress) => void) => simulatePullLine(input, report),
  /** The line model's replications (issue 16): kanban, CONWIP or push, with disruptions and 95 % intervals. */
  simulateLine: (model: LineModel, report: (progress: SimProgress) => void) => simulateLine(model, {}, report),
};

/** Fewest measured times in a stage before the default model resamples them instead of assuming a lognormal. */
export const MIN_MEASURED = 20;
/** At most this many measured times per stage go into a model (evenly thinned), so a model file stays small. */
const MAX_MEASURED = 2000;

/**
 * The stream's own line as a simulation model: its stages with their card limits (kanban control), each stage's
 * measured times in the stage from the event log resampled when there are at least MIN_MEASURED of them (else the
 * lognormal starting value), one customer withdrawal per container at takt × container quantity, its parts with
 * their demand shares, and a 98 % fill-rate target for the hybrid-JIT safety stock.
 */
export function lineModelDefaults(input: {
  calendar: ShiftCalendar;
  parts: readonly { partNumber: string; demandPerDay: PiecesPerDay; containerQuantity: Pieces }[];
  stages: readonly { id: string; name: string; cardLimit: number }[];
  events: readonly LogEntry[];
  now: number;
}): Result<{ model: LineModel; measured: number[]; explanation: string }> {
  const base = simulationDefaults(input.calendar, input.parts, input.stages);
  if (!base.ok) return base;
  const visits = input.events.length ? sortedVisitsByStage(replay(input.events, { stageIds: input.stages.map((s) => s.id), now: input.now })) : [];
  const measured = input.stages.map((_, i) => visits[i]?.length ?? 0);
  const stages: StageModel[] = base.value.stages.map((s, i) => {
    const times = visits[i];
    if (times && times.length >= MIN_MEASURED) {
      const step = Math.max(1, times.length / MAX_MEASURED);
      const samples: number[] = [];
      for (let k = 0; k < times.length; k += step) samples.push(Math.round(times[Math.floor(k)] * 10) / 10);
      return { name: s.name, cards: s.cardLimit, time: { dist: 'empirical', samples } };
    }
    return { name: s.name, cards: s.cardLimit, time: { dist: 'lognormal', mean: s.meanSeconds, cv: s.cv } };
  });
  const used = measured.filter((m) => m >= MIN_MEASURED).length;
  return ok({
    model: {
      stages,
      control: { mode: 'kanban' },
      demand: { mode: 'takt', interval: Math.round(base.value.demandIntervalSeconds * 10) / 10, quantity: 1, dist: 'lognormal', cv: 0.3 },
      parts: input.parts.filter((p) => p.demandPerDay > 0).map((p) => ({ name: p.partNumber, share: p.demandPerDay })),
      hours: 400,
      warmupHours: 40,
      replications: 5,
      seed: 1,
      fillRateTarget: 0.98,
    },
    measured,
    explanation: `${base.value.explanation} ${used} of ${stages.length} stages use their measured times in the stage (at least ${MIN_MEASURED} visits); the others start at 85 % of that interval with a CV of 0.5.`,
  });
}

/** What the simulation starts from for a value stream: its stages with their limits, and the customer's pace. */
export interface SimulationDefaults {
  stages: SimStage[];
  demandIntervalSeconds: number;
  /** Demand-weighted container quantity the pace is counted in. */
  containerQuantity: number;
  explanation: string;
}

/**
 * One customer withdrawal per container: every takt × (demand-weighted container quantity) seconds. Each stage
 * starts at 85 % of that interval with a CV of 0.5 (a moderately variable manual process), for the team to edit.
 */
export function simulationDefaults(
  calendar: ShiftCalendar,
  parts: readonly { demandPerDay: PiecesPerDay; containerQuantity: Pieces }[],
  stages: readonly { id: string; name: string; cardLimit: number }[],
): Result<SimulationDefaults> {
  const demand = parts.reduce((sum, part) => sum + part.demandPerDay, 0);
  if (parts.length === 0 || !(demand > 0)) return err('The value stream has no demand to simulate: give its parts a daily demand first.');
  const t = taktFromCalendar(calendar, piecesPerDay(demand));
  if (!t.ok) return t;
  const container = parts.reduce((sum, part) => sum + part.demandPerDay * part.containerQuantity, 0) / demand;
  if (!(container > 0)) return err('Container quantities must be more than 0 to simulate the line.');
  const interval = t.value.takt * container;
  return ok({
    stages: stages.map((s) => ({ id: s.id, name: s.name, cardLimit: Math.max(1, s.cardLimit), meanSeconds: Math.round(interval * 0.85), cv: 0.5 })),
    demandIntervalSeconds: interval,
    containerQuantity: container,
    explanation: `Takt ${fmt(t.value.takt)} s × ${fmt(container)} pieces per container (demand-weighted) = one customer withdrawal every ${fmt(interval)} s.`,
  });
}

export const simulateApi = { simulationDefaults, lineModelDefaults };
