// Value-stream level writes: streams, stages, parts, loops, the shift calendar and card limits; each intent is one transaction.
import { availableTime } from '../engine/calendar.ts';
import type { KanbanLoop, ShiftCalendar, StagePolicy } from '../engine/model.ts';
import { pieces, piecesPerDay } from '../engine/units.ts';
import { appendEvent } from './events.ts';
import type { LoopRecord, PartRecord, StageRecord } from './records.ts';
import type { TaktDb } from './schema.ts';

export type WriteResult = { ok: true } | { ok: false; error: string };
export type CreateResult = { ok: true; id: string } | { ok: false; error: string };

const refuse = (error: string) => ({ ok: false, error }) as const;
const done = { ok: true } as const;

/** Longest name we accept: names label columns on a shop-floor screen, so they must stay short. */
export const MAX_NAME_LENGTH = 60;

/** The problem with a name, or null; `what` names the thing in the message ("Stage name"). */
function nameProblem(what: string, name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return `${what} cannot be empty.`;
  if (trimmed.length > MAX_NAME_LENGTH) return `${what} must be at most ${MAX_NAME_LENGTH} characters; it has ${trimmed.length}.`;
  return null;
}

function limitProblem(limit: number): string | null {
  if (!Number.isInteger(limit) || limit < 0) return `A card limit must be a whole number of cards, 0 or more; got ${limit}.`;
  return null;
}

const positiveProblem = (what: string, unit: string, x: number) =>
  !Number.isFinite(x) || x <= 0 ? `${what} must be more than 0 ${unit}; got ${x}.` : null;

/** The stages of a stream in flow order. */
export function streamStages(db: TaktDb, streamId: string): Promise<StageRecord[]> {
  return db.stages.where('[streamId+order]').between([streamId, -Infinity], [streamId, Infinity]).toArray();
}

/** Writes 0, 1, 2, … as the orders of `stages` (already in the wanted order), touching only those that moved. */
async function renumber(db: TaktDb, stages: StageRecord[]) {
  for (const [index, stage] of stages.entries()) {
    if (stage.order !== index) await db.stages.update(stage.id, { order: index });
  }
}

// ——— Streams ———

/** One day shift of 8 hours with a 30-minute meal, five days a week: a calendar that yields a takt at once. */
export function defaultCalendar(): ShiftCalendar {
  return {
    shifts: [{ name: 'Day', startMinute: 6 * 60, endMinute: 14 * 60, breaks: [{ name: 'Meal', minutes: 30 }], plannedDowntimeMinutes: 0 }],
    workingDaysPerWeek: 5,
  };
}

export async function createStream(db: TaktDb, name: string, now: number): Promise<CreateResult> {
  const problem = nameProblem('The value stream name', name);
  if (problem) return refuse(problem);
  const trimmed = name.trim();
  return db.transaction('rw', db.streams, async () => {
    if (await db.streams.where('name').equals(trimmed).count()) return refuse(`There is already a value stream called "${trimmed}".`);
    const id = crypto.randomUUID();
    await db.streams.add({ id, name: trimmed, calendar: defaultCalendar(), createdAt: now });
    return { ok: true, id } as const;
  });
}

export async function renameStream(db: TaktDb, streamId: string, name: string): Promise<WriteResult> {
  const problem = nameProblem('The value stream name', name);
  if (problem) return refuse(problem);
  const trimmed = name.trim();
  return db.transaction('rw', db.streams, async () => {
    if (!(await db.streams.get(streamId))) return refuse(`There is no value stream ${streamId}.`);
    const clash = await db.streams.where('name').equals(trimmed).filter((s) => s.id !== streamId).count();
    if (clash) return refuse(`There is already a value stream called "${trimmed}".`);
    await db.streams.update(streamId, { name: trimmed });
    return done;
  });
}

/**
 * Stores a calendar after the engine's own check (availableTime): a calendar that leaves no time to work,
 * or whose breaks outlast a shift, is refused with the engine's message and nothing is written.
 */
export async function updateCalendar(db: TaktDb, streamId: string, calendar: ShiftCalendar): Promise<WriteResult> {
  for (const shift of calendar.shifts) {
    const problem = nameProblem('A shift name', shift.name) ?? shift.breaks.map((b) => nameProblem('A break name', b.name)).find(Boolean);
    if (problem) return refuse(problem);
  }
  const time = availableTime(calendar);
  if (!time.ok) return refuse(time.error);
  const changed = await db.streams.update(streamId, { calendar });
  return changed ? done : refuse(`There is no value stream ${streamId}.`);
}

