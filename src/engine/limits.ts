// Card limits for the board: each stage's proposed limit from its kanban loop, re-sized when demand or lead time drifts.
import type { KanbanLoop, Stage } from './model.ts';
import type { Days, PiecesPerDay } from './units.ts';
import { err, ok, type Result } from './result.ts';
import { kanbanCount, replenishmentLeadTime } from './kanban.ts';
import { fmt, type Basis } from './takt.ts';
import { loopDemand, type PartDemand } from './loop-demand.ts';

export interface LimitInput {
  stages: readonly Stage[];
  loops: readonly KanbanLoop[];
  /** The stream's parts: a loop's planned demand is its part's demand × the loop's share. */
  parts: readonly PartDemand[];
  /** Measured replenishment lead time per loop id, in working days (see measureLoopLeadTimes in loop-lead-time.ts). */
  measuredLeadTimeDays?: Readonly<Record<string, Days>>;
  /** Current demand per loop id (e.g. from the forecast), when it differs from the loop's planned figure. */
  currentDemandPerDay?: Readonly<Record<string, PiecesPerDay>>;
  /** Relative drift that triggers re-sizing from measured values: 0.2 means 20 %. */
  threshold: number;
}

export interface StageLimitProposal {
  stageId: string;
  currentLimit: number;
  proposedLimit: number;
  /** proposedLimit differs from currentLimit. */
  changed: boolean;
  /** Demand or lead time moved further from the loop's plan than the threshold. */
  driftExceeded: boolean;
  /** |current − planned| ÷ planned, or null when nothing was measured. */
  demandDrift: number | null;
  leadTimeDrift: number | null;
  reason: string;
  /** The kanban sizing behind the proposal; null when the stage has no usable loop. */
  basis: Basis | null;
}

const drift = (now: number | undefined, plan: number) => (now === undefined || !Number.isFinite(now) ? null : Math.abs(now - plan) / plan);
const pct = (x: number) => `${fmt(x * 100)} %`;

/**
 * A stage sized by a loop gets N = ⌈D·L·(1+α)/C⌉ from the loop's plan; when measured demand or lead time has moved
 * beyond the threshold, N is recomputed from the measured values instead, so the limit follows the real process
 * but does not jitter with every small change.
 */
export function proposeStageLimits(input: LimitInput): Result<StageLimitProposal[]> {
  const { threshold } = input;
  if (!Number.isFinite(threshold) || threshold < 0) return err(`The drift threshold must be 0 or more (0.2 means 20 %); got ${threshold}.`);
  const loops = new Map(input.loops.map((l) => [l.id, l]));
  const proposals: StageLimitProposal[] = [];
  for (const stage of input.stages) {
    const keep = (reason: string): StageLimitProposal => ({
      stageId: stage.id, currentLimit: stage.cardLimit, proposedLimit: stage.cardLimit, changed: false,
      driftExceeded: false, demandDrift: null, leadTimeDrift: null, reason, basis: null,
    });
    if (stage.loopId === undefined) {
      proposals.push(keep('No kanban loop sizes this stage, so its limit stays as set.'));
      continue;
    }
    const loop = loops.get(stage.loopId);
    if (!loop) {
      proposals.push(keep(`The loop "${stage.loopId}" this stage refers to does not exist; the limit stays as set until the stage is linked to a loop.`));
      continue;
    }
    const plannedLead = replenishmentLeadTime(loop);
    if (!plannedLead.ok) {
      proposals.push(keep(plannedLead.error));
      continue;
    }
    const plannedDemand = loopDemand(loop, input.parts);
    if (!(plannedDemand > 0) || !(plannedLead.value > 0)) {
      proposals.push(keep(`Loop "${loop.name}" needs demand and lead time above 0 before it can size this stage.`));
      continue;
    }
    const measuredLead = input.measuredLeadTimeDays?.[loop.id];
    const measuredDemand = input.currentDemandPerDay?.[loop.id];
    const demandDrift = drift(measuredDemand, plannedDemand);
    const leadTimeDrift = drift(measuredLead, plannedLead.value);
    const driftExceeded = (demandDrift ?? 0) > threshold || (leadTimeDrift ?? 0) > threshold;
    const useDemand = driftExceeded && demandDrift !== null && measuredDemand! > 0 ? measuredDemand! : plannedDemand;
    const useLead = driftExceeded && leadTimeDrift !== null && measuredLead! > 0 ? measuredLead! : plannedLead.value;
    const count = kanbanCount({
      demandPerDay: useDemand, leadTimeDays: useLead, safetyFactor: loop.safetyFactor, containerQuantity: loop.containerQuantity,
    });
    if (!count.ok) {
      proposals.push({ ...keep(`Loop "${loop.name}": ${count.error}`), demandDrift, leadTimeDrift, driftExceeded });
      continue;
    }
    const proposed = count.value.cards;
    const why: string[] = [];
    if (demandDrift !== null) why.push(`demand ${fmt(measuredDemand!)} vs planned ${fmt(plannedDemand)} per day (${pct(demandDrift)})`);
    if (leadTimeDrift !== null) why.push(`measured lead time ${fmt(measuredLead!)} vs planned ${fmt(plannedLead.value)} days (${pct(leadTimeDrift)})`);
    const driftText = why.length ? `${why.join('; ')}. ` : '';
    const head = driftExceeded
      ? `Drift beyond ${pct(threshold)}: ${driftText}Re-sized from measured values: `
      : `${driftText}Within ${pct(threshold)} of the plan, sized from loop "${loop.name}": `;
    const manual = stage.limitOverrideReason ? ` The current limit was set by hand: ${stage.limitOverrideReason}.` : '';
    proposals.push({
      stageId: stage.id,
      currentLimit: stage.cardLimit,
      proposedLimit: proposed,
      changed: proposed !== stage.cardLimit,
      driftExceeded,
      demandDrift,
      leadTimeDrift,
      reason: `${head}${count.value.basis.explanation}${manual}`,
      basis: count.value.basis,
    });
  }
  return ok(proposals);
}

