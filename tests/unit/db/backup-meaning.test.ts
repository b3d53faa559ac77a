// Backup import checks meaning, not just shape (issue 20): every state the app itself would never make is refused with
// the record and field named, the database left exactly as it was; an import keeps what it replaced for one-click undo.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { exportBackup, importBackupText, preImportSavedAt, previewBackupText, undoLastImport, type Backup } from '../../../src/db/backup.ts';
import { seedDemoIfEmpty, shiftDemoTimes } from '../../../src/db/seed.ts';
import { safeParse } from '../../../src/db/backup.ts';
import { flowMetrics } from '../../../src/engine/flow/index.ts';
import { streamPace } from '../../../src/engine/api/flow-api.ts';
import type { BoardEvent } from '../../../src/engine/events.ts';

const demoText = readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8');
const NOW = Date.UTC(2026, 10, 26);
const demo = () => shiftDemoTimes(safeParse(demoText) as Backup, NOW);
let db: TaktDb;

beforeEach(async () => {
  db = new TaktDb(`meaning-${Math.random()}`);
  await seedDemoIfEmpty(db, async () => demoText, NOW);
});

const dump = async () => JSON.stringify((await exportBackup(db, 0)).tables);

async function refused(edit: (b: Backup) => void, message: RegExp) {
  const before = await dump();
  const backup = demo();
  edit(backup);
  const result = await importBackupText(db, JSON.stringify(backup));
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatch(message);
  expect(await dump()).toBe(before);
}

const t = (b: Backup, name: string) => b.tables[name] as Record<string, unknown>[];

