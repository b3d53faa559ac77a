// Card intents and the pull rule: hard stages refuse at their limit, soft ones need a reason, every change is logged, undo compensates.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import {
  completeCard,
  createCard,
  editCard,
  moveCard,
  retireCard,
  setBlocked,
  stageCount,
  undoLastMove,
} from '../../../src/db/cards.ts';
import type { Stage } from '../../../src/engine/model.ts';

const STREAM = 's1';
let db: TaktDb;
let dbName: string;

function stage(id: string, order: number, cardLimit: number, policy: Stage['policy'] = 'hard'): Stage {
  return { id, streamId: STREAM, name: `Stage ${id}`, order, cardLimit, policy };
}

async function addCards(stageId: string, n: number, prefix = stageId) {
  for (let i = 0; i < n; i++) {
    const result = await createCard(db, { id: `${prefix}-c${i}`, streamId: STREAM, stageId, partNumber: 'P-1', quantity: 10, family: 'F', who: 'test', at: 1000 + i });
    expect(result.ok).toBe(true);
  }
}

async function snapshot() {
  return JSON.stringify({ cards: await db.cards.toArray(), events: await db.events.toArray() });
}

beforeEach(async () => {
  dbName = `cards-${Math.random()}`;
  db = new TaktDb(dbName);
  await db.streams.add({ id: STREAM, name: 'Line', calendar: { shifts: [], workingDaysPerWeek: 5 }, createdAt: 0 });
  await db.stages.bulkAdd([stage('a', 0, 10), stage('b', 1, 2), stage('soft', 2, 1, 'soft'), stage('z', 3, 10)]);
});

