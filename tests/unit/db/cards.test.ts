// Card commands through the store and the pull rule: hard stages refuse at their limit, soft ones need a reason, every
// change is logged with the command it came from, undo compensates, a retried command is applied once.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyCommand, stageCount } from '../../../src/db/apply.ts';
import { TaktDb } from '../../../src/db/schema.ts';
import { emptySnapshot, replayLog, type CardFields } from '../../../src/engine/commands/index.ts';
import { asId, countingIds } from '../../../src/engine/ids.ts';
import type { StagePolicy } from '../../../src/engine/model.ts';
import { accepted, commander, dump, recordsOf, snapshotOf, type Run } from './helpers.ts';

const STREAM = asId('stream', 's1');
const OTHER = asId('stream', 's2');
const card = (id: string) => asId('card', id);
const stage = (id: string) => asId('stage', id);
const fields: CardFields = { partNumber: 'P-1', quantity: 10, family: 'F' };

let db: TaktDb;
let dbName: string;
let run: Run;

async function addStage(id: string, cardLimit: number, policy: StagePolicy = 'hard', streamId = STREAM) {
  accepted(await run({ type: 'stage.add', streamId, id: stage(id), name: `Stage ${id}`, cardLimit, policy }, { at: 0 }));
}

/** Puts n cards on a stage (`<prefix>-c0`, …), created at 1000, 1001, … */
async function addCards(stageId: string, n: number, prefix = stageId) {
  for (let i = 0; i < n; i++) {
    const result = await run({ type: 'card.create', streamId: STREAM, stageId: stage(stageId), id: card(`${prefix}-c${i}`), fields }, { at: 1000 + i });
    expect(result.ok).toBe(true);
  }
}

const move = (cardId: string, toStageId: string, meta: { who?: string; at?: number; commandId?: string } = {}, reason?: string) =>
  run({ type: 'card.move', cardId: card(cardId), toStageId: stage(toStageId), ...(reason !== undefined ? { reason } : {}) }, { who: 'Ana', ...meta });
const undo = (meta: { who?: string; at?: number } = {}, reason?: string) =>
  run({ type: 'card.undo-move', streamId: STREAM, ...(reason !== undefined ? { reason } : {}) }, { who: 'Ana', ...meta });
const cardEvents = async (cardId: string) => (await db.events.where('cardId').equals(cardId).toArray()).sort((a, b) => a.id! - b.id!);

beforeEach(async () => {
  dbName = `cards-${Math.random()}`;
  db = new TaktDb(dbName);
  run = commander(db, {}, countingIds());
  accepted(await run({ type: 'stream.create', id: STREAM, name: 'Line' }, { at: 0 }));
  await addStage('a', 10);
  await addStage('b', 2);
  await addStage('soft', 1, 'soft');
  await addStage('z', 10);
});

