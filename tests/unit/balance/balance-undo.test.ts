// Issue 19: undo on the balancing board (balance.undo) takes back moves and accepted proposals one by one, logged and
// replayable; stations can be renamed (station.rename). Run through the browser store on the demo cell.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TaktDb } from '../../../src/db/schema.ts';
import { replayLog, type Command } from '../../../src/engine/commands/index.ts';
import { asId } from '../../../src/engine/ids.ts';
import { LAYOUT_UNDO_DEPTH } from '../../../src/engine/model.ts';
import { accepted, commander, demoDb, dump, recordsOf, snapshotOf, type Run } from '../db/helpers.ts';

const CELL = asId('cell', 'cell-final');
const el = (id: string) => asId('element', id);
const station = (id: string) => asId('station', id);
let db: TaktDb;
let run: Run;
let seededUpTo: number;

beforeEach(async () => {
  db = await demoDb('balance-undo');
  run = commander(db, { who: 'IE', at: Date.UTC(2026, 10, 26, 10) });
  seededUpTo = (await db.events.orderBy('id').last())!.id!;
});

/** The layout a person sees: station names in order with their elements in working order, and the unassigned list. */
async function layout() {
  const stations = (await db.stations.where('cellId').equals(CELL).toArray()).sort((a, b) => a.order - b.order);
  const elements = (await db.workElements.where('cellId').equals(CELL).toArray()).sort((a, b) => a.position - b.position);
  return {
    stations: stations.map((s) => [s.id, s.name, elements.filter((e) => e.stationId === s.id).map((e) => e.id)]),
    unassigned: elements.filter((e) => e.stationId === null).map((e) => e.id),
  };
}

describe('balance.undo (issue 19: no undo on the balancing board)', () => {
  it('undoes a move: the element goes back to its station and place, and the undo is logged with what it undid', async () => {
    const before = await layout();
    accepted(await run({ type: 'element.move', elementId: el('we-3'), toStationId: station('station-3'), index: 1 }));
    expect(await layout()).not.toEqual(before);
    const undone = accepted(await run({ type: 'balance.undo', cellId: CELL }));
    expect(undone.events).toEqual([expect.objectContaining({ type: 'layout-undone', cellId: CELL, label: expect.stringMatching(/^Moved ".+" to Operator 3$/) })]);
    expect(await layout()).toEqual(before);
  });

  it('undoes an accepted proposal, including the stations it added', async () => {
    const before = await layout();
    accepted(await run({ type: 'balance.apply', cellId: CELL, stations: [[el('we-1'), el('we-2')], [el('we-3')], [el('we-4')], [el('we-5')], [el('we-6')], [el('we-7')], [], []] }));
    expect((await layout()).stations.length).toBeGreaterThan(before.stations.length);
    const undone = accepted(await run({ type: 'balance.undo', cellId: CELL }));
    expect(undone.events[0]).toMatchObject({ label: 'Accepted a balance of 8 stations' });
    expect(await layout()).toEqual(before);
  });

  it('undoes every change in turn, newest first, back to the start, then says there is nothing to undo', async () => {
    const states = [await layout()];
    const commands: Command[] = [
      { type: 'element.move', elementId: el('we-3'), toStationId: station('station-3'), index: 0 },
      { type: 'station.add', cellId: CELL },
      { type: 'balance.apply', cellId: CELL, stations: [[el('we-1'), el('we-2'), el('we-3')], [el('we-4'), el('we-5')]] },
      { type: 'station.rename', stationId: station('station-1'), name: 'Press' },
      { type: 'station.remove', stationId: station('station-2') },
    ];
    for (const c of commands) {
      accepted(await run(c));
      states.push(await layout());
    }
    for (let k = states.length - 2; k >= 0; k--) {
      accepted(await run({ type: 'balance.undo', cellId: CELL }));
      expect(await layout()).toEqual(states[k]);
    }
    const dumped = await dump(db);
    expect(await run({ type: 'balance.undo', cellId: CELL })).toMatchObject({ ok: false, error: 'There is no balancing change to undo.' });
    expect(await dump(db)).toBe(dumped);
  });

  it('the log of changes and undos replays to the same records', async () => {
    const seeded = await snapshotOf(db);
    const commands: Command[] = [
      { type: 'element.move', elementId: el('we-3'), toStationId: station('station-3'), index: 1 },
      { type: 'balance.apply', cellId: CELL, stations: [[el('we-1')], [el('we-2'), el('we-3')]] },
      { type: 'balance.undo', cellId: CELL },
      { type: 'station.rename', stationId: station('station-3'), name: 'Test bench' },
      { type: 'balance.undo', cellId: CELL },
    ];
    for (const c of commands) accepted(await run(c));
    const events = await db.events.where('id').above(seededUpTo).toArray();
    expect(recordsOf(replayLog(events, seeded))).toEqual(recordsOf(await snapshotOf(db)));
  });

  it(`keeps the last ${LAYOUT_UNDO_DEPTH} changes`, async () => {
    for (let k = 0; k < LAYOUT_UNDO_DEPTH + 3; k++)
      accepted(await run({ type: 'element.move', elementId: el('we-3'), toStationId: station(k % 2 ? 'station-2' : 'station-3'), index: 0 }));
    expect((await db.cells.get(CELL))!.layoutUndo).toHaveLength(LAYOUT_UNDO_DEPTH);
  });
});