// ——— Stages ———

export interface NewStage {
  name: string;
  cardLimit: number;
  policy: StagePolicy;
}

/** Adds a stage at the downstream end of the line. */
export async function addStage(db: TaktDb, streamId: string, stage: NewStage): Promise<CreateResult> {
  const problem = nameProblem('The stage name', stage.name) ?? limitProblem(stage.cardLimit);
  if (problem) return refuse(problem);
  const name = stage.name.trim();
  return db.transaction('rw', db.streams, db.stages, async () => {
    if (!(await db.streams.get(streamId))) return refuse(`There is no value stream ${streamId}.`);
    const stages = await streamStages(db, streamId);
    if (stages.some((s) => s.name === name)) return refuse(`This value stream already has a stage called "${name}".`);
    await renumber(db, stages);
    const id = crypto.randomUUID();
    await db.stages.add({ id, streamId, name, order: stages.length, cardLimit: stage.cardLimit, policy: stage.policy });
    return { ok: true, id } as const;
  });
}

export async function renameStage(db: TaktDb, stageId: string, name: string): Promise<WriteResult> {
  const problem = nameProblem('The stage name', name);
  if (problem) return refuse(problem);
  const trimmed = name.trim();
  return db.transaction('rw', db.stages, async () => {
    const stage = await db.stages.get(stageId);
    if (!stage) return refuse(`There is no stage ${stageId}.`);
    const clash = await db.stages.where('streamId').equals(stage.streamId).filter((s) => s.id !== stageId && s.name === trimmed).count();
    if (clash) return refuse(`This value stream already has a stage called "${trimmed}".`);
    await db.stages.update(stageId, { name: trimmed });
    return done;
  });
}

/** Moves a stage one place upstream (-1) or downstream (+1); orders stay 0, 1, 2, … without gaps. */
export async function moveStage(db: TaktDb, stageId: string, direction: -1 | 1): Promise<WriteResult> {
  return db.transaction('rw', db.stages, async () => {
    const stage = await db.stages.get(stageId);
    if (!stage) return refuse(`There is no stage ${stageId}.`);
    const stages = await streamStages(db, stage.streamId);
    const from = stages.findIndex((s) => s.id === stageId);
    const to = from + direction;
    if (to < 0 || to >= stages.length) {
      return refuse(`"${stage.name}" is already the ${direction < 0 ? 'first' : 'last'} stage.`);
    }
    [stages[from], stages[to]] = [stages[to], stages[from]];
    await renumber(db, stages);
    return done;
  });
}

/**
 * Removes an empty stage. Cards on it would be lost from the board, so a stage that still holds cards is refused
 * until they are moved. Finished (retired) cards only keep the stage in history and do not block removal.
 */
export async function removeStage(db: TaktDb, stageId: string): Promise<WriteResult> {
  return db.transaction('rw', db.stages, db.cards, async () => {
    const stage = await db.stages.get(stageId);
    if (!stage) return refuse(`There is no stage ${stageId}.`);
    const holding = await db.cards.where('[streamId+stageId]').equals([stage.streamId, stageId]).filter((c) => !c.retired).count();
    if (holding > 0) {
      return refuse(`"${stage.name}" still holds ${holding} card${holding === 1 ? '' : 's'}; move ${holding === 1 ? 'it' : 'them'} to another stage before removing the stage.`);
    }
    await db.stages.delete(stageId);
    await renumber(db, await streamStages(db, stage.streamId));
    return done;
  });
}

export async function setStagePolicy(db: TaktDb, stageId: string, policy: StagePolicy): Promise<WriteResult> {
  if (policy !== 'hard' && policy !== 'soft') return refuse(`A stage's policy is "hard" or "soft"; got "${String(policy)}".`);
  const changed = await db.stages.update(stageId, { policy });
  return changed || (await db.stages.get(stageId)) ? done : refuse(`There is no stage ${stageId}.`);
}

