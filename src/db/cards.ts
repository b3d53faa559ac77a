// Kanban card intents (create, move, edit, block, complete, retire, undo): each one read-write transaction that checks the pull rule and appends its event.
import type { BoardEvent, Stage } from '../engine/model.ts';
import { pieces } from '../engine/units.ts';
import { appendEvent } from './events.ts';
import type { CardRecord } from './records.ts';
import type { TaktDb } from './schema.ts';

/** The state of a target stage at the moment a move was decided (read inside the move's transaction). */
export interface StageLoad {
  id: string;
  name: string;
  cardLimit: number;
  policy: Stage['policy'];
  /** Cards on the stage before the move. */
  count: number;
}

export type CardError =
  /** A hard stage is at its limit: nothing was written. */
  | { ok: false; code: 'full'; stage: StageLoad; error: string }
  /** A soft stage is at its limit and no reason was given: nothing was written; ask for one. */
  | { ok: false; code: 'needs-reason'; stage: StageLoad; error: string }
  | { ok: false; code: 'invalid' | 'not-found' | 'stale'; error: string };

export type MoveResult = { ok: true; eventId: number; overLimit: boolean; stage: StageLoad } | CardError;
export type CardResult = { ok: true; cardId: string; eventId?: number } | CardError;

export interface Actor {
  /** Who the event log records. */
  who: string;
  /** Epoch ms of the intent; defaults to the time of the call. */
  at?: number;
}

const fail = (code: 'invalid' | 'not-found' | 'stale', error: string): CardError => ({ ok: false, code, error });

const cardTables = (db: TaktDb) => [db.cards, db.stages, db.events];

/** Cards on a stage that still count against its limit (completed and retired cards do not). Call inside a transaction. */
export function stageCount(db: TaktDb, streamId: string, stageId: string): Promise<number> {
  // The sparse board index holds only active cards, so this is a native IDBIndex.count(), not a walk over the stage's records.
  return db.cards.where('[streamId+boardStageId]').equals([streamId, stageId]).count();
}

function loadOf(stage: Stage, count: number): StageLoad {
  return { id: stage.id, name: stage.name, cardLimit: stage.cardLimit, policy: stage.policy, count };
}

/**
 * The pull rule for a card arriving at `stage`: null when it may come in, else why not.
 * Soft stages take cards over the limit only with a reason (which the event then records).
 */
function pullRefusal(stage: Stage, count: number, reason: string | undefined): CardError | null {
  if (count < stage.cardLimit) return null;
  const load = loadOf(stage, count);
  const where = `${stage.name} is full: ${count} / ${stage.cardLimit} cards`;
  if (stage.policy === 'soft') {
    if (reason && reason.trim()) return null;
    return { ok: false, code: 'needs-reason', stage: load, error: `${where}. It is a soft limit: give a reason to pull over it.` };
  }
  return { ok: false, code: 'full', stage: load, error: `${where} (hard limit). Finish or move a card out of ${stage.name} first.` };
}

/**
 * Moves a card to another stage of its stream, in one read-write transaction: re-reads the card and the target
 * stage, counts the stage's cards, refuses when the pull rule says no (nothing written), or writes the card
 * and appends the 'move' event. IndexedDB serialises overlapping read-write transactions, also between tabs,
 * so two screens can never both see the last free place of a hard stage.
 */
export async function moveCard(
  db: TaktDb,
  move: { cardId: string; toStageId: string; reason?: string } & Actor,
): Promise<MoveResult> {
  const at = move.at ?? Date.now();
  const reason = move.reason?.trim() || undefined;
  return db.transaction('rw', cardTables(db), async (): Promise<MoveResult> => {
    // Requests of one transaction go out together where they do not depend on each other: each round trip waits for
    // the main thread, which is busy right after a drop, so three round trips commit sooner than six.
    const [card, stage] = await Promise.all([db.cards.get(move.cardId), db.stages.get(move.toStageId)]);
    if (!card || card.retired) return fail('not-found', 'This card is no longer on the board.');
    if (card.stageId === move.toStageId) return fail('stale', 'The card is already in that stage.');
    if (!stage || stage.streamId !== card.streamId) return fail('not-found', 'That stage is not part of this value stream.');
    const count = await stageCount(db, card.streamId, stage.id);
    const refusal = pullRefusal(stage, count, reason);
    if (refusal) return refusal;
    const overLimit = count >= stage.cardLimit;
    // The card was read in this transaction, so writing it whole loses nothing (update() would read it again).
    const [, eventId] = await Promise.all([
      db.cards.put({ ...card, stageId: stage.id, boardStageId: stage.id, enteredStageAt: at }),
      appendEvent(db, {
        streamId: card.streamId,
        cardId: card.id,
        type: 'move',
        at,
        who: move.who,
        from: card.stageId,
        to: stage.id,
        ...(overLimit ? { reason } : {}),
      }),
    ]);
    return { ok: true, eventId, overLimit, stage: loadOf(stage, count) };
  });
}

