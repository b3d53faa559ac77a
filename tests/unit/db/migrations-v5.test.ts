// Schema version 5: a version-4 database opened by today's app keeps its data and gains an empty outbox (the commands of
// a screen joined to a sync server), ordered by when they were made and unique per command id; backups leave it out.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { LATEST_VERSION, TABLES } from '../../../src/db/migrations.ts';
import { exportBackup } from '../../../src/db/backup.ts';
import { asId } from '../../../src/engine/ids.ts';

const calendar = { shifts: [], workingDaysPerWeek: 5 };

describe('schema version 5', () => {
  it('opens a version-4 database with its data and an empty outbox', async () => {
    const name = `migration-v5-${Math.random()}`;
    const v4 = new TaktDb(name, 4);
    await v4.open();
    expect(v4.verno).toBe(4);
    expect(v4.tables.map((t) => t.name)).not.toContain('outbox');
    await v4.streams.add({ id: 's1', name: 'Line 1', calendar, createdAt: 1 });
    await v4.table('cards').add({ id: 'c1', streamId: 's1', stageId: 'st1', boardStageId: 'st1', partNumber: 'A-1', quantity: 10, family: 'F', retired: false });
    await v4.table('events').bulkAdd([
      { streamId: 's1', cardId: 'c1', type: 'create', at: 100, who: 'a', commandId: 'k1' },
      { streamId: 's1', cardId: 'c1', type: 'move', at: 200, who: 'a', commandId: 'k2', from: 'st1', to: 'st2' },
    ]);
    await v4.settings.put({ key: 'operator', value: 'Ana' });
    v4.close();

    const latest = new TaktDb(name);
    await latest.open();
    expect(latest.verno).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(5);
    expect(await latest.outbox.count()).toBe(0);
    expect(await latest.streams.get('s1')).toMatchObject({ name: 'Line 1' });
    expect(await latest.cards.where('[streamId+boardStageId]').equals(['s1', 'st1']).primaryKeys()).toEqual(['c1']);
    expect((await latest.events.where('commandId').equals('k2').toArray()).map((e) => e.type)).toEqual(['move']);
    expect(await latest.settings.get('operator')).toEqual({ key: 'operator', value: 'Ana' });

    // The outbox keeps commands in the order they were made, one entry per command id.
    const entry = (commandId: string) => ({
      commandId,
      command: { type: 'card.move' as const, cardId: asId('card', 'c1'), toStageId: asId('stage', 'st2') },
      who: 'Ana',
      at: 300,
      base: 2,
      undo: [],
      events: [],
      cards: ['c1'],
    });
    await latest.outbox.add(entry('x2'));
    await latest.outbox.add(entry('x1'));
    expect((await latest.outbox.orderBy('seq').toArray()).map((e) => e.commandId)).toEqual(['x2', 'x1']);
    await expect(latest.outbox.add(entry('x1'))).rejects.toThrow();
    expect(await latest.outbox.where('commandId').equals('x1').count()).toBe(1);

    // A backup carries the board, not the outbox.
    const backup = await exportBackup(latest, 0);
    expect(Object.keys(backup.tables).sort()).toEqual([...TABLES].sort());
    expect(backup.version).toBe(LATEST_VERSION);
    latest.close();
  });
});