/** Ties a stage to the loop whose kanban count sizes its limit (or unties it with null). */
export async function setStageLoop(db: TaktDb, stageId: string, loopId: string | null): Promise<WriteResult> {
  return db.transaction('rw', db.stages, db.loops, async () => {
    const stage = await db.stages.get(stageId);
    if (!stage) return refuse(`There is no stage ${stageId}.`);
    if (loopId !== null) {
      const loop = await db.loops.get(loopId);
      if (!loop || loop.streamId !== stage.streamId) return refuse(`There is no loop ${loopId} in this value stream.`);
    }
    await db.stages.update(stageId, { loopId: loopId ?? undefined });
    return done;
  });
}

// ——— Card limits ———

/** Who changed a limit and when, for the event log. */
export interface Author {
  who: string;
  at: number;
}

/** Sets a stage's limit by hand. The reason is mandatory, kept on the stage and logged, so the board can say why. */
export async function overrideStageLimit(db: TaktDb, stageId: string, limit: number, reason: string, author: Author): Promise<WriteResult> {
  const problem = limitProblem(limit);
  if (problem) return refuse(problem);
  const why = reason.trim();
  if (!why) return refuse('A manual card limit needs a reason (for example "one test rig"); it is kept with the limit and logged.');
  return db.transaction('rw', db.stages, db.events, async () => {
    const stage = await db.stages.get(stageId);
    if (!stage) return refuse(`There is no stage ${stageId}.`);
    await db.stages.update(stageId, { cardLimit: limit, limitOverrideReason: why });
    await appendEvent(db, {
      streamId: stage.streamId,
      stageId,
      type: 'limit-change',
      at: author.at,
      who: author.who,
      oldLimit: stage.cardLimit,
      newLimit: limit,
      reason: `manual override: ${why}`,
    });
    return done;
  });
}

/** One engine proposal to apply: the stage, the proposed limit, and the engine's explanation of it. */
export interface LimitProposal {
  stageId: string;
  limit: number;
  basis: string;
}

/**
 * Applies engine proposals as one logged change: one read-write transaction writes every stage whose limit changes
 * and appends a 'limit-change' event per such stage, or writes nothing if any proposal is invalid.
 * A stage that takes the engine's figure is no longer overridden by hand; a stage already at its figure is left alone.
 */
export async function applyLimitProposals(
  db: TaktDb,
  streamId: string,
  proposals: readonly LimitProposal[],
  author: Author,
): Promise<{ ok: true; changed: number } | { ok: false; error: string }> {
  for (const p of proposals) {
    const problem = limitProblem(p.limit);
    if (problem) return refuse(problem);
  }
  return db.transaction('rw', db.stages, db.events, async () => {
    const stages = await db.stages.bulkGet(proposals.map((p) => p.stageId));
    const missing = stages.findIndex((s) => !s || s.streamId !== streamId);
    if (missing >= 0) return refuse(`There is no stage ${proposals[missing].stageId} in this value stream.`);
    let changed = 0;
    for (const [i, p] of proposals.entries()) {
      const stage = stages[i] as StageRecord;
      if (stage.cardLimit === p.limit) continue;
      await db.stages.update(stage.id, { cardLimit: p.limit, limitOverrideReason: undefined });
      await appendEvent(db, {
        streamId,
        stageId: stage.id,
        type: 'limit-change',
        at: author.at,
        who: author.who,
        oldLimit: stage.cardLimit,
        newLimit: p.limit,
        reason: `engine proposal: ${p.basis}`,
      });
      changed++;
    }
    return { ok: true, changed } as const;
  });
}

// ——— Parts ———

export type PartFields = Pick<PartRecord, 'partNumber' | 'name' | 'family' | 'demandPerDay' | 'containerQuantity'>;

function partProblem(part: PartFields): string | null {
  return (
    nameProblem('The part number', part.partNumber) ??
    nameProblem('The part family', part.family) ??
    positiveProblem('Demand', 'pieces per day', part.demandPerDay) ??
    positiveProblem('Container quantity', 'pieces', part.containerQuantity)
  );
}

function cleanPart(part: PartFields): PartFields {
  return {
    partNumber: part.partNumber.trim(),
    name: part.name.trim() || part.partNumber.trim(),
    family: part.family.trim(),
    demandPerDay: piecesPerDay(part.demandPerDay),
    containerQuantity: pieces(part.containerQuantity),
  };
}

