// Flow-metric calls of the engine API (lead and cycle time, throughput, cumulative flow, aging) and what the kanban board reads from them.
import type { KanbanLoop, ShiftCalendar } from '../model.ts';
import { lastLimitChanges, type LimitChange } from '../limits.ts';
import type { LogEntry as BoardEvent } from '../events.ts';
import type { Pieces, PiecesPerDay, Seconds } from '../units.ts';
import { piecesPerDay } from '../units.ts';
import { err, ok, type Result } from '../result.ts';
import { flowMetrics, type AgeBand, type FlowOptions } from '../flow/index.ts';
import { loopKanbanCount } from '../kanban.ts';
import { sizeLoops, type PartDemand, type SizedLoop } from '../loop-demand.ts';
import { pitch, taktFromCalendar, type Basis } from '../takt.ts';
import { cycleTimeScatter, leadTimeHistogram, throughputRun, type CycleTimeScatter, type HistogramBin, type ScatterFilter, type ThroughputRun } from '../flow/charts.ts';
import { monteCarloHowMany, monteCarloWhen, type MonteCarloAnswer } from '../flow/monte-carlo.ts';
import { blockedTimeByStage } from '../andon.ts';
import { agingChart, CREATED, DONE, flowEfficiency, stageLeadTimes, wipRun, type AgingStage, type FlowEfficiency, type WipRun } from '../flow/run-charts.ts';

export type { MonteCarloAnswer } from '../flow/monte-carlo.ts';
export type { AgingStage, FlowEfficiency, WipRun, CardEfficiency } from '../flow/run-charts.ts';
export type { CycleTimeScatter, HistogramBin, ScatterFilter, ThroughputRun, ScatterPoint } from '../flow/charts.ts';

export interface FlowChartsInput extends FlowOptions {
  events: readonly BoardEvent[];
  filter?: ScatterFilter;
  period?: 'day' | 'week';
  /** Scatterplot lead time from entering this stage ('created' by default) to entering that one ('done' by default). */
  startStage?: string;
  endStage?: string;
}

export interface FlowCharts {
  scatter: CycleTimeScatter;
  leadTimeHistogram: HistogramBin[];
  throughput: ThroughputRun;
  aging: AgingStage[];
  wip: WipRun;
  efficiency: FlowEfficiency;
}

/** The chart series of the Flow view in one worker call: one pass over the log, then each chart's data from it. */
export function flowCharts(input: FlowChartsInput): Result<FlowCharts> {
  const metrics = flowMetrics(input.events, { stageIds: input.stageIds, now: input.now, utcOffsetMinutes: input.utcOffsetMinutes });
  if (!metrics.ok) return metrics;
  const m = metrics.value;
  const start = input.startStage ?? CREATED;
  const end = input.endStage ?? DONE;
  let perCard = m.leadTime.perCard;
  if (start !== CREATED || end !== DONE) {
    const between = stageLeadTimes(input.events, input.stageIds, start, end, input.now);
    if (!between.ok) return between;
    perCard = between.value;
  }
  const scatter = cycleTimeScatter(perCard, input.filter);
  if (!scatter.ok) return scatter;
  const histogram = leadTimeHistogram(perCard);
  if (!histogram.ok) return histogram;
  const run = throughputRun(m.days, m.throughput.perDay, input.period ?? 'day');
  if (!run.ok) return run;
  const wip = wipRun(m.days, m.wip.perDay);
  if (!wip.ok) return wip;
  const efficiency = flowEfficiency(input.events, input.now);
  if (!efficiency.ok) return efficiency;
  return ok({
    scatter: scatter.value,
    leadTimeHistogram: histogram.value,
    throughput: run.value,
    aging: agingChart(m.aging, m.cycleTime),
    wip: wip.value,
    efficiency: efficiency.value,
  });
}

/** A Monte Carlo question as the Flow & forecast view asks it. */
export interface MonteCarloInput {
  question: 'when' | 'how-many';
  /** Cards finished per day over the chosen window of the log. */
  throughput: readonly number[];
  /** "when": cards to finish. */
  items?: number;
  /** "how many": days ahead. */
  days?: number;
  trials?: number;
  seed?: number;
}

/** Either Monte Carlo question in one call, so the worker has one entry for both. */
export function monteCarlo(input: MonteCarloInput): Result<MonteCarloAnswer> {
  const options = { trials: input.trials, seed: input.seed };
  if (input.question === 'when') return monteCarloWhen(input.throughput, input.items ?? Number.NaN, options);
  if (input.question === 'how-many') return monteCarloHowMany(input.throughput, input.days ?? Number.NaN, options);
  return err(`Ask "when" or "how-many"; got "${String(input.question)}".`);
}

/** Where a stage's card limit comes from: a loop's kanban count, a limit typed in by hand, or nothing recorded. */
export type LimitSource =
  | { kind: 'loop'; loopName: string; cards: number; basis: Basis }
  | { kind: 'loop-error'; loopName: string; error: string }
  | { kind: 'manual'; reason: string }
  | { kind: 'none' };

