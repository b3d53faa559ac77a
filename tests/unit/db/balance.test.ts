// Line-balancing commands through the store: moves keep order, a proposal rewrites stations in one go, bad imports and
// cycles change nothing, scenarios compare, and every change is logged.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TaktDb } from '../../../src/db/schema.ts';
import { compareBalances, parseElementsCsv, parseInstanceFile } from '../../../src/engine/api/balance-api.ts';
import { MAX_CELL_TASKS } from '../../../src/engine/api/balance-csv.ts';
import { replayLog, type Command } from '../../../src/engine/commands/index.ts';
import { asId } from '../../../src/engine/ids.ts';
import { accepted, commander, demoDb, dump, recordsOf, snapshotOf, type Run } from './helpers.ts';

const CELL = asId('cell', 'cell-final');
const el = (id: string) => asId('element', id);
const station = (id: string) => asId('station', id);
let db: TaktDb;
let run: Run;
let seededUpTo: number;

beforeEach(async () => {
  db = await demoDb('balance');
  run = commander(db, { who: 'IE', at: Date.UTC(2026, 10, 26, 10) });
  seededUpTo = (await db.events.orderBy('id').last())!.id!;
});

const appended = () => db.events.where('id').above(seededUpTo).toArray();

const namesIn = async (stationId: string | null) =>
  (await db.workElements.where('cellId').equals(CELL).toArray())
    .filter((e) => e.stationId === stationId)
    .sort((a, b) => a.position - b.position)
    .map((e) => e.id);

/** The cell's balance as it stands: stations in order with their elements in working order. */
async function currentBalance() {
  const stations = await db.stations.where('[cellId+order]').between([CELL, -Infinity], [CELL, Infinity]).toArray();
  const elements = (await db.workElements.where('cellId').equals(CELL).toArray()).sort((a, b) => a.position - b.position);
  return {
    elements,
    stations: stations.map((s) => ({ id: s.id, name: s.name, order: s.order, elementIds: elements.filter((e) => e.stationId === s.id).map((e) => e.id) })),
  };
}

describe('element.move', () => {
  it('moves an element to another station at the given place, keeps the order of the others and logs the changed places', async () => {
    expect(await namesIn('station-2')).toEqual(['we-2', 'we-3', 'we-5']);
    const moved = accepted(await run({ type: 'element.move', elementId: el('we-3'), toStationId: station('station-3'), index: 1 }));
    expect(await namesIn('station-2')).toEqual(['we-2', 'we-5']);
    expect(await namesIn('station-3')).toEqual(['we-4', 'we-3', 'we-6']);
    const positions = (await db.workElements.bulkGet(['we-4', 'we-3', 'we-6'])).map((e) => e!.position);
    expect(positions).toEqual([0, 1, 2]);
    expect((await db.workElements.get('we-5'))!.position).toBe(1);
    expect(moved.events).toHaveLength(1);
    const [event] = moved.events;
    expect(event).toMatchObject({ type: 'cell-laid-out', cellId: CELL, streamId: 'demo-steering', who: 'IE' });
    // Only the elements whose station or place changed are in the event: we-3 (new station), we-5 and we-6 (new place).
    expect(event!.type === 'cell-laid-out' && event!.elements.map((e) => e.id).sort()).toEqual(['we-3', 'we-5', 'we-6']);
  });

  it('reorders within a station and appends when the index is past the end; moves to unassigned', async () => {
    accepted(await run({ type: 'element.move', elementId: el('we-2'), toStationId: station('station-2'), index: 99 }));
    expect(await namesIn('station-2')).toEqual(['we-3', 'we-5', 'we-2']);
    expect((await db.workElements.bulkGet(['we-3', 'we-5', 'we-2'])).map((e) => e!.position)).toEqual([0, 1, 2]);
    accepted(await run({ type: 'element.move', elementId: el('we-2'), toStationId: null, index: 0 }));
    expect(await namesIn(null)).toEqual(['we-2']);
    accepted(await run({ type: 'element.move', elementId: el('we-5'), toStationId: station('station-2'), index: -4 }));
    expect(await namesIn('station-2')).toEqual(['we-5', 'we-3']);
  });

  it('a move that changes nothing logs nothing', async () => {
    const result = accepted(await run({ type: 'element.move', elementId: el('we-3'), toStationId: station('station-2'), index: 1 }));
    expect(result.events).toEqual([]);
    expect(await appended()).toEqual([]);
  });

  it('refuses a station of another cell or an unknown element and changes nothing', async () => {
    const before = await dump(db);
    expect(await run({ type: 'element.move', elementId: el('we-1'), toStationId: station('nowhere'), index: 0 })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await run({ type: 'element.move', elementId: el('we-99'), toStationId: null, index: 0 })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await namesIn('station-1')).toEqual(['we-1']);
    expect(await dump(db)).toBe(before);
  });
});