export async function addPart(db: TaktDb, streamId: string, part: PartFields): Promise<CreateResult> {
  const problem = partProblem(part);
  if (problem) return refuse(problem);
  const fields = cleanPart(part);
  return db.transaction('rw', db.streams, db.parts, async () => {
    if (!(await db.streams.get(streamId))) return refuse(`There is no value stream ${streamId}.`);
    const clash = await db.parts.where('streamId').equals(streamId).filter((p) => p.partNumber === fields.partNumber).count();
    if (clash) return refuse(`This value stream already has a part ${fields.partNumber}.`);
    const id = crypto.randomUUID();
    await db.parts.add({ id, streamId, ...fields });
    return { ok: true, id } as const;
  });
}

export async function updatePart(db: TaktDb, partId: string, part: PartFields): Promise<WriteResult> {
  const problem = partProblem(part);
  if (problem) return refuse(problem);
  const fields = cleanPart(part);
  return db.transaction('rw', db.parts, async () => {
    const existing = await db.parts.get(partId);
    if (!existing) return refuse(`There is no part ${partId}.`);
    const clash = await db.parts
      .where('streamId')
      .equals(existing.streamId)
      .filter((p) => p.id !== partId && p.partNumber === fields.partNumber)
      .count();
    if (clash) return refuse(`This value stream already has a part ${fields.partNumber}.`);
    await db.parts.update(partId, fields);
    return done;
  });
}

export async function updatePartDemand(db: TaktDb, partId: string, demandPerDay: number): Promise<WriteResult> {
  const problem = positiveProblem('Demand', 'pieces per day', demandPerDay);
  if (problem) return refuse(problem);
  const changed = await db.parts.update(partId, { demandPerDay: piecesPerDay(demandPerDay) });
  return changed || (await db.parts.get(partId)) ? done : refuse(`There is no part ${partId}.`);
}

// ——— Kanban loops ———

export type LoopFields = Omit<KanbanLoop, 'id'>;

function loopProblem(loop: LoopFields): string | null {
  const nonNegative = (what: string, x: number) => (!Number.isFinite(x) || x < 0 ? `${what} must be 0 days or more; got ${x}.` : null);
  const lead = loop.processingDays + loop.waitingDays + loop.transportDays;
  return (
    nameProblem('The loop name', loop.name) ??
    nameProblem('The loop part number', loop.partNumber) ??
    positiveProblem('Demand', 'pieces per day', loop.demandPerDay) ??
    nonNegative('Processing time', loop.processingDays) ??
    nonNegative('Waiting time', loop.waitingDays) ??
    nonNegative('Transport time', loop.transportDays) ??
    (lead > 0 ? null : 'The lead time (processing + waiting + transport) must be more than 0 days.') ??
    (!Number.isFinite(loop.safetyFactor) || loop.safetyFactor < 0 ? `The safety factor must be 0 or more (0.1 means 10 % extra); got ${loop.safetyFactor}.` : null) ??
    positiveProblem('Container quantity', 'pieces', loop.containerQuantity) ??
    (loop.kind === 'production' || loop.kind === 'withdrawal' ? null : `A loop is "production" or "withdrawal"; got "${String(loop.kind)}".`)
  );
}

function cleanLoop(loop: LoopFields): LoopFields {
  return {
    ...loop,
    name: loop.name.trim(),
    partNumber: loop.partNumber.trim(),
    demandPerDay: piecesPerDay(loop.demandPerDay),
    containerQuantity: pieces(loop.containerQuantity),
  };
}

export async function addLoop(db: TaktDb, streamId: string, loop: LoopFields): Promise<CreateResult> {
  const problem = loopProblem(loop);
  if (problem) return refuse(problem);
  return db.transaction('rw', db.streams, db.loops, async () => {
    if (!(await db.streams.get(streamId))) return refuse(`There is no value stream ${streamId}.`);
    const id = crypto.randomUUID();
    await db.loops.add({ ...cleanLoop(loop), id, streamId } satisfies LoopRecord);
    return { ok: true, id } as const;
  });
}

/** Stores a loop's sizing inputs; the card limits it implies change only when a proposal is applied. */
export async function updateLoop(db: TaktDb, loopId: string, loop: LoopFields): Promise<WriteResult> {
  const problem = loopProblem(loop);
  if (problem) return refuse(problem);
  return db.transaction('rw', db.loops, async () => {
    const existing = await db.loops.get(loopId);
    if (!existing) return refuse(`There is no loop ${loopId}.`);
    await db.loops.put({ ...existing, ...cleanLoop(loop), id: loopId, streamId: existing.streamId });
    return done;
  });
}