describe('card.move', () => {
  it('moves a card, stamps its entry into the stage and appends a move event that names its command', async () => {
    await addCards('a', 1);
    const result = await move('a-c0', 'b', { at: 5000, commandId: 'cmd-move-1' });
    expect(result).toMatchObject({ ok: true, value: { outcome: { id: 'a-c0', overLimit: false, stage: { id: 'b', count: 0, cardLimit: 2 } } } });
    const { events } = accepted(result);
    expect(events).toHaveLength(1);
    expect(await db.cards.get('a-c0')).toMatchObject({ stageId: 'b', boardStageId: 'b', enteredStageAt: 5000 });
    const last = await db.events.orderBy('id').last();
    expect(last).toEqual(events[0]);
    expect(last).toMatchObject({
      type: 'move',
      cardId: 'a-c0',
      from: 'a',
      to: 'b',
      who: 'Ana',
      at: 5000,
      streamId: STREAM,
      commandId: 'cmd-move-1',
      previousEnteredAt: 1000,
    });
    expect(last).not.toHaveProperty('reason');
  });

  it('a hard stage at its limit refuses the move and writes neither records nor events', async () => {
    await addCards('b', 2);
    await addCards('a', 1);
    const before = await dump(db);
    const result = await move('a-c0', 'b', {}, 'rush order');
    expect(result).toMatchObject({ ok: false, code: 'full', stage: { name: 'Stage b', count: 2, cardLimit: 2, policy: 'hard' } });
    expect(!result.ok && result.error).toMatch(/Stage b is full: 2 \/ 2 cards \(hard limit\)/);
    expect(await dump(db)).toBe(before);
  });

  it('a soft stage at its limit asks for a reason and writes nothing without one', async () => {
    await addCards('soft', 1);
    await addCards('a', 1);
    const before = await dump(db);
    for (const reason of [undefined, '', '   ']) {
      const result = await move('a-c0', 'soft', {}, reason);
      expect(result).toMatchObject({ ok: false, code: 'needs-reason', stage: { id: 'soft', count: 1, cardLimit: 1, policy: 'soft' } });
      expect(!result.ok && result.error).toMatch(/soft limit: give a reason/);
    }
    expect(await dump(db)).toBe(before);
  });

  it('a soft stage takes a card over its limit with a reason, and the event logs the reason', async () => {
    await addCards('soft', 1);
    await addCards('a', 1);
    const result = await move('a-c0', 'soft', {}, '  Customer rush order ');
    expect(result).toMatchObject({ ok: true, value: { outcome: { overLimit: true, stage: { count: 1 } } } });
    expect(await stageCount(db, STREAM, 'soft')).toBe(2);
    expect(await db.events.orderBy('id').last()).toMatchObject({ type: 'move', reason: 'Customer rush order', to: 'soft' });
  });

  it('a reason given for a pull under the limit is not logged as an over-limit reason', async () => {
    await addCards('a', 1);
    accepted(await move('a-c0', 'b', {}, 'just because'));
    expect(await db.events.orderBy('id').last()).not.toHaveProperty('reason');
  });

  it('completed and retired cards do not count against a limit', async () => {
    await addCards('b', 2);
    await addCards('a', 1);
    accepted(await run({ type: 'card.retire', cardId: card('b-c0'), reason: 'loop resized' }));
    expect(await move('a-c0', 'b')).toMatchObject({ ok: true, value: { outcome: { overLimit: false, stage: { count: 1 } } } });
  });

  it('refuses a move of an unknown card, into a stage of another stream, or into the stage it is in', async () => {
    accepted(await run({ type: 'stream.create', id: OTHER, name: 'Other line' }));
    await addStage('other', 5, 'hard', OTHER);
    await addCards('a', 1);
    const before = await dump(db);
    expect(await move('nope', 'b')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await move('a-c0', 'other')).toMatchObject({ ok: false, code: 'not-found', error: 'That stage is not part of this value stream.' });
    expect(await move('a-c0', 'no-such-stage')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await move('a-c0', 'a')).toMatchObject({ ok: false, code: 'stale' });
    expect(await dump(db)).toBe(before);
  });

  it('concurrent moves into one hard stage never exceed its limit', async () => {
    await addCards('a', 8);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => move(`a-c${i}`, 'b', { who: `screen ${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.code === 'full')).toHaveLength(6);
    expect(await stageCount(db, STREAM, 'b')).toBe(2);
    expect((await db.events.toArray()).filter((e) => e.type === 'move')).toHaveLength(2);
  });

  it('two connections (two tabs) racing into one hard stage never exceed its limit', async () => {
    await addCards('a', 6);
      const other = new TaktDb(dbName);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        applyCommand(i % 2 ? other : db, { type: 'card.move', cardId: card(`a-c${i}`), toStageId: stage('b') }, { who: `tab ${i % 2}` }),
      ),
    );
    other.close();
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(await stageCount(db, STREAM, 'b')).toBe(2);
  });
});

describe('card.undo-move', () => {
  it('undo compensates the last move with an undo event; the move stays in the log', async () => {
    await addCards('a', 1);
    const moved = accepted(await move('a-c0', 'b', { at: 5000 }));
    const undone = await undo({ who: 'Ben', at: 6000 });
    expect(undone).toMatchObject({ ok: true, value: { outcome: { id: 'a-c0', overLimit: false } } });
    expect((await db.cards.get('a-c0'))?.stageId).toBe('a');
    const events = await cardEvents('a-c0');
    expect(events.map((e) => e.type)).toEqual(['create', 'move', 'undo']);
    expect(events[2]).toMatchObject({ undoes: moved.events[0]!.id, from: 'b', to: 'a', who: 'Ben', at: 6000 });
    expect(events[1]).toEqual(moved.events[0]);
  });

  it('undo gives the card back the time it had entered the stage it returns to', async () => {
    await addCards('a', 1);
    expect((await db.cards.get('a-c0'))?.enteredStageAt).toBe(1000);
    accepted(await move('a-c0', 'b', { at: 5000 }));
    accepted(await move('a-c0', 'z', { at: 6000 }));
    const first = accepted(await undo({ at: 7000 }));
    expect(first.events[0]).toMatchObject({ type: 'undo', to: 'b', enteredStageAt: 5000 });
    expect(await db.cards.get('a-c0')).toMatchObject({ stageId: 'b', enteredStageAt: 5000 });
    accepted(await undo({ at: 8000 }));
    expect(await db.cards.get('a-c0')).toMatchObject({ stageId: 'a', enteredStageAt: 1000 });
  });

  it('undo goes back move by move and says when there is nothing left to undo', async () => {
    await addCards('a', 1);
    await move('a-c0', 'b', { at: 5000 });
    await move('a-c0', 'z', { at: 6000 });
    expect(await undo({ at: 7000 })).toMatchObject({ ok: true });
    expect((await db.cards.get('a-c0'))?.stageId).toBe('b');
    expect(await undo({ at: 8000 })).toMatchObject({ ok: true });
    expect((await db.cards.get('a-c0'))?.stageId).toBe('a');
    const before = await dump(db);
    expect(await undo({ at: 9000 })).toMatchObject({ ok: false, code: 'not-found', error: 'There is no move to undo.' });
    expect(await dump(db)).toBe(before);
  });

  it('undo obeys the pull rule of the stage the card goes back to', async () => {
    await addCards('b', 1);
    await move('b-c0', 'z', { at: 5000 });
    await addCards('b', 2, 'late');
    const before = await dump(db);
    expect(await undo({ at: 6000 })).toMatchObject({ ok: false, code: 'full', stage: { id: 'b', count: 2 } });
    expect(await dump(db)).toBe(before);
  });

  it('undo into a full soft stage needs a reason, and logs it', async () => {
    await addCards('soft', 1);
    await move('soft-c0', 'z', { at: 5000 });
    await addCards('soft', 1, 'late');
    const before = await dump(db);
    expect(await undo({ at: 6000 })).toMatchObject({ ok: false, code: 'needs-reason' });
    expect(await dump(db)).toBe(before);
    expect(await undo({ at: 6000 }, 'Wrong column')).toMatchObject({ ok: true, value: { outcome: { overLimit: true } } });
    expect(await db.events.orderBy('id').last()).toMatchObject({ type: 'undo', reason: 'Wrong column', to: 'soft' });
  });

  it('a move whose card has left the board since cannot be undone, and nothing is written', async () => {
    await addCards('a', 1);
    await move('a-c0', 'z', { at: 5000 });
    accepted(await run({ type: 'card.complete', cardId: card('a-c0') }, { at: 5500 }));
    const before = await dump(db);
    expect(await undo({ at: 6000 })).toMatchObject({ ok: false, code: 'stale' });
    expect(await dump(db)).toBe(before);
  });

  it('undo only looks at moves of its own stream', async () => {
    accepted(await run({ type: 'stream.create', id: OTHER, name: 'Other line' }));
    await addStage('o1', 5, 'hard', OTHER);
    await addStage('o2', 5, 'hard', OTHER);
    accepted(await run({ type: 'card.create', streamId: OTHER, stageId: stage('o1'), id: card('o-c0'), fields }, { at: 1000 }));
    await addCards('a', 1);
    await move('a-c0', 'b', { at: 5000 });
    await move('o-c0', 'o2', { at: 6000 });
    accepted(await undo({ at: 7000 }));
    expect((await db.cards.get('a-c0'))?.stageId).toBe('a');
    expect((await db.cards.get('o-c0'))?.stageId).toBe('o2');
  });
});

describe('card values and lifecycle', () => {
  it('refuses invalid values with a message and writes nothing', async () => {
    const before = await dump(db);
    const bad = [
      { partNumber: '  ', quantity: 5, msg: /part number must not be empty/ },
      { partNumber: 'P'.repeat(61), quantity: 5, msg: /longer than 60/ },
      { partNumber: 'P', quantity: 0, msg: /more than 0/ },
      { partNumber: 'P', quantity: -3, msg: /more than 0/ },
      { partNumber: 'P', quantity: Number.NaN, msg: /more than 0/ },
      { partNumber: 'P', quantity: 2.5, msg: /whole number of pieces/ },
    ];
    for (const { partNumber, quantity, msg } of bad) {
      const result = await run({ type: 'card.create', streamId: STREAM, stageId: stage('a'), fields: { partNumber, quantity, family: 'F' } });
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      expect(!result.ok && result.error).toMatch(msg);
    }
    expect(await run({ type: 'card.create', streamId: STREAM, stageId: stage('nowhere'), fields })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
    await addCards('a', 1);
    const withCard = await dump(db);
    expect(await run({ type: 'card.edit', cardId: card('a-c0'), fields: { quantity: 0 } })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'card.edit', cardId: card('a-c0'), fields: { partNumber: '' } })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'card.edit', cardId: card('a-c0'), fields: { note: 'n'.repeat(501) } })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'card.create', streamId: STREAM, stageId: stage('a'), id: card('a-c0'), fields })).toMatchObject({
      ok: false,
      code: 'invalid',
      error: expect.stringMatching(/already a card a-c0/),
    });
    expect(await dump(db)).toBe(withCard);
  });

  it('creating a card puts the whole card in the create event, with trimmed values', async () => {
    const created = accepted(
      await run(
        { type: 'card.create', streamId: STREAM, stageId: stage('a'), id: card('new'), fields: { partNumber: ' P-7 ', quantity: 4, family: '  ', note: ' hot ' } },
        { at: 4242, who: 'Chen' },
      ),
    );
    expect(created.outcome).toMatchObject({ id: 'new', overLimit: false, stage: { id: 'a', count: 0 } });
    const stored = await db.cards.get('new');
    expect(stored).toMatchObject({ partNumber: 'P-7', quantity: 4, family: 'General', note: 'hot', enteredStageAt: 4242, createdAt: 4242, retired: false, blocked: false });
    const { boardStageId: _, ...plain } = stored!;
    expect(created.events[0]).toMatchObject({ type: 'create', cardId: 'new', stageId: 'a', to: 'a', who: 'Chen', at: 4242, card: plain });
  });

  it('creating a card into a full hard stage is refused; into a full soft stage it needs a reason, which is logged', async () => {
    await addCards('b', 2);
    await addCards('soft', 1);
    const before = await dump(db);
    expect(await run({ type: 'card.create', streamId: STREAM, stageId: stage('b'), fields })).toMatchObject({ ok: false, code: 'full' });
    expect(await run({ type: 'card.create', streamId: STREAM, stageId: stage('soft'), fields })).toMatchObject({ ok: false, code: 'needs-reason' });
    expect(await dump(db)).toBe(before);
    const created = accepted(await run({ type: 'card.create', streamId: STREAM, stageId: stage('soft'), fields, reason: 'Expedite' }));
    expect(created.outcome.overLimit).toBe(true);
    expect(created.events[0]).toMatchObject({ type: 'create', reason: 'Expedite' });
    expect(await stageCount(db, STREAM, 'soft')).toBe(2);
  });

  it('edits quantity and note, clears the note when emptied, and logs every edit (an edit that changes nothing logs nothing)', async () => {
    await addCards('a', 1);
    expect(await run({ type: 'card.edit', cardId: card('a-c0'), fields: { quantity: 25, note: 'Rework lot' } })).toMatchObject({ ok: true });
    expect(await db.cards.get('a-c0')).toMatchObject({ quantity: 25, note: 'Rework lot', stageId: 'a', boardStageId: 'a', enteredStageAt: 1000 });
    accepted(await run({ type: 'card.edit', cardId: card('a-c0'), fields: { note: '' } }));
    expect((await db.cards.get('a-c0'))?.note).toBeUndefined();
    const same = accepted(await run({ type: 'card.edit', cardId: card('a-c0'), fields: { quantity: 25 } }));
    expect(same.events).toEqual([]);
    const edits = (await cardEvents('a-c0')).filter((e) => e.type === 'edit');
    expect(edits.map((e) => e.type === 'edit' && e.fields)).toEqual([
      { partNumber: 'P-1', quantity: 25, family: 'F', note: 'Rework lot' },
      { partNumber: 'P-1', quantity: 25, family: 'F' },
    ]);
  });

  it('blocking needs a reason; block and unblock are logged once', async () => {
    await addCards('a', 1);
    const before = await dump(db);
    expect(await run({ type: 'card.block', cardId: card('a-c0'), reason: '  ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await dump(db)).toBe(before);
    expect(await run({ type: 'card.block', cardId: card('a-c0'), reason: 'Missing bearing' }, { who: 'Ana' })).toMatchObject({ ok: true });
    expect(await db.cards.get('a-c0')).toMatchObject({ blocked: true, blockedReason: 'Missing bearing' });
    expect(accepted(await run({ type: 'card.block', cardId: card('a-c0'), reason: 'Missing bearing' })).events).toEqual([]);
    accepted(await run({ type: 'card.unblock', cardId: card('a-c0') }, { who: 'Ana' }));
    expect(await db.cards.get('a-c0')).toMatchObject({ blocked: false });
    expect(await db.cards.get('a-c0')).not.toHaveProperty('blockedReason');
    expect(accepted(await run({ type: 'card.unblock', cardId: card('a-c0') })).events).toEqual([]);
    const logged = (await cardEvents('a-c0')).map((e) => [e.type, 'reason' in e ? e.reason : undefined]);
    expect(logged).toEqual([['create', undefined], ['block', 'Missing bearing'], ['unblock', undefined]]);
  });

  it('completes only at the last stage and not while blocked; a completed card leaves the board', async () => {
    await addCards('a', 1);
    const before = await dump(db);
    expect(await run({ type: 'card.complete', cardId: card('a-c0') })).toMatchObject({
      ok: false,
      code: 'invalid',
      error: 'Only cards in the last stage (Stage z) can be completed.',
    });
    expect(await dump(db)).toBe(before);
    await move('a-c0', 'z');
    accepted(await run({ type: 'card.block', cardId: card('a-c0'), reason: 'Label missing' }));
    expect(await run({ type: 'card.complete', cardId: card('a-c0') })).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/blocked \(Label missing\)/) });
    accepted(await run({ type: 'card.unblock', cardId: card('a-c0') }));
    expect(await run({ type: 'card.complete', cardId: card('a-c0') }, { at: 9000 })).toMatchObject({ ok: true });
    expect(await db.cards.get('a-c0')).toMatchObject({ retired: true, enteredStageAt: 9000, stageId: 'z' });
    expect(await db.events.orderBy('id').last()).toMatchObject({ type: 'complete', stageId: 'z', at: 9000 });
    expect(await move('a-c0', 'a')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await run({ type: 'card.complete', cardId: card('a-c0') })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('retiring a card logs the reason; a retired card cannot be edited, blocked or retired again', async () => {
    await addCards('a', 1);
    expect(await run({ type: 'card.retire', cardId: card('a-c0'), reason: ' Loop needs one card less ' })).toMatchObject({ ok: true });
    expect(await db.events.orderBy('id').last()).toMatchObject({ type: 'retire', stageId: 'a', reason: 'Loop needs one card less' });
    const before = await dump(db);
    for (const command of [
      { type: 'card.retire', cardId: card('a-c0') },
      { type: 'card.edit', cardId: card('a-c0'), fields: { quantity: 3 } },
      { type: 'card.block', cardId: card('a-c0'), reason: 'x' },
    ] as const) {
      expect(await run(command)).toMatchObject({ ok: false, code: 'not-found' });
    }
    expect(await dump(db)).toBe(before);
  });

  it('every write keeps the board index right: a card is in its stage while active and out of the index once it leaves the board', async () => {
    const onBoard = async (stageId: string) => (await db.cards.where('[streamId+boardStageId]').equals([STREAM, stageId]).primaryKeys()).sort();
    await addCards('a', 3);
    expect(await onBoard('a')).toEqual(['a-c0', 'a-c1', 'a-c2']);
    await move('a-c0', 'z', { at: 5000 });
    expect(await onBoard('a')).toEqual(['a-c1', 'a-c2']);
    expect(await onBoard('z')).toEqual(['a-c0']);
    accepted(await undo({ at: 5001 }));
    expect(await onBoard('z')).toEqual([]);
    expect(await onBoard('a')).toEqual(['a-c0', 'a-c1', 'a-c2']);
    accepted(await run({ type: 'card.edit', cardId: card('a-c1'), fields: { note: 'kept in place' } }));
    accepted(await run({ type: 'card.block', cardId: card('a-c1'), reason: 'andon' }));
    expect(await onBoard('a')).toEqual(['a-c0', 'a-c1', 'a-c2']);
    accepted(await run({ type: 'card.retire', cardId: card('a-c2') }));
    await move('a-c0', 'z', { at: 5002 });
    accepted(await run({ type: 'card.complete', cardId: card('a-c0') }));
    expect(await onBoard('a')).toEqual(['a-c1']);
    expect(await onBoard('z')).toEqual([]);
    expect(await db.cards.get('a-c0')).not.toHaveProperty('boardStageId');
    expect(await stageCount(db, STREAM, 'a')).toBe(1);
    expect(await stageCount(db, STREAM, 'z')).toBe(0);
  });
});

describe('commands, the log and retries', () => {
  it('a command retried with the same command id is applied once: nothing is written twice', async () => {
    await addCards('a', 1);
    const first = accepted(await move('a-c0', 'b', { at: 5000, commandId: 'drop-42' }));
    expect(first.duplicate).toBeUndefined();
    const before = await dump(db);
    const again = await move('a-c0', 'b', { at: 5001, commandId: 'drop-42' });
    expect(again).toEqual({ ok: true, value: { events: [], outcome: {}, duplicate: true } });
    expect(await dump(db)).toBe(before);
    expect(await db.events.where('commandId').equals('drop-42').count()).toBe(1);
  });

  it('the same create sent twice at once (a retry racing the original) puts one card on the board', async () => {
    const create = () => run({ type: 'card.create', streamId: STREAM, stageId: stage('a'), fields }, { commandId: 'create-once' });
    const results = await Promise.all([create(), create(), create()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.value.duplicate)).toHaveLength(2);
    expect(await stageCount(db, STREAM, 'a')).toBe(1);
    expect(await db.events.where('commandId').equals('create-once').count()).toBe(1);
  });

  it('a refused command writes nothing, so the same command id can be sent again once the rule allows it', async () => {
    await addCards('b', 2);
    await addCards('a', 1);
    const before = await dump(db);
    expect(await move('a-c0', 'b', { commandId: 'pull-7' })).toMatchObject({ ok: false, code: 'full' });
    expect(await dump(db)).toBe(before);
    accepted(await run({ type: 'card.retire', cardId: card('b-c0') }));
    const retried = accepted(await move('a-c0', 'b', { commandId: 'pull-7' }));
    expect(retried.duplicate).toBeUndefined();
    expect(retried.events[0]).toMatchObject({ type: 'move', commandId: 'pull-7' });
  });

  it('a command without a command id gets one of its own, and the events of a command share it', async () => {
    await addCards('a', 1);
    const { events } = accepted(await move('a-c0', 'b'));
    expect(typeof events[0]!.commandId).toBe('string');
    expect(events[0]!.commandId).not.toBe('');
    const ids = (await db.events.toArray()).map((e) => e.commandId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('an unknown command or a malformed one is refused without a write', async () => {
    const before = await dump(db);
    expect(await run({ type: 'card.teleport' } as never)).toMatchObject({ ok: false, code: 'invalid', error: 'Unknown command "card.teleport".' });
    expect(await run(null as never)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await dump(db)).toBe(before);
  });

  it('the log replayed from empty rebuilds every record the commands wrote', async () => {
    await addCards('a', 3);
    await addCards('soft', 1);
    await move('a-c0', 'b', { at: 5000 });
    await move('a-c1', 'soft', { at: 5001 }, 'Rush');
    await move('a-c0', 'z', { at: 5002 });
    accepted(await undo({ at: 5003 }));
    accepted(await run({ type: 'card.edit', cardId: card('a-c2'), fields: { quantity: 7, note: 'Split lot' } }, { at: 5004 }));
    accepted(await run({ type: 'card.block', cardId: card('a-c2'), reason: 'Gauge broken' }, { at: 5005 }));
    accepted(await run({ type: 'card.retire', cardId: card('soft-c0'), reason: 'fewer cards' }, { at: 5006 }));
    await move('a-c0', 'z', { at: 5007 });
    accepted(await run({ type: 'card.complete', cardId: card('a-c0') }, { at: 5008 }));
    accepted(await run({ type: 'stage.rename', stageId: stage('b'), name: 'Buffer' }, { at: 5009 }));
    accepted(await run({ type: 'stage.override-limit', stageId: stage('b'), limit: 3, reason: 'Extra rack' }, { at: 5010 }));
    const log = await db.events.orderBy('id').toArray();
    const replayed = replayLog(log, emptySnapshot());
    expect(recordsOf(replayed)).toEqual(recordsOf(await snapshotOf(db)));
  });
});