describe('moveCard', () => {
  it('moves a card, stamps its entry into the stage and appends a move event', async () => {
    await addCards('a', 1);
    const result = await moveCard(db, { cardId: 'a-c0', toStageId: 'b', who: 'Ana', at: 5000 });
    expect(result).toMatchObject({ ok: true, overLimit: false, stage: { id: 'b', count: 0, cardLimit: 2 } });
    const card = await db.cards.get('a-c0');
    expect(card).toMatchObject({ stageId: 'b', enteredStageAt: 5000 });
    const last = await db.events.orderBy('id').last();
    expect(last).toMatchObject({ type: 'move', cardId: 'a-c0', from: 'a', to: 'b', who: 'Ana', at: 5000, streamId: STREAM });
  });

  it('a hard stage at its limit refuses the move and changes nothing', async () => {
    await addCards('b', 2);
    await addCards('a', 1);
    const before = await snapshot();
    const result = await moveCard(db, { cardId: 'a-c0', toStageId: 'b', who: 'Ana', reason: 'rush order' });
    expect(result).toMatchObject({ ok: false, code: 'full', stage: { name: 'Stage b', count: 2, cardLimit: 2, policy: 'hard' } });
    expect(!result.ok && result.error).toMatch(/Stage b is full: 2 \/ 2 cards \(hard limit\)/);
    expect(await snapshot()).toBe(before);
  });

  it('a soft stage at its limit asks for a reason and changes nothing without one', async () => {
    await addCards('soft', 1);
    await addCards('a', 1);
    const before = await snapshot();
    const result = await moveCard(db, { cardId: 'a-c0', toStageId: 'soft', who: 'Ana', reason: '   ' });
    expect(result).toMatchObject({ ok: false, code: 'needs-reason' });
    expect(await snapshot()).toBe(before);
  });

  it('a soft stage takes a card over its limit with a reason, and the event logs the reason', async () => {
    await addCards('soft', 1);
    await addCards('a', 1);
    const result = await moveCard(db, { cardId: 'a-c0', toStageId: 'soft', who: 'Ana', reason: 'Customer rush order' });
    expect(result).toMatchObject({ ok: true, overLimit: true });
    expect(await stageCount(db, STREAM, 'soft')).toBe(2);
    expect(await db.events.orderBy('id').last()).toMatchObject({ type: 'move', reason: 'Customer rush order', to: 'soft' });
  });

  it('completed and retired cards do not count against a limit', async () => {
    await addCards('b', 2);
    await addCards('a', 1);
    await retireCard(db, { cardId: 'b-c0', who: 'Ana', reason: 'loop resized' });
    expect(await moveCard(db, { cardId: 'a-c0', toStageId: 'b', who: 'Ana' })).toMatchObject({ ok: true });
  });

  it('refuses a move of an unknown card or into a stage of another stream', async () => {
    await db.stages.add({ ...stage('other', 0, 5), streamId: 's2' });
    await addCards('a', 1);
    expect(await moveCard(db, { cardId: 'nope', toStageId: 'b', who: 'x' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await moveCard(db, { cardId: 'a-c0', toStageId: 'other', who: 'x' })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('concurrent moves into one hard stage never exceed its limit', async () => {
    await addCards('a', 8);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => moveCard(db, { cardId: `a-c${i}`, toStageId: 'b', who: `screen ${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.code === 'full')).toHaveLength(6);
    expect(await stageCount(db, STREAM, 'b')).toBe(2);
    expect((await db.events.toArray()).filter((e) => e.type === 'move')).toHaveLength(2);
  });

  it('two connections (two tabs) racing into one hard stage never exceed its limit', async () => {
    await addCards('a', 6);
    const other = new TaktDb(dbName);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => moveCard(i % 2 ? other : db, { cardId: `a-c${i}`, toStageId: 'b', who: `tab ${i % 2}` })),
    );
    other.close();
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(await stageCount(db, STREAM, 'b')).toBe(2);
  });
});

describe('undoLastMove', () => {
  it('undo compensates the last move with an undo event; the move stays in the log', async () => {
    await addCards('a', 1);
    const move = await moveCard(db, { cardId: 'a-c0', toStageId: 'b', who: 'Ana', at: 5000 });
    expect(move.ok).toBe(true);
    const undo = await undoLastMove(db, { streamId: STREAM, who: 'Ben', at: 6000 });
    expect(undo).toMatchObject({ ok: true });
    expect(await db.cards.get('a-c0')).toMatchObject({ stageId: 'a', enteredStageAt: 6000 });
    const events = await db.events.orderBy('id').toArray();
    expect(events.map((e) => e.type)).toEqual(['create', 'move', 'undo']);
    expect(events[2]).toMatchObject({ undoes: move.ok ? move.eventId : -1, from: 'b', to: 'a', who: 'Ben' });
  });

  it('undo goes back move by move and says when there is nothing left to undo', async () => {
    await addCards('a', 1);
    await moveCard(db, { cardId: 'a-c0', toStageId: 'b', who: 'Ana', at: 5000 });
    await moveCard(db, { cardId: 'a-c0', toStageId: 'z', who: 'Ana', at: 6000 });
    expect(await undoLastMove(db, { streamId: STREAM, who: 'Ana', at: 7000 })).toMatchObject({ ok: true });
    expect((await db.cards.get('a-c0'))?.stageId).toBe('b');
    expect(await undoLastMove(db, { streamId: STREAM, who: 'Ana', at: 8000 })).toMatchObject({ ok: true });
    expect((await db.cards.get('a-c0'))?.stageId).toBe('a');
    expect(await undoLastMove(db, { streamId: STREAM, who: 'Ana', at: 9000 })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('undo obeys the pull rule of the stage the card goes back to', async () => {
    await addCards('b', 1);
    await moveCard(db, { cardId: 'b-c0', toStageId: 'z', who: 'Ana', at: 5000 });
    await addCards('b', 2, 'late');
    const before = await snapshot();
    expect(await undoLastMove(db, { streamId: STREAM, who: 'Ana' })).toMatchObject({ ok: false, code: 'full' });
    expect(await snapshot()).toBe(before);
  });
});

describe('card values and lifecycle', () => {
  it('refuses invalid values with a message and writes nothing', async () => {
    const bad = [
      { partNumber: '  ', quantity: 5, msg: /part number must not be empty/ },
      { partNumber: 'P', quantity: 0, msg: /more than 0/ },
      { partNumber: 'P', quantity: -3, msg: /more than 0/ },
      { partNumber: 'P', quantity: Number.NaN, msg: /more than 0/ },
    ];
    for (const { partNumber, quantity, msg } of bad) {
      const result = await createCard(db, { streamId: STREAM, stageId: 'a', partNumber, quantity, family: 'F', who: 'x' });
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      expect(!result.ok && result.error).toMatch(msg);
    }
    expect(await db.cards.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    await addCards('a', 1);
    const before = await snapshot();
    expect(await editCard(db, 'a-c0', { quantity: 0 })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await editCard(db, 'a-c0', { partNumber: '' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await snapshot()).toBe(before);
  });

  it('creating a card into a full hard stage is refused', async () => {
    await addCards('b', 2);
    const result = await createCard(db, { streamId: STREAM, stageId: 'b', partNumber: 'P', quantity: 5, family: 'F', who: 'x' });
    expect(result).toMatchObject({ ok: false, code: 'full' });
  });

  it('edits quantity and note, and clears the note when emptied', async () => {
    await addCards('a', 1);
    expect(await editCard(db, 'a-c0', { quantity: 25, note: 'Rework lot' })).toMatchObject({ ok: true });
    expect(await db.cards.get('a-c0')).toMatchObject({ quantity: 25, note: 'Rework lot' });
    await editCard(db, 'a-c0', { note: '' });
    expect((await db.cards.get('a-c0'))?.note).toBeUndefined();
  });

  it('blocking needs a reason; block and unblock are logged', async () => {
    await addCards('a', 1);
    expect(await setBlocked(db, { cardId: 'a-c0', blocked: true, who: 'x' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await setBlocked(db, { cardId: 'a-c0', blocked: true, reason: 'Missing bearing', who: 'Ana' })).toMatchObject({ ok: true });
    expect(await db.cards.get('a-c0')).toMatchObject({ blocked: true, blockedReason: 'Missing bearing' });
    await setBlocked(db, { cardId: 'a-c0', blocked: false, who: 'Ana' });
    expect(await db.cards.get('a-c0')).toMatchObject({ blocked: false });
    const types = (await db.events.orderBy('id').toArray()).map((e) => [e.type, e.reason]);
    expect(types).toEqual([['create', undefined], ['block', 'Missing bearing'], ['unblock', undefined]]);
  });

  it('completes only at the last stage, and a completed card leaves the board', async () => {
    await addCards('a', 1);
    expect(await completeCard(db, { cardId: 'a-c0', who: 'x' })).toMatchObject({ ok: false, code: 'invalid' });
    await moveCard(db, { cardId: 'a-c0', toStageId: 'z', who: 'x' });
    expect(await completeCard(db, { cardId: 'a-c0', who: 'x', at: 9000 })).toMatchObject({ ok: true });
    expect(await db.cards.get('a-c0')).toMatchObject({ retired: true });
    expect(await db.events.orderBy('id').last()).toMatchObject({ type: 'complete', stageId: 'z' });
    expect(await moveCard(db, { cardId: 'a-c0', toStageId: 'a', who: 'x' })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('retiring a card logs the reason', async () => {
    await addCards('a', 1);
    expect(await retireCard(db, { cardId: 'a-c0', who: 'x', reason: 'Loop needs one card less' })).toMatchObject({ ok: true });
    expect(await db.events.orderBy('id').last()).toMatchObject({ type: 'retire', reason: 'Loop needs one card less' });
  });

  it('every write keeps the board index right: a card is in its stage while active and out of the index once it leaves the board', async () => {
    const onBoard = async (stageId: string) => (await db.cards.where('[streamId+boardStageId]').equals([STREAM, stageId]).primaryKeys()).sort();
    await addCards('a', 3);
    expect(await onBoard('a')).toEqual(['a-c0', 'a-c1', 'a-c2']);
    await moveCard(db, { cardId: 'a-c0', toStageId: 'z', who: 'x' });
    expect(await onBoard('a')).toEqual(['a-c1', 'a-c2']);
    expect(await onBoard('z')).toEqual(['a-c0']);
    await undoLastMove(db, { streamId: STREAM, who: 'x' });
    expect(await onBoard('z')).toEqual([]);
    expect(await onBoard('a')).toEqual(['a-c0', 'a-c1', 'a-c2']);
    await editCard(db, 'a-c1', { note: 'kept in place' });
    await setBlocked(db, { cardId: 'a-c1', blocked: true, reason: 'andon', who: 'x' });
    expect(await onBoard('a')).toEqual(['a-c0', 'a-c1', 'a-c2']);
    await retireCard(db, { cardId: 'a-c2', who: 'x' });
    await moveCard(db, { cardId: 'a-c0', toStageId: 'z', who: 'x' });
    await completeCard(db, { cardId: 'a-c0', who: 'x' });
    expect(await onBoard('a')).toEqual(['a-c1']);
    expect(await onBoard('z')).toEqual([]);
    expect(await db.cards.get('a-c0')).not.toHaveProperty('boardStageId');
    expect(await stageCount(db, STREAM, 'a')).toBe(1);
    expect(await stageCount(db, STREAM, 'z')).toBe(0);
  });
});
