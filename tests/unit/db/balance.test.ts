// Line-balancing writes: moves keep order, a proposal rewrites stations in one go, bad imports change nothing, scenarios compare.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { seedDemoIfEmpty } from '../../../src/db/seed.ts';
import {
  applyBalance,
  currentBalance,
  deleteElement,
  moveElement,
  removeStation,
  replaceElements,
  saveElement,
  saveScenario,
} from '../../../src/db/balance.ts';
import { compareBalances, parseElementsCsv, parseInstanceFile, validateElements } from '../../../src/engine/api/balance-api.ts';
import type { WorkElement } from '../../../src/engine/model.ts';

const demoText = readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8');
const CELL = 'cell-final';
let db: TaktDb;

beforeEach(async () => {
  db = new TaktDb(`balance-${Math.random()}`);
  await seedDemoIfEmpty(db, async () => demoText, Date.UTC(2026, 10, 26));
});

const namesIn = async (stationId: string | null) =>
  (await db.workElements.where('cellId').equals(CELL).toArray())
    .filter((e) => e.stationId === stationId)
    .sort((a, b) => a.position - b.position)
    .map((e) => e.id);

const validate = async (elements: WorkElement[]) => {
  const r = validateElements(elements);
  return r.ok ? ({ ok: true } as const) : r;
};

describe('moveElement', () => {
  it('moves an element to another station at the given place and keeps the order of the others', async () => {
    expect(await namesIn('station-2')).toEqual(['we-2', 'we-3', 'we-5']);
    expect(await moveElement(db, 'we-3', 'station-3', 1)).toEqual({ ok: true });
    expect(await namesIn('station-2')).toEqual(['we-2', 'we-5']);
    expect(await namesIn('station-3')).toEqual(['we-4', 'we-3', 'we-6']);
    const positions = (await db.workElements.bulkGet(['we-4', 'we-3', 'we-6'])).map((e) => e!.position);
    expect(positions).toEqual([0, 1, 2]);
  });

  it('reorders within a station and appends when the index is past the end', async () => {
    await moveElement(db, 'we-2', 'station-2', 99);
    expect(await namesIn('station-2')).toEqual(['we-3', 'we-5', 'we-2']);
    await moveElement(db, 'we-2', null, 0);
    expect(await namesIn(null)).toEqual(['we-2']);
  });

  it('refuses a station of another cell and changes nothing', async () => {
    const result = await moveElement(db, 'we-1', 'nowhere', 0);
    expect(result.ok).toBe(false);
    expect(await namesIn('station-1')).toEqual(['we-1']);
  });
});

describe('applyBalance (accepting a proposal)', () => {
  it('rewrites stations and positions in one transaction: five stations, the sixth removed', async () => {
    const proposal = [['we-1', 'we-4'], ['we-2', 'we-3', 'we-5', 'we-6'], ['we-7', 'we-8'], ['we-9', 'we-10'], ['we-11']];
    expect(await applyBalance(db, CELL, proposal)).toEqual({ ok: true });
    const balance = await currentBalance(db, CELL);
    expect(balance.stations.map((s) => s.elementIds)).toEqual(proposal);
    expect(balance.stations.map((s) => s.id)).toEqual(['station-1', 'station-2', 'station-3', 'station-4', 'station-5']);
    expect(await db.stations.get('station-6')).toBeUndefined();
  });

  it('creates stations when the proposal needs more, and leaves unnamed elements unassigned', async () => {
    const proposal = Array.from({ length: 7 }, (_, k) => [`we-${k + 1}`]);
    await applyBalance(db, CELL, proposal);
    const balance = await currentBalance(db, CELL);
    expect(balance.stations).toHaveLength(7);
    expect(balance.stations[6]!.name).toBe('Operator 7');
    expect(await namesIn(null)).toEqual(['we-8', 'we-9', 'we-10', 'we-11']);
  });

  it('refuses a proposal with an unknown or duplicated element and changes nothing', async () => {
    const before = await currentBalance(db, CELL);
    expect((await applyBalance(db, CELL, [['we-1', 'ghost']])).ok).toBe(false);
    expect((await applyBalance(db, CELL, [['we-1'], ['we-1']])).ok).toBe(false);
    expect(await currentBalance(db, CELL)).toEqual(before);
  });
});