/** The newest move of the stream that has not been undone yet, if any. */
async function lastUndoableMove(db: TaktDb, streamId: string): Promise<BoardEvent | undefined> {
  const undone = new Set<number>();
  let found: BoardEvent | undefined;
  await db.events
    .where('[streamId+at]')
    .between([streamId, -Infinity], [streamId, Infinity])
    .reverse()
    .until(() => found !== undefined)
    .each((event) => {
      if (found) return;
      if (event.type === 'undo' && event.undoes !== undefined) undone.add(event.undoes);
      else if (event.type === 'move' && event.id !== undefined && !undone.has(event.id)) found = event;
    });
  return found;
}

/**
 * Undoes the stream's last move by a compensating 'undo' event (from/to reversed, `undoes` = the move's id);
 * the log itself is never changed. The card going back obeys the pull rule like any move.
 */
export async function undoLastMove(
  db: TaktDb,
  undo: { streamId: string; reason?: string } & Actor,
): Promise<MoveResult> {
  const at = undo.at ?? Date.now();
  const reason = undo.reason?.trim() || undefined;
  return db.transaction('rw', cardTables(db), async (): Promise<MoveResult> => {
    const move = await lastUndoableMove(db, undo.streamId);
    if (!move || move.id === undefined || !move.cardId || !move.from || !move.to) return fail('not-found', 'There is no move to undo.');
    const card = await db.cards.get(move.cardId);
    if (!card || card.retired) return fail('stale', 'The last moved card has left the board since; its move cannot be undone.');
    if (card.stageId !== move.to) return fail('stale', 'The last moved card is no longer where that move put it.');
    const stage = await db.stages.get(move.from);
    if (!stage) return fail('not-found', 'The stage the card came from no longer exists.');
    const count = await stageCount(db, card.streamId, stage.id);
    const refusal = pullRefusal(stage, count, reason);
    if (refusal) return refusal;
    const overLimit = count >= stage.cardLimit;
    await db.cards.update(card.id, { stageId: stage.id, boardStageId: stage.id, enteredStageAt: at });
    const eventId = await appendEvent(db, {
      streamId: card.streamId,
      cardId: card.id,
      type: 'undo',
      undoes: move.id,
      at,
      who: undo.who,
      from: move.to,
      to: move.from,
      ...(overLimit ? { reason } : {}),
    });
    return { ok: true, eventId, overLimit, stage: loadOf(stage, count) };
  });
}

export interface CardFields {
  partNumber: string;
  quantity: number;
  family: string;
  loopId?: string;
  note?: string;
}

/** The first problem with a card's values that a person must fix, or null. */
export function checkCardFields(fields: Partial<CardFields>): string | null {
  if (fields.partNumber !== undefined && !fields.partNumber.trim()) return 'The part number must not be empty.';
  if (fields.partNumber !== undefined && fields.partNumber.length > 60) return 'The part number is longer than 60 characters.';
  if (fields.quantity !== undefined && (!Number.isFinite(fields.quantity) || fields.quantity <= 0)) {
    return `The quantity must be more than 0 pieces; got ${fields.quantity}.`;
  }
  if (fields.quantity !== undefined && !Number.isInteger(fields.quantity)) return `The quantity must be a whole number of pieces; got ${fields.quantity}.`;
  if (fields.note !== undefined && fields.note.length > 500) return 'The note is longer than 500 characters.';
  return null;
}

/** Puts a new card on a stage: it takes a place like a pulled card, so the stage's limit applies. */
export async function createCard(
  db: TaktDb,
  input: CardFields & { streamId: string; stageId: string; id?: string; reason?: string } & Actor,
): Promise<CardResult> {
  const problem = checkCardFields(input);
  if (problem) return fail('invalid', problem);
  const at = input.at ?? Date.now();
  const reason = input.reason?.trim() || undefined;
  const id = input.id ?? `card-${crypto.randomUUID()}`;
  return db.transaction('rw', cardTables(db), async (): Promise<CardResult> => {
    const stage = await db.stages.get(input.stageId);
    if (!stage || stage.streamId !== input.streamId) return fail('not-found', 'That stage is not part of this value stream.');
    const refusal = pullRefusal(stage, await stageCount(db, input.streamId, stage.id), reason);
    if (refusal) return refusal;
    const card: CardRecord = {
      id,
      streamId: input.streamId,
      stageId: stage.id,
      boardStageId: stage.id,
      partNumber: input.partNumber.trim(),
      quantity: pieces(input.quantity),
      family: input.family.trim() || 'General',
      blocked: false,
      enteredStageAt: at,
      createdAt: at,
      retired: false,
      ...(input.loopId ? { loopId: input.loopId } : {}),
      ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    };
    await db.cards.add(card);
    const eventId = await appendEvent(db, { streamId: input.streamId, cardId: id, stageId: stage.id, type: 'create', at, who: input.who, to: stage.id, ...(reason ? { reason } : {}) });
    return { ok: true, cardId: id, eventId };
  });
}

