// The value-stream rules: streams, the shift calendar, stages and their limits, parts and kanban loops.
import { availableTime } from '../calendar.ts';
import { validShare } from '../loop-demand.ts';
import { MAX_HISTORY_DAYS } from '../demand-history.ts';
import type { NewEvent } from '../events.ts';
import type { LoopRecord, PartRecord, Stage } from '../model.ts';
import { err } from '../result.ts';
import { cards, pieces, piecesPerDay } from '../units.ts';
import type { CommandOf, LoopFields, PartFields } from './command.ts';
import { decided, envelope, nameProblem, type DecideContext, type Decided } from './decision.ts';
import { stagesOf, type Snapshot } from './state.ts';


function limitProblem(limit: number): string | null {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) return `A card limit must be a whole number of cards, 0 or more; got ${limit}.`;
  return null;
}

const positiveProblem = (what: string, unit: string, x: number) =>
  typeof x !== 'number' || !Number.isFinite(x) || x <= 0 ? `${what} must be more than 0 ${unit}; got ${x}.` : null;

const noStream = (id: string) => err(`There is no value stream ${id}.`, 'not-found');
const noStage = (id: string) => err(`There is no stage ${id}.`, 'not-found');

function policyProblem(policy: unknown): string | null {
  return policy === 'hard' || policy === 'soft' ? null : `A stage's policy is "hard" or "soft"; got "${String(policy)}".`;
}

export function createStream(state: Snapshot, c: CommandOf<'stream.create'>, ctx: DecideContext): Decided {
  const problem = nameProblem('The value stream name', c.name);
  if (problem) return err(problem, 'invalid');
  const name = c.name.trim();
  if (Object.values(state.streams).some((s) => s.name === name)) return err(`There is already a value stream called "${name}".`, 'invalid');
  const id = c.id ?? ctx.newId('stream');
  const stream = {
    id,
    name,
    // One day shift of 8 hours with a 30-minute meal, five days a week: a calendar that yields a takt at once.
    calendar: {
      shifts: [{ name: 'Day', startMinute: 6 * 60, endMinute: 14 * 60, breaks: [{ name: 'Meal', minutes: 30 }], plannedDowntimeMinutes: 0 }],
      workingDaysPerWeek: 5,
    },
    createdAt: ctx.now,
  };
  return decided([{ ...envelope(ctx, id), type: 'stream-created', stream }], { id });
}

export function renameStream(state: Snapshot, c: CommandOf<'stream.rename'>, ctx: DecideContext): Decided {
  const problem = nameProblem('The value stream name', c.name);
  if (problem) return err(problem, 'invalid');
  const name = c.name.trim();
  if (!state.streams[c.streamId]) return noStream(c.streamId);
  if (Object.values(state.streams).some((s) => s.id !== c.streamId && s.name === name)) return err(`There is already a value stream called "${name}".`, 'invalid');
  return decided([{ ...envelope(ctx, c.streamId), type: 'stream-renamed', name }]);
}

/** A calendar that leaves no time to work, or whose breaks outlast a shift, is refused with the engine's own message. */
export function setCalendar(state: Snapshot, c: CommandOf<'stream.set-calendar'>, ctx: DecideContext): Decided {
  if (!state.streams[c.streamId]) return noStream(c.streamId);
  if (!c.calendar || !Array.isArray(c.calendar.shifts)) return err('The shift calendar must list its shifts.', 'invalid');
  for (const shift of c.calendar.shifts) {
    if (!shift || typeof shift !== 'object' || !Array.isArray(shift.breaks)) return err('Each shift must list its breaks (an empty list if it has none).', 'invalid');
    const problem = nameProblem('A shift name', shift.name) ?? (shift.breaks ?? []).map((b) => nameProblem('A break name', b.name)).find(Boolean);
    if (problem) return err(problem, 'invalid');
  }
  const time = availableTime(c.calendar);
  if (!time.ok) return err(time.error, 'invalid');
  return decided([{ ...envelope(ctx, c.streamId), type: 'calendar-set', calendar: c.calendar }]);
}