describe('balance.undo of element changes (issue 19: element add/edit/import undoable like moves)', () => {
  /** Every element of the cell as a person sees it: name, time, predecessors, station and place. */
  async function elementsSeen() {
    const rows = await db.workElements.where('cellId').equals(CELL).toArray();
    return rows.map((e) => ({ ...e, predecessors: [...e.predecessors].sort() })).sort((a, b) => a.id.localeCompare(b.id));
  }

  it('undoes adding an element: it is gone again, named in the undo', async () => {
    const before = await elementsSeen();
    const added = accepted(await run({ type: 'element.save', cellId: CELL, elementId: null, element: { name: 'Deburr', time: 7, predecessors: [el('we-1')] } }));
    expect((await elementsSeen()).length).toBe(before.length + 1);
    const undone = accepted(await run({ type: 'balance.undo', cellId: CELL }));
    expect(undone.events[0]).toMatchObject({ type: 'layout-undone', label: 'Added "Deburr"', deleted: [(added.outcome as { id: string }).id] });
    expect(await elementsSeen()).toEqual(before);
  });

  it('undoes editing an element: its name, time and predecessors come back', async () => {
    const before = await elementsSeen();
    const we4 = (await db.workElements.get('we-4'))!;
    accepted(await run({ type: 'element.save', cellId: CELL, elementId: el('we-4'), element: { name: 'Renamed step', time: we4.time + 20, predecessors: [] } }));
    expect((await db.workElements.get('we-4'))!.name).toBe('Renamed step');
    const undone = accepted(await run({ type: 'balance.undo', cellId: CELL }));
    expect(undone.events[0]).toMatchObject({ label: `Edited "${we4.name}"` });
    expect(await elementsSeen()).toEqual(before);
  });

  it('undoes deleting an element: it returns to its station and place, and to the predecessor lists it was on', async () => {
    const before = await elementsSeen();
    const layoutBefore = await layout();
    accepted(await run({ type: 'element.delete', elementId: el('we-2') }));
    expect(await db.workElements.get('we-2')).toBeUndefined();
    accepted(await run({ type: 'balance.undo', cellId: CELL }));
    expect(await elementsSeen()).toEqual(before);
    expect(await layout()).toEqual(layoutBefore);
  });

  it('undoes an import: the cell gets back the elements and layout it had; then earlier moves undo in turn', async () => {
    const start = await layout();
    accepted(await run({ type: 'element.move', elementId: el('we-3'), toStationId: station('station-3'), index: 0 }));
    const moved = await elementsSeen();
    const movedLayout = await layout();
    accepted(
      await run({
        type: 'elements.replace',
        cellId: CELL,
        elements: [
          { name: 'A', time: 10, predecessors: [] },
          { name: 'B', time: 12, predecessors: ['A'] },
        ],
      }),
    );
    expect((await elementsSeen()).map((e) => e.name)).toEqual(expect.arrayContaining(['A', 'B']));
    const undone = accepted(await run({ type: 'balance.undo', cellId: CELL }));
    expect(undone.events[0]).toMatchObject({ label: 'Imported 2 work elements' });
    expect(await elementsSeen()).toEqual(moved);
    expect(await layout()).toEqual(movedLayout);
    accepted(await run({ type: 'balance.undo', cellId: CELL }));
    expect(await layout()).toEqual(start);
  });

  it('the log of element changes and their undos replays to the same records', async () => {
    const seeded = await snapshotOf(db);
    const commands: Command[] = [
      { type: 'element.save', cellId: CELL, elementId: null, element: { name: 'Deburr', time: 7, predecessors: [el('we-1')] } },
      { type: 'element.delete', elementId: el('we-2') },
      { type: 'balance.undo', cellId: CELL },
      { type: 'elements.replace', cellId: CELL, elements: [{ name: 'A', time: 10, predecessors: [] }] },
      { type: 'balance.undo', cellId: CELL },
      { type: 'balance.undo', cellId: CELL },
    ];
    for (const c of commands) accepted(await run(c));
    const events = await db.events.where('id').above(seededUpTo).toArray();
    expect(recordsOf(replayLog(events, seeded))).toEqual(recordsOf(await snapshotOf(db)));
  });
});