describe('balance.apply (accepting a proposal)', () => {
  it('rewrites stations and positions in one command: five stations, the sixth removed', async () => {
    const proposal = [['we-1', 'we-4'], ['we-2', 'we-3', 'we-5', 'we-6'], ['we-7', 'we-8'], ['we-9', 'we-10'], ['we-11']];
    const applied = accepted(await run({ type: 'balance.apply', cellId: CELL, stations: proposal.map((ids) => ids.map(el)) }));
    const balance = await currentBalance();
    expect(balance.stations.map((s) => s.elementIds)).toEqual(proposal);
    expect(balance.stations.map((s) => s.id)).toEqual(['station-1', 'station-2', 'station-3', 'station-4', 'station-5']);
    expect(await db.stations.get('station-6')).toBeUndefined();
    expect(applied.events.map((e) => e.type)).toEqual(['cell-laid-out']);
  });

  it('creates stations when the proposal needs more, and leaves unnamed elements unassigned in line order', async () => {
    const proposal = Array.from({ length: 7 }, (_, k) => [el(`we-${k + 1}`)]);
    accepted(await run({ type: 'balance.apply', cellId: CELL, stations: proposal }));
    const balance = await currentBalance();
    expect(balance.stations).toHaveLength(7);
    expect(balance.stations[6]).toMatchObject({ name: 'Operator 7', order: 6, elementIds: ['we-7'] });
    expect(await namesIn(null)).toEqual(['we-8', 'we-9', 'we-10', 'we-11']);
  });

  it('refuses a proposal with an unknown or duplicated element and changes nothing', async () => {
    const before = await dump(db);
    expect(await run({ type: 'balance.apply', cellId: CELL, stations: [[el('we-1'), el('ghost')]] })).toMatchObject({ ok: false, error: expect.stringMatching(/not in this cell \(ghost\)/) });
    expect(await run({ type: 'balance.apply', cellId: CELL, stations: [[el('we-1')], [el('we-1')]] })).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
    expect(await run({ type: 'balance.apply', cellId: asId('cell', 'nowhere'), stations: [] })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });
});

describe('stations', () => {
  it('station.add appends a station after the last one', async () => {
    const added = accepted(await run({ type: 'station.add', cellId: CELL }));
    expect(await db.stations.get(added.outcome.id!)).toEqual({ id: added.outcome.id, cellId: CELL, name: 'Operator 7', order: 6 });
    expect(added.events).toEqual([expect.objectContaining({ type: 'cell-laid-out', elements: [] })]);
    const event = added.events[0]!;
    expect(event.type === 'cell-laid-out' && event.stations.map((s) => s.id)).toEqual([...['1', '2', '3', '4', '5', '6'].map((n) => `station-${n}`), added.outcome.id]);
  });

  it('station.remove sends its elements to the end of the unassigned list', async () => {
    accepted(await run({ type: 'element.move', elementId: el('we-11'), toStationId: null, index: 0 }));
    accepted(await run({ type: 'station.remove', stationId: station('station-2') }));
    expect(await namesIn(null)).toEqual(['we-11', 'we-2', 'we-3', 'we-5']);
    expect(await db.stations.get('station-2')).toBeUndefined();
    const before = await dump(db);
    expect(await run({ type: 'station.remove', stationId: station('station-2') })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });
});

describe('editing work elements', () => {
  it('adds an element unassigned at the end and edits it', async () => {
    const added = accepted(await run({ type: 'element.save', cellId: CELL, elementId: null, element: { name: ' Grease shaft ', time: 8, predecessors: ['we-4', 'we-4'] } }));
    const id = added.outcome.id!;
    expect(await namesIn(null)).toEqual([id]);
    expect(await db.workElements.get(id)).toEqual({ id, name: 'Grease shaft', time: 8, predecessors: ['we-4'], cellId: CELL, stationId: null, position: 0 });
    accepted(await run({ type: 'element.save', cellId: CELL, elementId: el(id), element: { name: 'Grease shaft', time: 9, predecessors: [] } }));
    expect(await db.workElements.get(id)).toMatchObject({ time: 9, predecessors: [], stationId: null, position: 0 });
    expect((await appended()).map((e) => e.type)).toEqual(['elements-changed', 'elements-changed']);
  });

  it('refuses a precedence cycle, naming the elements on it, and changes nothing', async () => {
    const before = await dump(db);
    const result = await run({ type: 'element.save', cellId: CELL, elementId: el('we-1'), element: { name: 'Load column tube into fixture', time: 36, predecessors: ['we-11'] } });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(!result.ok && result.error).toMatch(/cycle: .*"Load column tube into fixture".*"Final check and label"/);
    expect((await db.workElements.get('we-1'))!.predecessors).toEqual([]);
    expect(await dump(db)).toBe(before);
  });

  it('refuses an unknown predecessor, a bad time, an empty name or an element of another cell, and changes nothing', async () => {
    const before = await dump(db);
    const save = (elementId: string | null, element: { name: string; time: number; predecessors: string[] }) =>
      run({ type: 'element.save', cellId: CELL, elementId: elementId === null ? null : el(elementId), element });
    expect(await save(null, { name: 'X', time: 5, predecessors: ['we-404'] })).toMatchObject({ ok: false, error: expect.stringMatching(/predecessor that is not in this cell \(we-404\)/) });
    expect(await save(null, { name: 'X', time: -1, predecessors: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/at least 0; got -1/) });
    expect(await save(null, { name: 'X', time: Number.NaN, predecessors: [] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await save(null, { name: '  ', time: 5, predecessors: [] })).toMatchObject({ ok: false, error: 'A work element needs a name.' });
    expect(await save('we-404', { name: 'X', time: 5, predecessors: [] })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });

  it('deletes an element, closes up its station and drops it from predecessor lists', async () => {
    const deleted = accepted(await run({ type: 'element.delete', elementId: el('we-2') }));
    expect(await db.workElements.get('we-2')).toBeUndefined();
    expect(await namesIn('station-2')).toEqual(['we-3', 'we-5']);
    expect((await db.workElements.bulkGet(['we-3', 'we-5'])).map((e) => e!.position)).toEqual([0, 1]);
    expect((await db.workElements.get('we-6'))!.predecessors).toEqual([]);
    expect(deleted.events).toEqual([expect.objectContaining({ type: 'elements-changed', deleted: ['we-2'] })]);
    expect(await run({ type: 'element.delete', elementId: el('we-2') })).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('import', () => {
  it('a malformed file is refused by the parser, and bad elements by the rule; nothing changes', async () => {
    const before = await dump(db);
    const bad = parseInstanceFile('broken.IN2', '3\n10\n20\nfoo\n');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/Line 4/);
    const cyclic = parseElementsCsv('name,time,predecessors\nA,5,B\nB,6,A\n');
    expect(!cyclic.ok && cyclic.error).toMatch(/cycle: "A" → "B"|cycle: "B" → "A"/);
    const replace = (elements: { name: string; time: number; predecessors: string[] }[]) => run({ type: 'elements.replace', cellId: CELL, elements });
    expect(await replace([{ name: 'A', time: 5, predecessors: ['Z'] }])).toMatchObject({ ok: false, error: expect.stringMatching(/unknown predecessor "Z"/) });
    expect(await replace([{ name: 'A', time: -1, predecessors: [] }])).toMatchObject({ ok: false, error: expect.stringMatching(/^A: The time/) });
    expect(await replace([])).toMatchObject({ ok: false, error: expect.stringMatching(/no work elements/) });
    expect(await replace([{ name: 'A', time: 1, predecessors: [] }, { name: 'A', time: 2, predecessors: [] }])).toMatchObject({ ok: false, error: expect.stringMatching(/same name/) });
    expect(
      await replace([
        { name: 'A', time: 5, predecessors: ['B'] },
        { name: 'B', time: 6, predecessors: ['A'] },
      ]),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/cycle: .*The board was not changed\.$/) });
    expect(await dump(db)).toBe(before);
  });

  it(`a cell holds at most ${MAX_CELL_TASKS} work elements: a file or command over the cap is refused with the cap named`, async () => {
    const before = await dump(db);
    const in2 = (n: number) => [String(n), ...Array.from({ length: n }, () => '3'), '1,2', '-1,-1'].join('\n');
    const atCap = parseInstanceFile('cap.IN2', in2(MAX_CELL_TASKS));
    expect(atCap.ok && atCap.value.length).toBe(MAX_CELL_TASKS);
    const over = parseInstanceFile('over.IN2', in2(MAX_CELL_TASKS + 1));
    expect(!over.ok && over.error).toBe(`The file has ${MAX_CELL_TASKS + 1} tasks; a cell holds at most ${MAX_CELL_TASKS} work elements. Split it into cells of ${MAX_CELL_TASKS} or fewer.`);
    const rows = (n: number) => ['name,time,predecessors', ...Array.from({ length: n }, (_, k) => `E${k},1,`)].join('\n');
    expect(parseElementsCsv(rows(MAX_CELL_TASKS)).ok).toBe(true);
    const csvOver = parseElementsCsv(rows(MAX_CELL_TASKS + 1));
    expect(!csvOver.ok && csvOver.error).toMatch(`${MAX_CELL_TASKS + 1} work elements; a cell holds at most ${MAX_CELL_TASKS}`);
    const elements = Array.from({ length: MAX_CELL_TASKS + 1 }, (_, k) => ({ name: `E${k}`, time: 1, predecessors: [] }));
    expect(await run({ type: 'elements.replace', cellId: CELL, elements })).toMatchObject({ ok: false, error: expect.stringMatching(`at most ${MAX_CELL_TASKS}`) });
    expect(await dump(db)).toBe(before);
  });

  it('a CSV file replaces the elements, unassigned, with predecessors by name; the stations stay', async () => {
    const parsed = parseElementsCsv('name,time,predecessors\n"Fit, press",5,\nCheck,6,"Fit, press"\n');
    if (!parsed.ok) throw new Error(parsed.error);
    const replaced = accepted(await run({ type: 'elements.replace', cellId: CELL, elements: parsed.value }));
    expect(replaced.outcome.changed).toBe(2);
    const elements = await db.workElements.where('cellId').equals(CELL).sortBy('position');
    expect(elements.map((e) => [e.name, e.time, e.stationId])).toEqual([
      ['Fit, press', 5, null],
      ['Check', 6, null],
    ]);
    expect(elements[1]!.predecessors).toEqual([elements[0]!.id]);
    expect(await db.stations.where('cellId').equals(CELL).count()).toBe(6);
    const [event] = replaced.events;
    expect(event!.type === 'elements-changed' && event!.deleted.sort()).toEqual(Array.from({ length: 11 }, (_, k) => `we-${k + 1}`).sort());
  });
});

describe('scenarios', () => {
  it('saves the balance as "before" and "after" and compares them with the moves made', async () => {
    accepted(await run({ type: 'scenario.save', cellId: CELL, name: 'before', cycle: 60 }, { at: 1 }));
    accepted(await run({ type: 'element.move', elementId: el('we-5'), toStationId: station('station-1'), index: 99 }));
    accepted(await run({ type: 'element.move', elementId: el('we-11'), toStationId: station('station-5'), index: 99 }));
    accepted(await run({ type: 'scenario.save', cellId: CELL, name: ' after ', cycle: 60 }, { at: 2 }));
    const [before, after] = await db.scenarios.where('cellId').equals(CELL).sortBy('createdAt');
    expect(before!.stations).toHaveLength(6);
    expect(after!.name).toBe('after');
    const comparison = compareBalances(before!, after!);
    if (!comparison.ok) throw new Error(comparison.error);
    expect(comparison.value.before.stationsUsed).toBe(6);
    expect(comparison.value.after.stationsUsed).toBe(5);
    expect(comparison.value.after.efficiency).toBeCloseTo(276 / 300);
    expect(comparison.value.moves.map((m) => `${m.id}: ${m.from} → ${m.to}`)).toEqual(['we-5: Operator 2 → Operator 1', 'we-11: Operator 6 → Operator 5']);
  });

  it('saving under an existing name replaces that scenario; an empty name or no takt is refused; delete removes it', async () => {
    const first = accepted(await run({ type: 'scenario.save', cellId: CELL, name: 'before', cycle: 60 }, { at: 1 }));
    const second = accepted(await run({ type: 'scenario.save', cellId: CELL, name: 'before', cycle: 55 }, { at: 2 }));
    expect(second.outcome.id).toBe(first.outcome.id);
    expect(await db.scenarios.count()).toBe(1);
    expect(await db.scenarios.get(first.outcome.id!)).toMatchObject({ cycle: 55, createdAt: 2 });
    const before = await dump(db);
    expect(await run({ type: 'scenario.save', cellId: CELL, name: '  ', cycle: 60 })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'scenario.save', cellId: CELL, name: 'x', cycle: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/no valid takt/) });
    expect(await dump(db)).toBe(before);
    const deleted = accepted(await run({ type: 'scenario.delete', scenarioId: asId('scenario', first.outcome.id!) }));
    expect(deleted.events).toEqual([expect.objectContaining({ type: 'scenario-deleted', scenarioId: first.outcome.id })]);
    expect(await db.scenarios.count()).toBe(0);
    expect(accepted(await run({ type: 'scenario.delete', scenarioId: asId('scenario', first.outcome.id!) })).events).toEqual([]);
    expect((await appended()).map((e) => e.type)).toEqual(['scenario-saved', 'scenario-saved', 'scenario-deleted']);
  });
});

describe('the log holds every balancing change', () => {
  it('the events appended by balancing commands, replayed over the seeded state, rebuild the cell', async () => {
    const seeded = await snapshotOf(db);
    const added = accepted(await run({ type: 'element.save', cellId: CELL, elementId: null, element: { name: 'Grease shaft', time: 8, predecessors: ['we-4'] } }));
    const commands: Command[] = [
      { type: 'element.move', elementId: el('we-3'), toStationId: station('station-3'), index: 1 },
      { type: 'element.move', elementId: el(added.outcome.id!), toStationId: station('station-3'), index: 0 },
      { type: 'station.add', cellId: CELL },
      { type: 'balance.apply', cellId: CELL, stations: [[el('we-1'), el('we-2')], [el('we-3'), el('we-4')], [el('we-5')]] },
      { type: 'element.delete', elementId: el('we-4') },
      { type: 'station.remove', stationId: station('station-2') },
      { type: 'scenario.save', cellId: CELL, name: 'after', cycle: 60 },
    ];
    for (const command of commands) accepted(await run(command));
    const events = await appended();
    expect(events.length).toBeGreaterThanOrEqual(commands.length + 1);
    expect(recordsOf(replayLog(events, seeded))).toEqual(recordsOf(await snapshotOf(db)));
  });
});