/** Adds a stage at the downstream end of the line. */
export function addStage(state: Snapshot, c: CommandOf<'stage.add'>, ctx: DecideContext): Decided {
  const problem = nameProblem('The stage name', c.name) ?? limitProblem(c.cardLimit) ?? policyProblem(c.policy);
  if (problem) return err(problem, 'invalid');
  if (!state.streams[c.streamId]) return noStream(c.streamId);
  const name = c.name.trim();
  const stages = stagesOf(state, c.streamId);
  if (stages.some((s) => s.name === name)) return err(`This value stream already has a stage called "${name}".`, 'invalid');
  const id = c.id ?? ctx.newId('stage');
  const stage: Stage = { id, streamId: c.streamId, name, order: stages.length, cardLimit: cards(c.cardLimit), policy: c.policy };
  return decided([{ ...envelope(ctx, c.streamId), type: 'stage-added', stage }], { id });
}

export function renameStage(state: Snapshot, c: CommandOf<'stage.rename'>, ctx: DecideContext): Decided {
  const problem = nameProblem('The stage name', c.name);
  if (problem) return err(problem, 'invalid');
  const stage = state.stages[c.stageId];
  if (!stage) return noStage(c.stageId);
  const name = c.name.trim();
  if (stagesOf(state, stage.streamId).some((s) => s.id !== stage.id && s.name === name)) return err(`This value stream already has a stage called "${name}".`, 'invalid');
  if (stage.name === name) return decided([]);
  return decided([{ ...envelope(ctx, stage.streamId), type: 'stage-renamed', stageId: stage.id, name }]);
}

/** Moves a stage one place upstream (-1) or downstream (+1). */
export function moveStage(state: Snapshot, c: CommandOf<'stage.move'>, ctx: DecideContext): Decided {
  const stage = state.stages[c.stageId];
  if (!stage) return noStage(c.stageId);
  const stages = stagesOf(state, stage.streamId);
  const from = stages.findIndex((s) => s.id === stage.id);
  const to = from + c.direction;
  if (c.direction !== 1 && c.direction !== -1) return err('A stage moves one place up (-1) or down (+1).', 'invalid');
  if (to < 0 || to >= stages.length) {
    return err(`"${stage.name}" is already the ${c.direction < 0 ? 'first' : 'last'} stage.`, 'invalid');
  }
  [stages[from], stages[to]] = [stages[to], stages[from]];
  return decided([{ ...envelope(ctx, stage.streamId), type: 'stages-reordered', order: stages.map((s) => s.id) }]);
}

/** Removes an empty stage: cards on it would be lost from the board, so a stage that holds cards is refused. */
export function removeStage(state: Snapshot, c: CommandOf<'stage.remove'>, ctx: DecideContext): Decided {
  const stage = state.stages[c.stageId];
  if (!stage) return noStage(c.stageId);
  const holding = state.counts[stage.id] ?? 0;
  if (holding > 0) {
    return err(`"${stage.name}" still holds ${holding} card${holding === 1 ? '' : 's'}; move ${holding === 1 ? 'it' : 'them'} to another stage before removing the stage.`, 'invalid');
  }
  const rest = stagesOf(state, stage.streamId).filter((s) => s.id !== stage.id);
  const events: NewEvent[] = [{ ...envelope(ctx, stage.streamId), type: 'stage-removed', stageId: stage.id }];
  if (rest.some((s, index) => s.order !== index)) events.push({ ...envelope(ctx, stage.streamId), type: 'stages-reordered', order: rest.map((s) => s.id) });
  return decided(events);
}

/** The stage's active cards as loaded for the rule, for the log (nothing when the count was not loaded). */
function countOf(state: Snapshot, stageId: string): { count?: number } {
  const count = state.counts[stageId];
  return typeof count === 'number' ? { count } : {};
}