/** The newest limit or policy change of a stage, as the board needs it to say why the stage is over its limit. */
export type LimitChange =
  | { kind: 'limit'; from: number; to: number; count?: number; who: string; at: number }
  | { kind: 'policy'; policy: 'hard' | 'soft'; count?: number; who: string; at: number };

/** Per stage id, its newest limit-change or stage-policy-set event in the log (log order). */
export function lastLimitChanges(events: readonly { type: string; stageId?: unknown; who?: string; at?: number }[]): Record<string, LimitChange> {
  const found: Record<string, LimitChange> = {};
  for (const event of events) {
    const e = event as Record<string, unknown>;
    if (typeof e.stageId !== 'string') continue;
    const who = typeof e.who === 'string' ? e.who : '';
    const at = typeof e.at === 'number' ? e.at : 0;
    const count = typeof e.count === 'number' ? { count: e.count } : {};
    if (e.type === 'limit-change' && typeof e.oldLimit === 'number' && typeof e.newLimit === 'number') {
      found[e.stageId] = { kind: 'limit', from: e.oldLimit, to: e.newLimit, who, at, ...count };
    } else if (e.type === 'stage-policy-set' && (e.policy === 'hard' || e.policy === 'soft')) {
      found[e.stageId] = { kind: 'policy', policy: e.policy, who, at, ...count };
    }
  }
  return found;
}

/**
 * What the board says about a stage holding more cards than its limit: that it is over, why (the limit lowered below
 * its count, or the stage made hard while over, as the log recorded it), and what it takes until it is under.
 * Null when the stage is within its limit.
 */
export function overLimitNote(stage: { cardLimit: number; policy: 'hard' | 'soft' }, count: number, change?: LimitChange): string | null {
  if (!(count > stage.cardLimit)) return null;
  let why = 'over its limit';
  if (change?.kind === 'limit' && change.to < change.from && change.to === stage.cardLimit && (change.count === undefined || change.count > change.to)) {
    const held = change.count !== undefined ? ` with ${change.count} card${change.count === 1 ? '' : 's'} on it` : '';
    why = `over its limit since the limit was lowered from ${change.from} to ${change.to}${held}`;
  } else if (change?.kind === 'policy' && change.policy === 'hard' && stage.policy === 'hard' && (change.count === undefined || change.count > stage.cardLimit)) {
    const held = change.count !== undefined ? ` with ${change.count} card${change.count === 1 ? '' : 's'} on it` : '';
    why = `over its limit since it was made a hard stage${held}`;
  }
  const takes =
    stage.policy === 'hard' ? `takes no card until under ${stage.cardLimit}` : `takes a card only with a reason until under ${stage.cardLimit}`;
  return `${count} / ${stage.cardLimit} — ${why}; ${takes}`;
}