describe('backup import refuses states the app never makes, and changes nothing', () => {
  it('duplicate card, stage or event ids (a BulkError used to escape and the view waited forever)', async () => {
    await refused((b) => t(b, 'cards').push({ ...t(b, 'cards')[0] }), /table "cards".*used twice/);
    await refused((b) => t(b, 'stages').push({ ...t(b, 'stages')[1] }), /table "stages".*used twice/);
    await refused((b) => t(b, 'events').push({ ...t(b, 'events')[3] }), /table "events".*used twice/);
  });

  it('a known field of the wrong type, checked by the record kind\'s schema (a part family that was a list got through)', async () => {
    await refused((b) => (t(b, 'parts')[2].family = []), /Record 3 of table "parts" \(id "[^"]+"\)?.*field "family" should be a string, found a list/);
    await refused((b) => (t(b, 'cards')[0].note = 42), /table "cards".*field "note" should be a string, found number/);
    await refused((b) => (t(b, 'cards')[0].blocked = 'no'), /table "cards".*field "blocked" should be true or false, found a string/);
    await refused((b) => (t(b, 'loops')[0].kind = 'push'), /table "loops".*field "kind" should be one of/);
    await refused((b) => (t(b, 'parts')[0].demandHistory = [1, 'x']), /table "parts".*field "demandHistory\.1" should be a number/);
    await refused((b) => delete t(b, 'loops')[0].safetyFactor, /table "loops".*field "safetyFactor" should be a number, found undefined/);
    await refused((b) => (t(b, 'events')[0].type = ''), /table "events".*field "type" should be a non-empty string/);
    await refused((b) => (t(b, 'workElements')[0].stationId = 7), /table "workElements".*field "stationId"/);
  });

  it('a card on a stage or stream that does not exist', async () => {
    await refused((b) => (t(b, 'cards')[0].stageId = 'nowhere'), /field "stageId": no stage "nowhere"/);
    await refused((b) => (t(b, 'cards')[0].streamId = 'ghost'), /field "streamId": no value stream "ghost"/);
  });

  it('negative quantities, negative or fractional card limits, a policy that is neither hard nor soft', async () => {
    await refused((b) => (t(b, 'cards')[0].quantity = -5), /field "quantity"/);
    await refused((b) => (t(b, 'stages')[0].cardLimit = -1), /field "cardLimit"/);
    await refused((b) => (t(b, 'stages')[0].cardLimit = 2.5), /field "cardLimit"/);
    await refused((b) => (t(b, 'stages')[0].policy = 'maybe'), /field "policy".*"hard" or "soft"/);
  });

  it('a loop whose share of its part\'s demand is not above 0 and at most 1, or whose part is not in its stream', async () => {
    await refused((b) => (t(b, 'loops')[0].demandShare = 0), /table "loops".*field "demandShare": a loop's share of its part's demand must be above 0 and at most 1/);
    await refused((b) => (t(b, 'loops')[0].demandShare = 1.5), /field "demandShare"/);
    await refused((b) => (t(b, 'loops')[0].partNumber = 'XX-999'), /field "partNumber": no part "XX-999" in its value stream/);
  });

  it('a hard stage holding more cards than its limit (the 100,000-card file showed "12500 / 6")', async () => {
    await refused((b) => {
      const stage = t(b, 'stages').find((s) => s.policy === 'hard')!;
      stage.cardLimit = 0;
      if (!t(b, 'cards').some((c) => c.stageId === stage.id && !c.retired)) t(b, 'cards')[0].stageId = stage.id;
    }, /holds \d+ cards but its hard limit is 0/);
  });

  it('an event log that contradicts the cards\' stages', async () => {
    await refused((b) => {
      const moved = [...t(b, 'events')].reverse().find((e) => e.type === 'move')!;
      const card = t(b, 'cards').find((c) => c.id === moved.cardId && !c.retired)!;
      const other = t(b, 'stages').find((s) => s.id !== card.stageId && s.policy === 'soft') ?? t(b, 'stages').find((s) => s.id !== card.stageId)!;
      other.cardLimit = 999;
      card.stageId = other.id;
    }, /event log last put this card/);
  });

  it('a calendar whose shifts is not a list (the value stream view crashed), element predecessors that are a string, an event with a huge time', async () => {
    await refused((b) => ((t(b, 'streams')[0].calendar as Record<string, unknown>).shifts = 'all day'), /field "calendar".*"shifts" that is not a list/);
    await refused((b) => (t(b, 'workElements')[1].predecessors = 'first'), /field "predecessors"/);
    await refused((b) => (t(b, 'events')[0].at = 8.64e15 * 10), /field "at": not a time/);
  });

  it('a file with empty tables (it wiped every stream with one click)', async () => {
    await refused((b) => {
      for (const name of Object.keys(b.tables)) b.tables[name] = [];
    }, /no value stream/);
  });
});

describe('an import says what it replaces and keeps it', () => {
  it('the preview counts what is here and what comes, and writes nothing', async () => {
    const before = await dump();
    const backup = demo();
    t(backup, 'cards').splice(0, 3);
    const preview = await previewBackupText(db, JSON.stringify(backup));
    expect(preview.ok).toBe(true);
    if (preview.ok) {
      expect(preview.current.cards - preview.incoming.cards).toBe(3);
      expect(preview.current.streams).toBe(1);
    }
    expect(await dump()).toBe(before);
  });

  it('one click brings back what an import replaced', async () => {
    const before = await dump();
    expect(await preImportSavedAt(db)).toBeNull();
    const backup = demo();
    t(backup, 'streams')[0].name = 'Imported line';
    expect((await importBackupText(db, JSON.stringify(backup))).ok).toBe(true);
    expect((await db.streams.toArray())[0].name).toBe('Imported line');
    expect(await preImportSavedAt(db)).not.toBeNull();
    expect((await undoLastImport(db)).ok).toBe(true);
    expect(await dump()).toBe(before);
  });
});

describe('fuzz: one mutated field or record at a time', () => {
  const VALUES = [null, -1, 0, 0.5, 1e308, -1e308, '', 'x', '=HYPERLINK("http://x")', true, [], {}, [1, 'a'], 9e15];
  it('either imports cleanly (and the engine reads it without throwing) or is refused with the database unchanged', async () => {
    const base = demo();
    const tables = Object.keys(base.tables).filter((n) => (base.tables[n] as unknown[]).length > 0 && n !== 'settings');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tables),
        fc.nat(),
        fc.nat(),
        fc.oneof(fc.constantFrom(...VALUES).map((v) => ({ kind: 'set' as const, v })), fc.constant({ kind: 'delete-field' as const }), fc.constant({ kind: 'drop-record' as const }), fc.constant({ kind: 'copy-record' as const })),
        async (table, r, f, change) => {
          const backup = structuredClone(base);
          const records = t(backup, table);
          const record = records[r % records.length];
          const fields = Object.keys(record);
          const field = fields[f % fields.length];
          if (change.kind === 'set') record[field] = change.v;
          else if (change.kind === 'delete-field') delete record[field];
          else if (change.kind === 'drop-record') records.splice(r % records.length, 1);
          else records.push(structuredClone(record));
          const before = await dump();
          const result = await importBackupText(db, JSON.stringify(backup));
          if (!result.ok) {
            expect(result.error.length).toBeGreaterThan(10);
            expect(await dump()).toBe(before);
            return;
          }
          // Accepted: what the views compute from it must not throw.
          const stream = (await db.streams.toArray())[0];
          const stages = await db.stages.where('streamId').equals(stream.id).sortBy('order');
          const events = (await db.events.where('streamId').equals(stream.id).sortBy('id')) as BoardEvent[];
          const parts = await db.parts.where('streamId').equals(stream.id).toArray();
          expect(() => flowMetrics(events, { stageIds: stages.map((s) => s.id), now: NOW })).not.toThrow();
          expect(() => streamPace(stream.calendar, parts)).not.toThrow();
          // Back to the demo for the next run.
          expect((await importBackupText(db, JSON.stringify(base))).ok).toBe(true);
        },
      ),
      { seed: 20261202, numRuns: 120 },
    );
  }, 120_000);
});