export interface BoardStageFlow {
  stageId: string;
  /** Finished visits the percentiles are taken over. */
  visits: number;
  p50: Seconds | null;
  p85: Seconds | null;
  p95: Seconds | null;
  limit: LimitSource;
  /** The stage's newest limit or policy change in the log, so the board can say why a stage is over its limit. */
  lastChange?: LimitChange;
}

export interface BoardFlow {
  stages: BoardStageFlow[];
  /** Per card still in process: its age band against its stage's past cycle times. */
  aging: Record<string, AgeBand>;
}

export interface BoardFlowInput extends FlowOptions {
  events: readonly BoardEvent[];
  stages: readonly { id: string; loopId?: string; limitOverrideReason?: string }[];
  loops: readonly KanbanLoop[];
  /** The stream's parts: each loop sizes for its part's demand × its share. */
  parts: readonly PartDemand[];
}

function limitSource(stage: BoardFlowInput['stages'][number], loops: ReadonlyMap<string, SizedLoop>): LimitSource {
  if (stage.limitOverrideReason) return { kind: 'manual', reason: stage.limitOverrideReason };
  const loop = stage.loopId ? loops.get(stage.loopId) : undefined;
  if (!loop) return { kind: 'none' };
  const count = loopKanbanCount(loop);
  return count.ok
    ? { kind: 'loop', loopName: loop.name, cards: count.value.cards, basis: count.value.basis }
    : { kind: 'loop-error', loopName: loop.name, error: count.error };
}

/** Everything the board shows from the engine in one call: per stage the 50/85/95th cycle-time percentiles and the basis of its limit, per card its age band. */
export function boardFlow(input: BoardFlowInput): Result<BoardFlow> {
  const metrics = flowMetrics(input.events, { stageIds: input.stageIds, now: input.now, utcOffsetMinutes: input.utcOffsetMinutes });
  if (!metrics.ok) return metrics;
  const loops = new Map(sizeLoops(input.loops, input.parts).map((loop) => [loop.id, loop]));
  const byId = new Map(input.stages.map((stage) => [stage.id, stage]));
  const changes = lastLimitChanges(input.events);
  const stages = metrics.value.cycleTime.map((c): BoardStageFlow => {
    const stage = byId.get(c.stageId);
    return {
      stageId: c.stageId,
      visits: c.count,
      p50: c.p50,
      p85: c.p85,
      p95: c.p95,
      limit: stage ? limitSource(stage, loops) : { kind: 'none' },
      ...(changes[c.stageId] ? { lastChange: changes[c.stageId] } : {}),
    };
  });
  const aging: Record<string, AgeBand> = {};
  for (const card of metrics.value.aging) aging[card.cardId] = card.band;
  return ok({ stages, aging });
}

export interface StreamPace {
  takt: Seconds;
  taktBasis: Basis;
  /** One pitch per distinct container (pack-out) quantity of the stream's parts, smallest container first. */
  pitches: { packOut: Pieces; partNumbers: string[]; pitch: Seconds; basis: Basis }[];
}

/** Takt of the stream (all parts' demand over the calendar's day) and the pitch for each pack-out quantity. */
export function streamPace(
  calendar: ShiftCalendar,
  parts: readonly { partNumber: string; demandPerDay: PiecesPerDay; containerQuantity: Pieces }[],
): Result<StreamPace> {
  if (parts.length === 0) return err('The value stream has no parts with demand; add a part to get takt and pitch.');
  const demand = parts.reduce((sum, part) => sum + part.demandPerDay, 0);
  const takt = taktFromCalendar(calendar, piecesPerDay(demand));
  if (!takt.ok) return takt;
  const byPackOut = new Map<number, string[]>();
  for (const part of parts) byPackOut.set(part.containerQuantity, [...(byPackOut.get(part.containerQuantity) ?? []), part.partNumber]);
  const pitches: StreamPace['pitches'] = [];
  for (const [packOut, partNumbers] of [...byPackOut].sort((a, b) => a[0] - b[0])) {
    const p = pitch(takt.value.takt, packOut as Pieces);
    if (!p.ok) return err(`Parts ${partNumbers.join(', ')}: ${p.error}`);
    pitches.push({ packOut: packOut as Pieces, partNumbers, pitch: p.value.pitch, basis: p.value.basis });
  }
  return ok({ takt: takt.value.takt, taktBasis: takt.value.basis, pitches });
}

/** Blocked (andon) time per stage in milliseconds, from the log, up to `now`. */
export function blockedTime(events: readonly BoardEvent[], now: number): Record<string, number> {
  return blockedTimeByStage(events, now);
}

export const flowApi = {
  flowMetrics,
  blockedTime,
  boardFlow,
  streamPace,
  monteCarlo,
  flowCharts,
};
