// The kanban card rules: create, pull (move), undo, edit, block, complete, retire — each validated against the pull rule.
import type { CardFields, NewEvent } from '../events.ts';
import type { KanbanCard, Stage } from '../model.ts';
import { err } from '../result.ts';
import { pieces } from '../units.ts';
import type { CommandOf } from './command.ts';
import { decided, envelope, trimmedReason, type DecideContext, type Decided } from './decision.ts';
import { pullRefusal, stageLoad } from './pull-rule.ts';
import { stagesOf, type Snapshot } from './state.ts';

const gone = () => err('This card is no longer on the board.', 'not-found');

/** The first problem with a card's values that a person must fix, or null. */
export function checkCardFields(fields: Partial<CardFields>): string | null {
  if (fields.partNumber !== undefined && (typeof fields.partNumber !== 'string' || !fields.partNumber.trim())) return 'The part number must not be empty.';
  if (fields.partNumber !== undefined && fields.partNumber.length > 60) return 'The part number is longer than 60 characters.';
  if (fields.quantity !== undefined && (typeof fields.quantity !== 'number' || !Number.isFinite(fields.quantity) || fields.quantity <= 0)) {
    return `The quantity must be more than 0 pieces; got ${fields.quantity}.`;
  }
  if (fields.quantity !== undefined && !Number.isInteger(fields.quantity)) return `The quantity must be a whole number of pieces; got ${fields.quantity}.`;
  if (fields.family !== undefined && typeof fields.family !== 'string') return 'The family must be text.';
  if (fields.note !== undefined && (typeof fields.note !== 'string' || fields.note.length > 500)) return 'The note is longer than 500 characters.';
  return null;
}

function cleanFields(fields: CardFields): CardFields {
  return {
    partNumber: fields.partNumber.trim(),
    quantity: pieces(fields.quantity),
    family: fields.family.trim() || 'General',
    ...(fields.loopId ? { loopId: fields.loopId } : {}),
    ...(fields.note?.trim() ? { note: fields.note.trim() } : {}),
  };
}

const activeCard = (state: Snapshot, cardId: string): KanbanCard | undefined => {
  const card = state.cards[cardId];
  return card && !card.retired ? card : undefined;
};

export function createCard(state: Snapshot, c: CommandOf<'card.create'>, ctx: DecideContext): Decided {
  const problem = checkCardFields(c.fields);
  if (problem) return err(problem, 'invalid');
  const stage = state.stages[c.stageId];
  if (!stage || stage.streamId !== c.streamId) return err('That stage is not part of this value stream.', 'not-found');
  const reason = trimmedReason(c.reason);
  const count = state.counts[stage.id] ?? 0;
  const refusal = pullRefusal(stage, count, reason);
  if (refusal) return refusal;
  const id = c.id ?? ctx.newId('card');
  if (state.cards[id]) return err(`There is already a card ${id}.`, 'invalid');
  // A card of a loop with no family given joins its part's family (its swimlane), not a new "General" one.
  const partFamily = Object.values(state.parts).find((p) => p.streamId === c.streamId && p.partNumber === c.fields.partNumber?.trim())?.family;
  const fields = cleanFields({ ...c.fields, family: c.fields.family?.trim() || partFamily || '' });
  const card: KanbanCard = {
    id,
    streamId: c.streamId,
    stageId: stage.id,
    partNumber: fields.partNumber,
    quantity: pieces(fields.quantity),
    family: fields.family,
    blocked: false,
    enteredStageAt: ctx.now,
    createdAt: ctx.now,
    retired: false,
    ...(fields.loopId ? { loopId: fields.loopId } : {}),
    ...(fields.note ? { note: fields.note } : {}),
  };
  const event = { ...envelope(ctx, c.streamId), type: 'create' as const, cardId: id, stageId: stage.id, to: stage.id, card, ...(reason ? { reason } : {}) };
  return decided([event], { id, overLimit: count >= stage.cardLimit, stage: stageLoad(stage, count) });
}