/** Changes what a card says (part, quantity, family, loop, note); its place and history stay. */
export async function editCard(db: TaktDb, cardId: string, changes: Partial<CardFields>): Promise<CardResult> {
  const problem = checkCardFields(changes);
  if (problem) return fail('invalid', problem);
  return db.transaction('rw', db.cards, async (): Promise<CardResult> => {
    const card = await db.cards.get(cardId);
    if (!card || card.retired) return fail('not-found', 'This card is no longer on the board.');
    const next: CardRecord = { ...card };
    if (changes.partNumber !== undefined) next.partNumber = changes.partNumber.trim();
    if (changes.quantity !== undefined) next.quantity = pieces(changes.quantity);
    if (changes.family !== undefined) next.family = changes.family.trim() || 'General';
    if (changes.loopId !== undefined) {
      if (changes.loopId) next.loopId = changes.loopId;
      else delete next.loopId;
    }
    if (changes.note !== undefined) {
      if (changes.note.trim()) next.note = changes.note.trim();
      else delete next.note;
    }
    await db.cards.put(next);
    return { ok: true, cardId };
  });
}

/** Raises (with a reason: the andon) or clears a card's blocked flag and logs it. */
export async function setBlocked(
  db: TaktDb,
  change: { cardId: string; blocked: boolean; reason?: string } & Actor,
): Promise<CardResult> {
  const reason = change.reason?.trim() || undefined;
  if (change.blocked && !reason) return fail('invalid', 'Say why the card is blocked, so the team knows what to fix.');
  const at = change.at ?? Date.now();
  return db.transaction('rw', cardTables(db), async (): Promise<CardResult> => {
    const card = await db.cards.get(change.cardId);
    if (!card || card.retired) return fail('not-found', 'This card is no longer on the board.');
    if (card.blocked === change.blocked && card.blockedReason === reason) return { ok: true, cardId: card.id };
    const next: CardRecord = { ...card, blocked: change.blocked };
    if (change.blocked) next.blockedReason = reason;
    else delete next.blockedReason;
    await db.cards.put(next);
    const eventId = await appendEvent(db, {
      streamId: card.streamId,
      cardId: card.id,
      stageId: card.stageId,
      type: change.blocked ? 'block' : 'unblock',
      at,
      who: change.who,
      ...(reason ? { reason } : {}),
    });
    return { ok: true, cardId: card.id, eventId };
  });
}

/** Takes a finished card off the board; only from the stream's last stage, where the work leaves the line. */
export async function completeCard(db: TaktDb, change: { cardId: string } & Actor): Promise<CardResult> {
  const at = change.at ?? Date.now();
  return db.transaction('rw', cardTables(db), async (): Promise<CardResult> => {
    const card = await db.cards.get(change.cardId);
    if (!card || card.retired) return fail('not-found', 'This card is no longer on the board.');
    const last = await db.stages.where('[streamId+order]').between([card.streamId, -Infinity], [card.streamId, Infinity]).last();
    if (!last || last.id !== card.stageId) return fail('invalid', `Only cards in the last stage${last ? ` (${last.name})` : ''} can be completed.`);
    if (card.blocked) return fail('invalid', `The card is blocked (${card.blockedReason ?? 'no reason given'}); clear the block before completing it.`);
    // Dexie's update deletes a key set to undefined, which takes the card out of the sparse board index.
    await db.cards.update(card.id, { retired: true, boardStageId: undefined, enteredStageAt: at });
    const eventId = await appendEvent(db, { streamId: card.streamId, cardId: card.id, stageId: card.stageId, type: 'complete', at, who: change.who });
    return { ok: true, cardId: card.id, eventId };
  });
}

/** Withdraws a card from circulation (for example when a loop needs fewer cards); it leaves the board and the log says why. */
export async function retireCard(db: TaktDb, change: { cardId: string; reason?: string } & Actor): Promise<CardResult> {
  const at = change.at ?? Date.now();
  const reason = change.reason?.trim() || undefined;
  return db.transaction('rw', cardTables(db), async (): Promise<CardResult> => {
    const card = await db.cards.get(change.cardId);
    if (!card || card.retired) return fail('not-found', 'This card is no longer on the board.');
    await db.cards.update(card.id, { retired: true, boardStageId: undefined });
    const eventId = await appendEvent(db, {
      streamId: card.streamId,
      cardId: card.id,
      stageId: card.stageId,
      type: 'retire',
      at,
      who: change.who,
      ...(reason ? { reason } : {}),
    });
    return { ok: true, cardId: card.id, eventId };
  });
}
