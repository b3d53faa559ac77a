// Kanban sizing and card-limit calls of the engine API: loop card counts and stage limit proposals with drift.
import type { KanbanLoop, ShiftCalendar, Stage } from '../model.ts';
import type { LogEntry as BoardEvent } from '../events.ts';
import { err, ok, type Result } from '../result.ts';
import { loopKanbanCount, replenishmentLeadTime } from '../kanban.ts';
import { proposeStageLimits, type StageLimitProposal } from '../limits.ts';
import { measureLoopLeadTimes, type LoopLeadTime } from '../loop-lead-time.ts';
import { days, type Days } from '../units.ts';
import type { PartDemand } from '../loop-demand.ts';

export interface StreamLimitInput {
  stages: readonly Stage[];
  loops: readonly KanbanLoop[];
  /** The stream's parts: each loop sizes for its part's demand × its share. */
  parts: readonly PartDemand[];
  calendar: ShiftCalendar;
  /** The stream's event log; card moves give the measured lead time of each loop. */
  events: readonly BoardEvent[];
  now: number;
  /** The screen's offset from UTC in minutes, so shifts are placed at the plant's local time. */
  utcOffsetMinutes?: number;
  /** Relative drift of measured from planned lead time that triggers a re-proposal: 0.2 means 20 %. */
  threshold: number;
}

export interface StreamLimitProposals {
  /** Each stage's limit from its loop's plan (D, L = processing + waiting + transport, α, C). */
  planned: StageLimitProposal[];
  /** The same re-sized from measured lead times; a stage's entry has driftExceeded when it departs from the plan. */
  measured: StageLimitProposal[];
  /** Measured lead time per loop id in working days (only loops with enough completed trips). */
  measuredLeadTimeDays: Record<string, Days>;
  /** Per loop: planned and measured lead time side by side, and the trips the measure rests on. */
  loops: LoopLeadTimeRow[];
}

export interface LoopLeadTimeRow extends LoopLeadTime {
  name: string;
  /** Planned replenishment lead time (processing + waiting + transport), working days; null when the plan is unusable. */
  plannedDays: number | null;
}

/**
 * One call for the value-stream editor: each stage's limit from its loop's plan, and beside it the re-proposal from
 * measured lead times (each loop's cards timed around the loop, signal to return, in working time of the calendar)
 * for loops that drift beyond the threshold. A loop with too few completed trips proposes nothing from measurement.
 */
export function streamLimitProposals(input: StreamLimitInput): Result<StreamLimitProposals> {
  const lead = measureLoopLeadTimes(input.events, input.loops, input.calendar, input.utcOffsetMinutes ?? 0);
  if (!lead.ok) return err(lead.error);
  const measured: Record<string, Days> = {};
  const loops: LoopLeadTimeRow[] = input.loops.map((loop) => {
    const m = lead.value[loop.id];
    if (m.days !== null) measured[loop.id] = days(m.days);
    const planned = replenishmentLeadTime(loop);
    return { ...m, name: loop.name, plannedDays: planned.ok ? planned.value : null };
  });
  const planned = proposeStageLimits({ stages: input.stages, loops: input.loops, parts: input.parts, threshold: input.threshold });
  if (!planned.ok) return planned;
  const drifted = proposeStageLimits({ stages: input.stages, loops: input.loops, parts: input.parts, measuredLeadTimeDays: measured, threshold: input.threshold });
  if (!drifted.ok) return drifted;
  return ok({ planned: planned.value, measured: drifted.value, measuredLeadTimeDays: measured, loops });
}

export const limitsApi = {
  loopKanbanCount,
  replenishmentLeadTime,
  proposeStageLimits,
  streamLimitProposals,
};
