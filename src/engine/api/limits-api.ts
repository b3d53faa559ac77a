// Kanban sizing and card-limit calls of the engine API: loop card counts and stage limit proposals with drift.
import type { KanbanLoop, ShiftCalendar, Stage } from '../model.ts';
import type { LogEntry as BoardEvent } from '../events.ts';
import { err, ok, type Result } from '../result.ts';
import { loopKanbanCount, replenishmentLeadTime } from '../kanban.ts';
import { measuredLoopLeadTimes, proposeStageLimits, type StageLimitProposal } from '../limits.ts';
import { flowMetrics } from '../flow/index.ts';
import type { Days } from '../units.ts';

export interface StreamLimitInput {
  stages: readonly Stage[];
  loops: readonly KanbanLoop[];
  calendar: ShiftCalendar;
  /** The stream's event log; card moves give the measured lead time of each loop. */
  events: readonly BoardEvent[];
  now: number;
  /** Relative drift of measured from planned lead time that triggers a re-proposal: 0.2 means 20 %. */
  threshold: number;
}

export interface StreamLimitProposals {
  /** Each stage's limit from its loop's plan (D, L = processing + waiting + transport, α, C). */
  planned: StageLimitProposal[];
  /** The same re-sized from measured lead times; a stage's entry has driftExceeded when it departs from the plan. */
  measured: StageLimitProposal[];
  /** Measured lead time per loop id in working days (absent for loops whose stages have no history). */
  measuredLeadTimeDays: Record<string, Days>;
}

/**
 * One call for the value-stream editor: each stage's limit from its loop's plan, and beside it the re-proposal from
 * measured lead times (flow metrics of the event log → lead time per loop) for loops that drift beyond the threshold.
 * Without usable history the measured proposals equal the planned ones.
 */
export function streamLimitProposals(input: StreamLimitInput): Result<StreamLimitProposals> {
  let measured: Record<string, Days> = {};
  if (input.stages.length > 0 && input.events.length > 0) {
    const flow = flowMetrics(input.events, { stageIds: input.stages.map((s) => s.id), now: input.now });
    if (flow.ok) {
      const lead = measuredLoopLeadTimes(input.stages, flow.value.cycleTime, input.calendar);
      if (!lead.ok) return err(lead.error);
      measured = lead.value;
    }
  }
  const planned = proposeStageLimits({ stages: input.stages, loops: input.loops, threshold: input.threshold });
  if (!planned.ok) return planned;
  const drifted = proposeStageLimits({ stages: input.stages, loops: input.loops, measuredLeadTimeDays: measured, threshold: input.threshold });
  if (!drifted.ok) return drifted;
  return ok({ planned: planned.value, measured: drifted.value, measuredLeadTimeDays: measured });
}

export const limitsApi = {
  loopKanbanCount,
  replenishmentLeadTime,
  proposeStageLimits,
  streamLimitProposals,
};