describe('editing work elements', () => {
  it('adds an element unassigned at the end and edits it', async () => {
    const added = await saveElement(db, CELL, null, { name: 'Grease shaft', time: 8, predecessors: ['we-4'] }, validate);
    expect(added.ok).toBe(true);
    expect(await namesIn(null)).toEqual([added.id]);
    await saveElement(db, CELL, added.id!, { name: 'Grease shaft', time: 9, predecessors: [] }, validate);
    expect((await db.workElements.get(added.id!))!.time).toBe(9);
  });

  it('refuses a precedence cycle, naming the elements on it, and changes nothing', async () => {
    const result = await saveElement(db, CELL, 'we-1', { name: 'Load column tube into fixture', time: 36, predecessors: ['we-11'] }, validate);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/cycle: .*"Load column tube into fixture".*"Final check and label"/);
    expect((await db.workElements.get('we-1'))!.predecessors).toEqual([]);
  });

  it('deletes an element, closes up its station and drops it from predecessor lists', async () => {
    await deleteElement(db, 'we-2');
    expect(await namesIn('station-2')).toEqual(['we-3', 'we-5']);
    expect((await db.workElements.get('we-6'))!.predecessors).toEqual([]);
  });

  it('removing a station sends its elements to the unassigned list', async () => {
    await removeStation(db, 'station-2');
    expect(await namesIn(null)).toEqual(['we-2', 'we-3', 'we-5']);
  });
});

describe('import', () => {
  it('a malformed file is refused by the parser and changes nothing', async () => {
    const before = await currentBalance(db, CELL);
    const bad = parseInstanceFile('broken.IN2', '3\n10\n20\nfoo\n');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/Line 4/);
    const cyclic = parseElementsCsv('name,time,predecessors\nA,5,B\nB,6,A\n');
    expect(!cyclic.ok && cyclic.error).toMatch(/cycle: "A" → "B"|cycle: "B" → "A"/);
    // The db layer refuses elements with unknown predecessors or bad times without touching the table.
    expect((await replaceElements(db, CELL, [{ name: 'A', time: 5, predecessors: ['Z'] }])).ok).toBe(false);
    expect((await replaceElements(db, CELL, [{ name: 'A', time: -1, predecessors: [] }])).ok).toBe(false);
    expect((await replaceElements(db, CELL, [])).ok).toBe(false);
    expect(await currentBalance(db, CELL)).toEqual(before);
  });

  it('a CSV file replaces the elements, unassigned, with predecessors by name', async () => {
    const parsed = parseElementsCsv('name,time,predecessors\n"Fit, press",5,\nCheck,6,"Fit, press"\n');
    expect(parsed.ok).toBe(true);
    await replaceElements(db, CELL, parsed.ok ? parsed.value : []);
    const elements = await db.workElements.where('cellId').equals(CELL).sortBy('position');
    expect(elements.map((e) => [e.name, e.time, e.stationId])).toEqual([['Fit, press', 5, null], ['Check', 6, null]]);
    expect(elements[1]!.predecessors).toEqual([elements[0]!.id]);
  });
});

describe('scenarios', () => {
  it('saves the balance as "before" and "after" and compares them with the moves made', async () => {
    expect((await saveScenario(db, CELL, 'before', 60, 1)).ok).toBe(true);
    await moveElement(db, 'we-5', 'station-1', 99);
    await moveElement(db, 'we-11', 'station-5', 99);
    expect((await saveScenario(db, CELL, 'after', 60, 2)).ok).toBe(true);
    const [before, after] = await db.scenarios.where('cellId').equals(CELL).sortBy('createdAt');
    expect(before!.stations).toHaveLength(6);
    const comparison = compareBalances(before!, after!);
    expect(comparison.ok).toBe(true);
    if (!comparison.ok) return;
    expect(comparison.value.before.stationsUsed).toBe(6);
    expect(comparison.value.after.stationsUsed).toBe(5);
    expect(comparison.value.after.efficiency).toBeCloseTo(276 / 300);
    expect(comparison.value.moves.map((m) => `${m.id}: ${m.from} → ${m.to}`)).toEqual([
      'we-5: Operator 2 → Operator 1',
      'we-11: Operator 6 → Operator 5',
    ]);
  });

  it('saving under an existing name replaces that scenario; an empty name is refused', async () => {
    await saveScenario(db, CELL, 'before', 60, 1);
    await saveScenario(db, CELL, 'before', 60, 2);
    expect(await db.scenarios.count()).toBe(1);
    expect((await saveScenario(db, CELL, '  ', 60, 3)).ok).toBe(false);
  });
});