/**
 * The pull rule for `card` entering `stage`: a refusal, or the event (made by `event` with the reason to log when
 * the stage goes over its soft limit) and the outcome to show. Moves, undos and creations all pass through it.
 */
function pullInto(state: Snapshot, stage: Stage, rawReason: string | undefined, cardId: string, event: (reason: { reason?: string }) => NewEvent): Decided {
  const reason = trimmedReason(rawReason);
  const count = state.counts[stage.id] ?? 0;
  const refusal = pullRefusal(stage, count, reason);
  if (refusal) return refusal;
  const overLimit = count >= stage.cardLimit;
  return decided([event(overLimit ? { reason } : {})], { id: cardId, overLimit, stage: stageLoad(stage, count) });
}

export function moveCard(state: Snapshot, c: CommandOf<'card.move'>, ctx: DecideContext): Decided {
  const card = activeCard(state, c.cardId);
  if (!card) return gone();
  if (card.stageId === c.toStageId) return err('The card is already in that stage.', 'stale');
  const stage = state.stages[c.toStageId];
  if (!stage || stage.streamId !== card.streamId) return err('That stage is not part of this value stream.', 'not-found');
  if (card.blocked) {
    // An andon card is pulled only on purpose: the person says why, and the log keeps both the block and the reason.
    const why = trimmedReason(c.reason);
    if (!why) {
      return err(`Card ${card.partNumber} is blocked (${card.blockedReason ?? 'no reason given'}). Give a reason to pull it anyway, or clear the block first.`, 'needs-reason');
    }
    const refusal = pullRefusal(stage, state.counts[stage.id] ?? 0, why);
    if (refusal) return refusal;
    const count = state.counts[stage.id] ?? 0;
    const overLimit = count >= stage.cardLimit;
    return decided(
      [{
        ...envelope(ctx, card.streamId), type: 'move', cardId: card.id, from: card.stageId, to: stage.id,
        previousEnteredAt: card.enteredStageAt, reason: why, blockedReason: card.blockedReason ?? 'no reason given',
      }],
      { id: card.id, overLimit, stage: stageLoad(stage, count) },
    );
  }
  return pullInto(state, stage, c.reason, card.id, (reason) => ({
    ...envelope(ctx, card.streamId),
    type: 'move',
    cardId: card.id,
    from: card.stageId,
    to: stage.id,
    previousEnteredAt: card.enteredStageAt,
    ...reason,
  }));
}

/**
 * Logs a pull the pull rule refuses: the card stays where it is, and the log says which stage was full and why. Only a
 * refusal that holds now is logged (a stage with room again, or a soft one, refuses nothing to log).
 */
export function recordRefusal(state: Snapshot, c: CommandOf<'card.record-refusal'>, ctx: DecideContext): Decided {
  const card = activeCard(state, c.cardId);
  if (!card) return gone();
  const stage = state.stages[c.toStageId];
  if (!stage || stage.streamId !== card.streamId) return err('That stage is not part of this value stream.', 'not-found');
  if (card.stageId === stage.id) return err('The card is already in that stage.', 'stale');
  const refusal = pullRefusal(stage, state.counts[stage.id] ?? 0, undefined);
  if (!refusal || refusal.code !== 'full') return err(`${stage.name} has room or takes cards over its limit with a reason: there is no refusal to log.`, 'stale');
  return decided(
    [{ ...envelope(ctx, card.streamId), type: 'move-refused', cardId: card.id, from: card.stageId, to: stage.id, reason: refusal.error }],
    { id: card.id, stage: stageLoad(stage, state.counts[stage.id] ?? 0) },
  );
}