export function setStagePolicy(state: Snapshot, c: CommandOf<'stage.set-policy'>, ctx: DecideContext): Decided {
  const problem = policyProblem(c.policy);
  if (problem) return err(problem, 'invalid');
  const stage = state.stages[c.stageId];
  if (!stage) return noStage(c.stageId);
  if (stage.policy === c.policy) return decided([]);
  return decided([{ ...envelope(ctx, stage.streamId), type: 'stage-policy-set', stageId: stage.id, policy: c.policy, ...countOf(state, stage.id) }]);
}

/** Ties a stage to the loop whose kanban count sizes its limit (or unties it with null). */
export function setStageLoop(state: Snapshot, c: CommandOf<'stage.set-loop'>, ctx: DecideContext): Decided {
  const stage = state.stages[c.stageId];
  if (!stage) return noStage(c.stageId);
  if (c.loopId !== null) {
    const loop = state.loops[c.loopId];
    if (!loop || loop.streamId !== stage.streamId) return err(`There is no loop ${c.loopId} in this value stream.`, 'not-found');
  }
  if ((stage.loopId ?? null) === c.loopId) return decided([]);
  return decided([{ ...envelope(ctx, stage.streamId), type: 'stage-loop-set', stageId: stage.id, loopId: c.loopId }]);
}

/** Sets a stage's limit by hand. The reason is mandatory, kept on the stage and logged, so the board can say why. */
export function overrideLimit(state: Snapshot, c: CommandOf<'stage.override-limit'>, ctx: DecideContext): Decided {
  const problem = limitProblem(c.limit);
  if (problem) return err(problem, 'invalid');
  const why = typeof c.reason === 'string' ? c.reason.trim() : '';
  if (!why) return err('A manual card limit needs a reason (for example "one test rig"); it is kept with the limit and logged.', 'invalid');
  const stage = state.stages[c.stageId];
  if (!stage) return noStage(c.stageId);
  return decided([
    {
      ...envelope(ctx, stage.streamId),
      type: 'limit-change',
      stageId: stage.id,
      oldLimit: stage.cardLimit,
      newLimit: cards(c.limit),
      reason: `manual override: ${why}`,
      overrideReason: why,
      ...countOf(state, stage.id),
    },
  ]);
}

/**
 * Applies engine proposals as one logged change: an event per stage whose limit changes, or nothing if any proposal
 * is invalid. A stage that takes the engine's figure is no longer overridden by hand.
 */
export function applyProposals(state: Snapshot, c: CommandOf<'stage.apply-proposals'>, ctx: DecideContext): Decided {
  if (!Array.isArray(c.proposals)) return err('The proposals must be a list.', 'invalid');
  for (const p of c.proposals) {
    const problem = limitProblem(p.limit);
    if (problem) return err(problem, 'invalid');
  }
  const events: NewEvent[] = [];
  // A stage named twice takes its proposals in turn: each change starts from the limit the previous one left.
  const limits = new Map<string, { limit: number; overridden: boolean }>();
  for (const p of c.proposals) {
    const stage = state.stages[p.stageId];
    if (!stage || stage.streamId !== c.streamId) return err(`There is no stage ${p.stageId} in this value stream.`, 'not-found');
    const current = limits.get(stage.id) ?? { limit: stage.cardLimit, overridden: !!stage.limitOverrideReason };
    if (current.limit === p.limit && !current.overridden) continue;
    limits.set(stage.id, { limit: p.limit, overridden: false });
    events.push({
      ...envelope(ctx, c.streamId),
      type: 'limit-change',
      stageId: stage.id,
      oldLimit: cards(current.limit),
      newLimit: cards(p.limit),
      reason: `engine proposal: ${p.basis}`,
      ...countOf(state, stage.id),
    });
  }
  return decided(events, { changed: events.length });
}

function partProblem(part: PartFields): string | null {
  if (!part || typeof part !== 'object') return 'The part is missing.';
  return (
    nameProblem('The part number', part.partNumber) ??
    nameProblem('The part family', part.family) ??
    positiveProblem('Demand', 'pieces per day', part.demandPerDay) ??
    positiveProblem('Container quantity', 'pieces', part.containerQuantity)
  );
}

