// Backup import: bad files are refused with a message and change nothing; good ones replace the data, old ones are migrated.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { exportBackup, importBackupText, MAX_BACKUP_BYTES, safeParse } from '../../../src/db/backup.ts';
import { seedDemoIfEmpty, shiftDemoTimes } from '../../../src/db/seed.ts';

const demoText = readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8');
let db: TaktDb;

beforeEach(async () => {
  db = new TaktDb(`backup-${Math.random()}`);
  await seedDemoIfEmpty(db, async () => demoText, Date.UTC(2026, 10, 26));
});

async function snapshot() {
  const backup = await exportBackup(db, 0);
  return JSON.stringify(backup.tables);
}

describe('backup import', () => {
  it('the demo line is seeded once, with its stages, cards and work elements', async () => {
    expect(await db.streams.count()).toBe(1);
    expect(await db.stages.count()).toBe(8);
    expect(await db.workElements.count()).toBe(11);
    expect(await seedDemoIfEmpty(db, async () => demoText, 0)).toBe(false);
    expect(await db.streams.count()).toBe(1);
  });

  it('seeding moves the demo in time so that its history ends now', () => {
    const now = Date.UTC(2026, 10, 26);
    const shifted = shiftDemoTimes(safeParse(demoText) as never, now);
    const latest = Math.max(...shifted.tables.events.map((e) => e.at as number));
    expect(latest).toBeLessThanOrEqual(now);
    expect(now - latest).toBeLessThan(6 * 3_600_000);
  });

  const refusals: [string, string, RegExp][] = [
    ['not JSON', '{"app": "taktboard", ', /not valid JSON/],
    ['another app', '{"app": "other", "version": 1, "tables": {}}', /not a Taktboard backup/],
    ['a newer schema', '{"app": "taktboard", "version": 99, "tables": {}}', /newer Taktboard/],
    ['an unknown table', '{"app": "taktboard", "version": 2, "tables": {"users": []}}', /unknown table "users"/],
    ['a record missing a field', '{"app": "taktboard", "version": 2, "tables": {"stages": [{"id": "x", "streamId": "s", "order": 0, "cardLimit": 3}]}}', /"stages" \(id "x"\): field "name" should be a string/],
    ['a non-finite number', '{"app": "taktboard", "version": 2, "tables": {"parts": [{"id": "p", "streamId": "s", "partNumber": "A", "demandPerDay": 1e999, "containerQuantity": 1}]}}', /not a finite number/],
  ];
  for (const [what, text, message] of refusals) {
    it(`a file with ${what} is refused with a message and changes nothing`, async () => {
      const before = await snapshot();
      const result = await importBackupText(db, text);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(message);
      expect(await snapshot()).toBe(before);
    });
  }

  it('a file over the size cap is refused before it is parsed', async () => {
    const result = await importBackupText(db, '{}', MAX_BACKUP_BYTES + 1);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/limited to 20 MB/) });
  });

  it('__proto__ keys in a file cannot reach any prototype', () => {
    const parsed = safeParse('{"app":"taktboard","__proto__":{"polluted":true},"tables":{"constructor":{"x":1}}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed.tables as object)).toEqual([]);
  });

  it('an export imports back to the same data', async () => {
    const backup = await exportBackup(db, 123);
    await db.cards.clear();
    const result = await importBackupText(db, JSON.stringify(backup));
    expect(result.ok).toBe(true);
    expect(JSON.stringify((await exportBackup(db, 123)).tables)).toBe(JSON.stringify(backup.tables));
  });

  it('a version-1 backup is migrated on import (cards get their swimlane family)', async () => {
    const v1 = {
      app: 'taktboard',
      version: 1,
      exportedAt: 0,
      tables: {
        streams: [{ id: 's', name: 'Old line', calendar: { shifts: [], workingDaysPerWeek: 5 } }],
        parts: [{ id: 'p', streamId: 's', partNumber: 'A', name: 'A', family: 'Housings', demandPerDay: 10, containerQuantity: 5 }],
        stages: [{ id: 'x', streamId: 's', name: 'Old stage', order: 0, cardLimit: 4 }],
        cards: [{ id: 'c', streamId: 's', stageId: 'x', partNumber: 'A', quantity: 5 }],
      },
    };
    const result = await importBackupText(db, JSON.stringify(v1));
    expect(result.ok).toBe(true);
    expect(await db.cards.get('c')).toMatchObject({ family: 'Housings', blocked: false, retired: false });
    expect(await db.stages.get('x')).toMatchObject({ policy: 'hard' });
  });
});