describe('station.rename (issue 19)', () => {
  it('renames a station, logged, and the name shows in the layout', async () => {
    const r = accepted(await run({ type: 'station.rename', stationId: station('station-2'), name: '  Press  ' }));
    expect(r.events).toEqual([expect.objectContaining({ type: 'cell-laid-out' })]);
    expect((await db.stations.get('station-2'))!.name).toBe('Press');
  });

  it('refuses an empty name, a name another station has and an unknown station, changing nothing', async () => {
    const before = await dump(db);
    const other = (await db.stations.get('station-1'))!.name;
    expect(await run({ type: 'station.rename', stationId: station('station-2'), name: '  ' })).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be empty/) });
    expect(await run({ type: 'station.rename', stationId: station('station-2'), name: other })).toMatchObject({ ok: false, error: expect.stringMatching(/already called/) });
    expect(await run({ type: 'station.rename', stationId: station('nowhere'), name: 'X' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });
});

describe('cell.set-cycle (issue 19: a cycle time other than takt for SALBP-1, kept)', () => {
  it('keeps the chosen cycle on the cell, logged, and back to takt with null', async () => {
    const r = accepted(await run({ type: 'cell.set-cycle', cellId: CELL, cycle: 80 }));
    expect(r.events).toEqual([expect.objectContaining({ type: 'cell-cycle-set', cellId: CELL, cycle: 80 })]);
    expect((await db.cells.get(CELL))!.cycle).toBe(80);
    accepted(await run({ type: 'cell.set-cycle', cellId: CELL, cycle: null }));
    expect((await db.cells.get(CELL))!.cycle).toBeUndefined();
  });

  it('refuses a cycle of 0, below 0 or not a number, and an unknown cell, changing nothing', async () => {
    const before = await dump(db);
    for (const cycle of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(await run({ type: 'cell.set-cycle', cellId: CELL, cycle })).toMatchObject({ ok: false, error: expect.stringMatching(/must be a number of seconds above 0/) });
    expect(await run({ type: 'cell.set-cycle', cellId: asId('cell', 'nowhere'), cycle: 50 })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });

  it('the log replays to the same cell', async () => {
    const seeded = await snapshotOf(db);
    for (const cycle of [80, 72.5, null, 90]) accepted(await run({ type: 'cell.set-cycle', cellId: CELL, cycle }));
    const events = await db.events.where('id').above(seededUpTo).toArray();
    expect(recordsOf(replayLog(events, seeded))).toEqual(recordsOf(await snapshotOf(db)));
  });
});
