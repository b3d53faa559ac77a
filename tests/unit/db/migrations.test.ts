// The schema's upgrade path: a version-1 database opened by today's app keeps its data and gains the new indexes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { LATEST_VERSION, migrate, schemaVersions } from '../../../src/db/migrations.ts';
import { readBackup } from '../../../src/db/backup.ts';

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
