// The schema's upgrade path: a version-1 database opened by today's app keeps its data and gains the new indexes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { LATEST_VERSION, migrate, schemaVersions } from '../../../src/db/migrations.ts';
import { readBackup } from '../../../src/db/backup.ts';
import { applyCommand } from '../../../src/db/apply.ts';
import { asId } from '../../../src/engine/ids.ts';

const calendar = { shifts: [], workingDaysPerWeek: 5 };

describe('schema migrations', () => {
  it('opens a version-1 database at the latest version with its data and the new indexes', async () => {
    const name = `migration-${Math.random()}`;
    const v1 = new TaktDb(name, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.streams.add({ id: 's1', name: 'Line 1', calendar, createdAt: 1 });
    await v1.table('parts').add({ id: 'p1', streamId: 's1', partNumber: 'A-1', name: 'A', family: 'Brackets', demandPerDay: 100, containerQuantity: 10 });
    // Version 1 cards had no swimlane family.
    await v1.table('cards').bulkAdd([
      { id: 'c1', streamId: 's1', stageId: 'st1', partNumber: 'A-1', quantity: 10 },
      { id: 'c2', streamId: 's1', stageId: 'st2', partNumber: 'Z-9', quantity: 5 },
    ]);
    await v1.table('events').bulkAdd([
      { streamId: 's1', cardId: 'c1', type: 'create', at: 100, who: 'a' },
      { streamId: 's2', cardId: 'x', type: 'create', at: 50, who: 'b' },
      { streamId: 's1', cardId: 'c2', type: 'create', at: 200, who: 'a' },
    ]);
    v1.close();

    const latest = new TaktDb(name);
    await latest.open();
    expect(latest.verno).toBe(LATEST_VERSION);
    expect(await latest.streams.get('s1')).toMatchObject({ name: 'Line 1' });
    expect(await latest.cards.get('c1')).toMatchObject({ family: 'Brackets', quantity: 10 });
    expect(await latest.cards.get('c2')).toMatchObject({ family: 'General' });
    // The new compound indexes answer queries.
    const inStage = await latest.cards.where('[streamId+stageId]').equals(['s1', 'st2']).toArray();
    expect(inStage.map((c) => c.id)).toEqual(['c2']);
    const streamEvents = await latest.events.where('[streamId+at]').between(['s1', 0], ['s1', Infinity]).toArray();
    expect(streamEvents.map((e) => e.at)).toEqual([100, 200]);
    expect(await latest.cards.where('family').equals('Brackets').count()).toBe(1);
    // Version-1 cards had no retired flag: they are on the board.
    expect(await latest.cards.where('[streamId+boardStageId]').equals(['s1', 'st2']).primaryKeys()).toEqual(['c2']);
    latest.close();
  });

  it('opens a version-2 database at version 3: active cards get their board place and the sparse index counts only them', async () => {
    const name = `migration-${Math.random()}`;
    const v2 = new TaktDb(name, 2);
    await v2.open();
    expect(v2.verno).toBe(2);
    await v2.table('cards').bulkAdd([
      { id: 'c1', streamId: 's1', stageId: 'st1', partNumber: 'A-1', quantity: 10, family: 'F', retired: false },
      { id: 'c2', streamId: 's1', stageId: 'st1', partNumber: 'A-1', quantity: 10, family: 'F', retired: true },
      { id: 'c3', streamId: 's1', stageId: 'st2', partNumber: 'A-1', quantity: 10, family: 'F', retired: false },
      { id: 'c4', streamId: 's2', stageId: 'st1', partNumber: 'A-1', quantity: 10, family: 'F', retired: false },
    ]);
    v2.close();

    const v3 = new TaktDb(name, 3);
    await v3.open();
    expect(v3.verno).toBe(3);
    expect(await v3.cards.get('c1')).toMatchObject({ boardStageId: 'st1', stageId: 'st1' });
    expect(await v3.cards.get('c2')).not.toHaveProperty('boardStageId');
    expect(await v3.cards.get('c2')).toMatchObject({ stageId: 'st1', retired: true });
    expect(await v3.cards.where('[streamId+boardStageId]').equals(['s1', 'st1']).primaryKeys()).toEqual(['c1']);
    expect(await v3.cards.where('[streamId+boardStageId]').equals(['s1', 'st2']).count()).toBe(1);
    const onBoard = await v3.cards.where('[streamId+boardStageId]').between(['s1', ''], ['s1', '\uffff']).primaryKeys();
    expect(onBoard.sort()).toEqual(['c1', 'c3']);
    v3.close();
  });

  it('opens a version-3 database at version 4: every old event gets a command id of its own, and the new index finds it', async () => {
    const name = `migration-${Math.random()}`;
    const v3 = new TaktDb(name, 3);
    await v3.open();
    expect(v3.verno).toBe(3);
    await v3.streams.add({ id: 's1', name: 'Line 1', calendar, createdAt: 1 });
    await v3.table('stages').bulkAdd([
      { id: 'st1', streamId: 's1', name: 'Cut', order: 0, cardLimit: 5, policy: 'hard' },
      { id: 'st2', streamId: 's1', name: 'Weld', order: 1, cardLimit: 5, policy: 'hard' },
    ]);
    await v3.table('cards').bulkAdd([
      { id: 'c1', streamId: 's1', stageId: 'st2', boardStageId: 'st2', partNumber: 'A-1', quantity: 10, family: 'F', blocked: false, retired: false, enteredStageAt: 300, createdAt: 100 },
      { id: 'c2', streamId: 's1', stageId: 'st1', partNumber: 'A-1', quantity: 10, family: 'F', blocked: false, retired: true, enteredStageAt: 150, createdAt: 150 },
    ]);
    // Version-3 events had no command id (and old creates no card); one already carrying an id keeps it.
    await v3.table('events').bulkAdd([
      { streamId: 's1', cardId: 'c1', stageId: 'st1', type: 'create', at: 100, who: 'a', to: 'st1' },
      { streamId: 's1', cardId: 'c2', stageId: 'st1', type: 'create', at: 150, who: 'a', to: 'st1' },
      { streamId: 's1', cardId: 'c1', type: 'move', at: 300, who: 'b', from: 'st1', to: 'st2' },
      { streamId: 's1', cardId: 'c2', stageId: 'st1', type: 'retire', at: 400, who: 'b', commandId: 'kept-id' },
    ]);
    v3.close();

    const v4 = new TaktDb(name, 4);
    await v4.open();
    expect(v4.verno).toBe(4);
    const events = await v4.events.orderBy('id').toArray();
    expect(events.map((e) => [e.id, e.type, e.commandId])).toEqual([
      [1, 'create', 'legacy-1'],
      [2, 'create', 'legacy-2'],
      [3, 'move', 'legacy-3'],
      [4, 'retire', 'kept-id'],
    ]);
    // Nothing else changed: the events keep their fields, the other tables their records and indexes.
    expect(events[2]).toEqual({ id: 3, streamId: 's1', cardId: 'c1', type: 'move', at: 300, who: 'b', from: 'st1', to: 'st2', commandId: 'legacy-3' });
    expect(await v4.streams.get('s1')).toEqual({ id: 's1', name: 'Line 1', calendar, createdAt: 1 });
    expect(await v4.cards.get('c1')).toMatchObject({ stageId: 'st2', boardStageId: 'st2', enteredStageAt: 300 });
    expect(await v4.cards.where('[streamId+boardStageId]').equals(['s1', 'st2']).primaryKeys()).toEqual(['c1']);
    expect(await v4.cards.get('c2')).not.toHaveProperty('boardStageId');
    expect((await v4.events.where('[streamId+at]').between(['s1', 0], ['s1', Infinity]).toArray()).map((e) => e.id)).toEqual([1, 2, 3, 4]);
    // The new index answers by command id.
    expect((await v4.events.where('commandId').equals('legacy-3').toArray()).map((e) => e.id)).toEqual([3]);
    expect(await v4.events.where('commandId').equals('kept-id').count()).toBe(1);
    expect(await v4.events.where('commandId').startsWith('legacy-').count()).toBe(3);

    // The store uses it: a command id already in the log is not applied again, and a new command still works.
    const move = { type: 'card.move', cardId: asId('card', 'c1'), toStageId: asId('stage', 'st1') } as const;
    expect(await applyCommand(v4, move, { who: 'x', commandId: 'legacy-3' })).toEqual({ ok: true, value: { events: [], outcome: {}, duplicate: true } });
    expect(await v4.events.count()).toBe(4);
    // The old move has no time-in-stage to give back, so undo stamps the card with the time of the undo.
    const undone = await applyCommand(v4, { type: 'card.undo-move', streamId: asId('stream', 's1') }, { who: 'x', commandId: 'undo-1', at: 500 });
    expect(undone).toMatchObject({ ok: true, value: { events: [{ type: 'undo', undoes: 3, from: 'st2', to: 'st1', enteredStageAt: 500 }] } });
    expect(await v4.cards.get('c1')).toMatchObject({ stageId: 'st1', boardStageId: 'st1', enteredStageAt: 500 });
    expect(await v4.events.where('commandId').equals('undo-1').count()).toBe(1);
    v4.close();
  });

  it('a version-3 backup imports with a command id on every event', () => {
    const events = [
      { id: 7, streamId: 's1', cardId: 'c1', type: 'create', at: 1, who: 'a' },
      { streamId: 's1', cardId: 'c1', type: 'move', at: 2, who: 'a', from: 'st1', to: 'st2' },
      { id: 9, streamId: 's1', cardId: 'c1', type: 'block', at: 3, who: 'a', commandId: 'cmd-1' },
    ];
    const read = readBackup({ app: 'taktboard', version: 3, tables: { events } });
    expect(read.ok && read.tables.events.map((e) => e.commandId)).toEqual(['legacy-7', 'legacy-2', 'cmd-1']);
    const copy = structuredClone(events);
    migrate({ events }, 3);
    expect(events).toEqual(copy);
    // A version-4 file is taken as it is.
    const v4 = readBackup({ app: 'taktboard', version: 4, tables: { events: [{ id: 1, streamId: 's1', type: 'create', at: 1, who: 'a', commandId: 'c' }] } });
    expect(v4.ok && v4.tables.events[0]).toMatchObject({ commandId: 'c' });
  });

  it('a version-2 backup imports with board places, and a later file cannot put a retired card on the board', () => {
    const cards = [
      { id: 'c1', streamId: 's1', stageId: 'st1', partNumber: 'A-1', quantity: 10 },
      { id: 'c2', streamId: 's1', stageId: 'st1', partNumber: 'A-1', quantity: 10, retired: true },
    ];
    const v2 = readBackup({ app: 'taktboard', version: 2, tables: { cards } });
    const v3 = readBackup({ app: 'taktboard', version: 3, tables: { cards: cards.map((card) => ({ ...card, boardStageId: 'st9' })) } });
    for (const read of [v2, v3]) {
      expect(read.ok && read.tables.cards).toEqual([
        expect.objectContaining({ id: 'c1', retired: false, boardStageId: 'st1' }),
        expect.not.objectContaining({ boardStageId: expect.anything() }),
      ]);
    }
  });

  // Version 6: one demand per part. The loop that read 600 while takt stayed at 920 becomes a share of its part.
  const v5Tables = () => ({
    streams: [{ id: 's1', name: 'Line 1', calendar, createdAt: 1 }],
    parts: [
      { id: 'p1', streamId: 's1', partNumber: 'A-1', name: 'A', family: 'F', demandPerDay: 400, containerQuantity: 10 },
      { id: 'p2', streamId: 's1', partNumber: 'B-1', name: 'B', family: 'F', demandPerDay: 0, containerQuantity: 10 },
    ],
    loops: [
      // share = 100 ÷ 400; a loop above its part's demand is clamped to the whole of it.
      { id: 'l1', streamId: 's1', name: 'A quarter', kind: 'production', partNumber: 'A-1', demandPerDay: 100, processingDays: 1, waitingDays: 0, transportDays: 0, safetyFactor: 0, containerQuantity: 10 },
      { id: 'l2', streamId: 's1', name: 'A all', kind: 'withdrawal', partNumber: 'A-1', demandPerDay: 600, processingDays: 1, waitingDays: 0, transportDays: 0, safetyFactor: 0, containerQuantity: 10 },
      // B-1 has no demand and one loop: the part takes the loop's demand.
      { id: 'l3', streamId: 's1', name: 'B loop', kind: 'production', partNumber: 'B-1', demandPerDay: 70, processingDays: 1, waitingDays: 0, transportDays: 0, safetyFactor: 0, containerQuantity: 10 },
      // C-1 is not a part: it becomes one, with the loop's demand.
      { id: 'l4', streamId: 's1', name: 'C loop', kind: 'production', partNumber: 'C-1', demandPerDay: 30, processingDays: 1, waitingDays: 0, transportDays: 0, safetyFactor: 0, containerQuantity: 5 },
    ],
  });

  it('opens a version-5 database at version 6: each loop keeps the share of its part\'s demand instead of a demand of its own', async () => {
    const name = `migration-${Math.random()}`;
    const v5 = new TaktDb(name, 5);
    await v5.open();
    const t = v5Tables();
    await v5.streams.bulkAdd(t.streams);
    await v5.table('parts').bulkAdd(t.parts);
    await v5.table('loops').bulkAdd(t.loops);
    v5.close();
    const v6 = new TaktDb(name, 6);
    await v6.open();
    const loops = await v6.loops.orderBy('id').toArray();
    expect(loops.map((l) => [l.id, l.demandShare])).toEqual([['l1', 0.25], ['l2', 1], ['l3', 1], ['l4', 1]]);
    expect(loops.every((l) => !('demandPerDay' in l))).toBe(true);
    expect(await v6.parts.get('p1')).toMatchObject({ demandPerDay: 400 });
    expect(await v6.parts.get('p2')).toMatchObject({ demandPerDay: 70 });
    expect(await v6.parts.where('partNumber').equals('C-1').first()).toMatchObject({ streamId: 's1', demandPerDay: 30, containerQuantity: 5 });
    v6.close();
  });

  it('a version-5 backup imports with the same mapping, and a version-6 loop without a share is refused', () => {
    const read = readBackup({ app: 'taktboard', version: 5, tables: v5Tables() });
    if (!read.ok) throw new Error(read.error);
    expect(read.tables.loops!.map((l) => l.demandShare)).toEqual([0.25, 1, 1, 1]);
    expect(read.tables.parts!.map((p) => [p.partNumber, p.demandPerDay])).toEqual([['A-1', 400], ['B-1', 70], ['C-1', 30]]);
    const v6 = readBackup({ app: 'taktboard', version: 6, tables: v5Tables() });
    expect(v6.ok ? '' : v6.error).toBe('Record 1 of table "loops" (id "l1"): field "demandShare" should be a number, found undefined.');
  });

  it('migrate() is pure: the input tables are left as they were', () => {
    const tables = { parts: [], cards: [{ id: 'c', streamId: 's', partNumber: 'p' }] };
    const copy = structuredClone(tables);
    const out = migrate(tables, 1);
    expect(tables).toEqual(copy);
    expect(out.cards[0]).toMatchObject({ family: 'General' });
    expect(migrate({ cards: [{ id: 'c', stageId: 'st', retired: false }, { id: 'd', stageId: 'st', retired: true, boardStageId: 'st' }] }, 2).cards).toEqual([
      { id: 'c', stageId: 'st', retired: false, boardStageId: 'st' },
      { id: 'd', stageId: 'st', retired: true },
    ]);
  });

  it('migrate() from the latest version changes nothing', () => {
    const tables = { cards: [{ id: 'c', family: 'X' }] };
    expect(migrate(tables, LATEST_VERSION)).toBe(tables);
    expect(schemaVersions.map((v) => v.version)).toEqual([...schemaVersions.keys()].map((i) => i + 1));
  });
});