function cleanPart(part: PartFields) {
  return {
    partNumber: part.partNumber.trim(),
    name: (typeof part.name === 'string' && part.name.trim()) || part.partNumber.trim(),
    family: part.family.trim(),
    demandPerDay: piecesPerDay(part.demandPerDay),
    containerQuantity: pieces(part.containerQuantity),
  };
}

const partsOf = (state: Snapshot, streamId: string) => Object.values(state.parts).filter((p) => p.streamId === streamId);

export function addPart(state: Snapshot, c: CommandOf<'part.add'>, ctx: DecideContext): Decided {
  const problem = partProblem(c.part);
  if (problem) return err(problem, 'invalid');
  if (!state.streams[c.streamId]) return noStream(c.streamId);
  const fields = cleanPart(c.part);
  if (partsOf(state, c.streamId).some((p) => p.partNumber === fields.partNumber)) return err(`This value stream already has a part ${fields.partNumber}.`, 'invalid');
  const id = c.id ?? ctx.newId('part');
  const part: PartRecord = { id, streamId: c.streamId, ...fields };
  return decided([{ ...envelope(ctx, c.streamId), type: 'part-added', part }], { id });
}

export function updatePart(state: Snapshot, c: CommandOf<'part.update'>, ctx: DecideContext): Decided {
  const problem = partProblem(c.part);
  if (problem) return err(problem, 'invalid');
  const existing = state.parts[c.partId];
  if (!existing) return err(`There is no part ${c.partId}.`, 'not-found');
  const fields = cleanPart(c.part);
  if (partsOf(state, existing.streamId).some((p) => p.id !== existing.id && p.partNumber === fields.partNumber)) {
    return err(`This value stream already has a part ${fields.partNumber}.`, 'invalid');
  }
  // A loop covers a share of its part's demand by part number: renaming the part takes its loops along.
  const renamed =
    fields.partNumber === existing.partNumber
      ? []
      : Object.values(state.loops)
          .filter((l) => l.streamId === existing.streamId && l.partNumber === existing.partNumber)
          .map((l) => ({ ...envelope(ctx, existing.streamId), type: 'loop-updated' as const, loop: { ...l, partNumber: fields.partNumber } }));
  return decided([{ ...envelope(ctx, existing.streamId), type: 'part-updated', part: { ...existing, ...fields } }, ...renamed]);
}

export function setPartDemand(state: Snapshot, c: CommandOf<'part.set-demand'>, ctx: DecideContext): Decided {
  const problem = positiveProblem('Demand', 'pieces per day', c.demandPerDay);
  if (problem) return err(problem, 'invalid');
  const existing = state.parts[c.partId];
  if (!existing) return err(`There is no part ${c.partId}.`, 'not-found');
  return decided([{ ...envelope(ctx, existing.streamId), type: 'part-updated', part: { ...existing, demandPerDay: piecesPerDay(c.demandPerDay) } }]);
}

/** Replaces a part's demand history (pieces per working day, oldest first). */
export function setPartHistory(state: Snapshot, c: CommandOf<'part.set-history'>, ctx: DecideContext): Decided {
  const history = c.history;
  if (!Array.isArray(history) || history.length === 0) return err('The demand history is empty: enter pieces per working day, oldest first.', 'invalid');
  if (history.length > MAX_HISTORY_DAYS) return err(`The demand history has ${history.length} values; at most ${MAX_HISTORY_DAYS} working days are accepted.`, 'invalid');
  const bad = history.findIndex((n) => typeof n !== 'number' || !Number.isFinite(n) || n < 0);
  if (bad >= 0) return err(`Value ${bad + 1} is ${history[bad]}; demand is a number of pieces, 0 or more.`, 'invalid');
  const existing = state.parts[c.partId];
  if (!existing) return err(`There is no part ${c.partId}.`, 'not-found');
  return decided([{ ...envelope(ctx, existing.streamId), type: 'part-updated', part: { ...existing, demandHistory: [...history] } }], { changed: history.length });
}