/** Undoes the stream's newest move not yet undone, by a compensating event; the card going back obeys the pull rule. */
export function undoMove(state: Snapshot, c: CommandOf<'card.undo-move'>, ctx: DecideContext): Decided {
  const moves = state.undoable[c.streamId] ?? [];
  const move = moves[moves.length - 1];
  if (!move) return err('There is no move to undo.', 'not-found');
  const card = activeCard(state, move.cardId);
  if (!card) return err('The last moved card has left the board since; its move cannot be undone.', 'stale');
  if (card.stageId !== move.to) return err('The last moved card is no longer where that move put it.', 'stale');
  const stage = state.stages[move.from];
  if (!stage) return err('The stage the card came from no longer exists.', 'not-found');
  return pullInto(state, stage, c.reason, card.id, (reason) => ({
    ...envelope(ctx, card.streamId),
    type: 'undo',
    cardId: card.id,
    undoes: move.eventId,
    from: move.to,
    to: move.from,
    // The card gets back its time in the stage it returns to, as if the move had not happened.
    enteredStageAt: move.previousEnteredAt ?? ctx.now,
    ...reason,
  }));
}

export function editCard(state: Snapshot, c: CommandOf<'card.edit'>, ctx: DecideContext): Decided {
  const problem = checkCardFields(c.fields);
  if (problem) return err(problem, 'invalid');
  const card = activeCard(state, c.cardId);
  if (!card) return gone();
  const current: CardFields = {
    partNumber: card.partNumber,
    quantity: card.quantity,
    family: card.family,
    ...(card.loopId ? { loopId: card.loopId } : {}),
    ...(card.note ? { note: card.note } : {}),
  };
  // A field left out (or undefined) keeps its value; an empty loop or note clears it.
  const given = Object.fromEntries(Object.entries(c.fields).filter(([, value]) => value !== undefined));
  const fields = cleanFields({ ...current, ...given });
  const same = JSON.stringify(fields) === JSON.stringify(cleanFields(current));
  if (same) return decided([], { id: card.id });
  return decided([{ ...envelope(ctx, card.streamId), type: 'edit', cardId: card.id, fields }], { id: card.id });
}

export function blockCard(state: Snapshot, c: CommandOf<'card.block'>, ctx: DecideContext): Decided {
  const reason = trimmedReason(c.reason);
  if (!reason) return err('Say why the card is blocked, so the team knows what to fix.', 'invalid');
  const card = activeCard(state, c.cardId);
  if (!card) return gone();
  if (card.blocked && card.blockedReason === reason) return decided([], { id: card.id });
  return decided([{ ...envelope(ctx, card.streamId), type: 'block', cardId: card.id, stageId: card.stageId, reason }], { id: card.id });
}

export function unblockCard(state: Snapshot, c: CommandOf<'card.unblock'>, ctx: DecideContext): Decided {
  const card = activeCard(state, c.cardId);
  if (!card) return gone();
  if (!card.blocked) return decided([], { id: card.id });
  return decided([{ ...envelope(ctx, card.streamId), type: 'unblock', cardId: card.id, stageId: card.stageId }], { id: card.id });
}

/** Takes a finished card off the board; only from the stream's last stage, where the work leaves the line. */
export function completeCard(state: Snapshot, c: CommandOf<'card.complete'>, ctx: DecideContext): Decided {
  const card = activeCard(state, c.cardId);
  if (!card) return gone();
  const stages = stagesOf(state, card.streamId);
  const last = stages[stages.length - 1];
  if (!last || last.id !== card.stageId) return err(`Only cards in the last stage${last ? ` (${last.name})` : ''} can be completed.`, 'invalid');
  if (card.blocked) return err(`The card is blocked (${card.blockedReason ?? 'no reason given'}); clear the block before completing it.`, 'invalid');
  return decided([{ ...envelope(ctx, card.streamId), type: 'complete', cardId: card.id, stageId: card.stageId }], { id: card.id });
}

/** Withdraws a card from circulation (for example when a loop needs fewer cards); the log says why. */
export function retireCard(state: Snapshot, c: CommandOf<'card.retire'>, ctx: DecideContext): Decided {
  const card = activeCard(state, c.cardId);
  if (!card) return gone();
  const reason = trimmedReason(c.reason);
  return decided([{ ...envelope(ctx, card.streamId), type: 'retire', cardId: card.id, stageId: card.stageId, ...(reason ? { reason } : {}) }], { id: card.id });
}
