// Flow metrics from the board's event log in one pass: lead time, cycle time, throughput, WIP, cumulative flow, aging, Little's law.
import type { LogEntry as BoardEvent } from '../events.ts';
import { err, ok, type Result } from '../result.ts';
import { DAY_MS, replay, type FlowOptions } from './replay.ts';
import { leadTimes, type LeadTimes } from './lead-time.ts';
import { cycleTimes, sortedVisitsByStage, type StageCycleTime } from './cycle-time.ts';
import { throughput, type Throughput } from './throughput.ts';
import { wipOverTime, type WipOverTime } from './wip.ts';
import { cumulativeFlow, type CumulativeFlow } from './cumulative-flow.ts';
import { agingWip, type AgingCard } from './aging.ts';
import { littlesLaw, type LittlesLaw } from './littles-law.ts';

export type { FlowOptions } from './replay.ts';
export type { LeadTimes, CardLeadTime } from './lead-time.ts';
export type { StageCycleTime } from './cycle-time.ts';
export type { Throughput } from './throughput.ts';
export type { WipOverTime } from './wip.ts';
export type { CumulativeFlow } from './cumulative-flow.ts';
export type { AgingCard, AgeBand } from './aging.ts';
export type { LittlesLaw } from './littles-law.ts';
export { percentileOfSorted } from './percentile.ts';

export interface FlowMetrics {
  /** Local-midnight epoch ms of each day in the daily series, first event's day to now's day. */
  days: number[];
  leadTime: LeadTimes;
  cycleTime: StageCycleTime[];
  throughput: Throughput;
  wip: WipOverTime;
  cumulativeFlow: CumulativeFlow;
  aging: AgingCard[];
  littlesLaw: LittlesLaw;
  /** Events that could not be placed (after now, unknown card, move of a finished card, ...). */
  skippedEvents: number;
}

export function flowMetrics(events: readonly BoardEvent[], options: FlowOptions): Result<FlowMetrics> {
  if (options.stageIds.length === 0) return err('The value stream has no stages; add a stage before reading flow metrics.');
  if (new Set(options.stageIds).size !== options.stageIds.length) return err('Stage ids must be unique; the same stage is listed twice.');
  if (!Number.isFinite(options.now)) return err(`"now" must be a time in epoch milliseconds; got ${options.now}.`);
  const offset = options.utcOffsetMinutes ?? 0;
  if (!Number.isFinite(offset) || Math.abs(offset) > 14 * 60) return err(`The UTC offset must be within ±840 minutes; got ${offset}.`);
  const r = replay(events, options);
  const groups = sortedVisitsByStage(r);
  const cycleTime = cycleTimes(r, groups);
  const days = new Array<number>(r.dayCount);
  for (let d = 0; d < r.dayCount; d++) days[d] = r.firstDayStart + d * DAY_MS;
  return ok({
    days,
    leadTime: leadTimes(r),
    cycleTime,
    throughput: throughput(r),
    wip: wipOverTime(r),
    cumulativeFlow: cumulativeFlow(r),
    aging: agingWip(r, cycleTime),
    littlesLaw: littlesLaw(r),
    skippedEvents: r.skipped,
  });
}