const shareProblem = (share: unknown) =>
  validShare(share) ? null : `The loop's share of its part's demand must be above 0 and at most 1 (0.5 means half); got ${String(share)}.`;

function loopProblem(loop: LoopFields): string | null {
  if (!loop || typeof loop !== 'object') return 'The loop is missing.';
  const nonNegative = (what: string, x: number) => (typeof x !== 'number' || !Number.isFinite(x) || x < 0 ? `${what} must be 0 days or more; got ${x}.` : null);
  const lead = loop.processingDays + loop.waitingDays + loop.transportDays;
  return (
    nameProblem('The loop name', loop.name) ??
    nameProblem('The loop part number', loop.partNumber) ??
    shareProblem(loop.demandShare) ??
    nonNegative('Processing time', loop.processingDays) ??
    nonNegative('Waiting time', loop.waitingDays) ??
    nonNegative('Transport time', loop.transportDays) ??
    (lead > 0 ? null : 'The lead time (processing + waiting + transport) must be more than 0 days.') ??
    (typeof loop.safetyFactor !== 'number' || !Number.isFinite(loop.safetyFactor) || loop.safetyFactor < 0
      ? `The safety factor must be 0 or more (0.1 means 10 % extra); got ${loop.safetyFactor}.`
      : null) ??
    positiveProblem('Container quantity', 'pieces', loop.containerQuantity) ??
    (loop.kind === 'production' || loop.kind === 'withdrawal' ? null : `A loop is "production" or "withdrawal"; got "${String(loop.kind)}".`)
  );
}

/** A loop sizes for a share of its part's demand, so its part must be in the stream. */
function partMissing(state: Snapshot, streamId: string, partNumber: string): string | null {
  return partsOf(state, streamId).some((p) => p.partNumber === partNumber)
    ? null
    : `This value stream has no part ${partNumber}: add the part (with its demand) first; a loop covers a share of its part's demand.`;
}

function cleanLoop(loop: LoopFields): LoopFields {
  return {
    kind: loop.kind,
    name: loop.name.trim(),
    partNumber: loop.partNumber.trim(),
    demandShare: loop.demandShare,
    processingDays: loop.processingDays,
    waitingDays: loop.waitingDays,
    transportDays: loop.transportDays,
    safetyFactor: loop.safetyFactor,
    containerQuantity: pieces(loop.containerQuantity),
  };
}

export function addLoop(state: Snapshot, c: CommandOf<'loop.add'>, ctx: DecideContext): Decided {
  const problem = loopProblem(c.loop);
  if (problem) return err(problem, 'invalid');
  if (!state.streams[c.streamId]) return noStream(c.streamId);
  const fields = cleanLoop(c.loop);
  const noPart = partMissing(state, c.streamId, fields.partNumber);
  if (noPart) return err(noPart, 'invalid');
  const id = c.id ?? ctx.newId('loop');
  const loop: LoopRecord = { ...fields, id, streamId: c.streamId };
  return decided([{ ...envelope(ctx, c.streamId), type: 'loop-added', loop }], { id });
}

/** Stores a loop's sizing inputs; the card limits it implies change only when a proposal is applied. */
export function updateLoop(state: Snapshot, c: CommandOf<'loop.update'>, ctx: DecideContext): Decided {
  const problem = loopProblem(c.loop);
  if (problem) return err(problem, 'invalid');
  const existing = state.loops[c.loopId];
  if (!existing) return err(`There is no loop ${c.loopId}.`, 'not-found');
  const fields = cleanLoop(c.loop);
  const noPart = partMissing(state, existing.streamId, fields.partNumber);
  if (noPart) return err(noPart, 'invalid');
  const loop: LoopRecord = { ...existing, ...fields, id: existing.id, streamId: existing.streamId };
  return decided([{ ...envelope(ctx, existing.streamId), type: 'loop-updated', loop }]);
}
