// Regression tests for bugs found in the command rules, each named after what went wrong.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/db/apply.ts';
import { TaktDb } from '../../../src/db/schema.ts';
import { runCommand, emptySnapshot, type Command, type Snapshot } from '../../../src/engine/commands/index.ts';
import { asId, countingIds } from '../../../src/engine/ids.ts';

const S = asId('stream', 'line');
const A = asId('stage', 'a');
const B = asId('stage', 'b');

async function line() {
  const db = new TaktDb(`regress-${Math.random()}`);
  const ids = countingIds();
  const run = (command: Command, at: number) => applyCommand(db, command, { who: 't', at }, ids);
  await run({ type: 'stream.create', name: 'L', id: S }, 0);
  await run({ type: 'stage.add', streamId: S, id: A, name: 'A', cardLimit: 5, policy: 'hard' }, 0);
  await run({ type: 'stage.add', streamId: S, id: B, name: 'B', cardLimit: 5, policy: 'hard' }, 0);
  return { db, run };
}

function inMemory(commands: Command[]): Snapshot {
  const ids = countingIds();
  let state = emptySnapshot();
  commands.forEach((command, k) => {
    const r = runCommand(state, command, { now: k, who: 't', commandId: `c${k}`, newId: ids }, k + 1);
    if (!r.ok) throw new Error(r.error);
    state = r.value.state;
  });
  return state;
}

describe('regressions', () => {
  it('undo finds the newest move by log order even when a screen clock ran backwards (it undid one move twice, then stuck)', async () => {
    const { db, run } = await line();
    await run({ type: 'card.create', streamId: S, stageId: A, id: asId('card', 'c'), fields: { partNumber: 'P', quantity: 1, family: 'F' } }, 1000);
    await run({ type: 'card.move', cardId: asId('card', 'c'), toStageId: B }, 2000);
    await run({ type: 'card.move', cardId: asId('card', 'c'), toStageId: A }, 5000);
    expect((await run({ type: 'card.undo-move', streamId: S }, 4000)).ok).toBe(true);
    expect((await db.cards.get('c'))?.stageId).toBe('b');
    const second = await run({ type: 'card.undo-move', streamId: S }, 4500);
    expect(second.ok).toBe(true);
    expect((await db.cards.get('c'))?.stageId).toBe('a');
  });

  it('two proposals for one stage log each change from the limit the previous one left (the second logged 5 -> 4, not 9 -> 4)', () => {
    const state = inMemory([
      { type: 'stream.create', name: 'L', id: S },
      { type: 'stage.add', streamId: S, id: A, name: 'A', cardLimit: 5, policy: 'hard' },
    ]);
    const r = runCommand(state, { type: 'stage.apply-proposals', streamId: S, proposals: [{ stageId: A, limit: 9, basis: 'x' }, { stageId: A, limit: 4, basis: 'y' }] }, { now: 9, who: 't', commandId: 'p', newId: countingIds() }, 10);
    expect(r.ok && r.value.events.map((e) => e.type === 'limit-change' && [e.oldLimit, e.newLimit])).toEqual([[5, 9], [9, 4]]);
  });

  it('a shift without a breaks list is refused as invalid input, not a storage failure', async () => {
    const { run } = await line();
    const r = await run({ type: 'stream.set-calendar', streamId: S, calendar: { shifts: [{ name: 'Day', startMinute: 360, endMinute: 840, plannedDowntimeMinutes: 0 } as never], workingDaysPerWeek: 5 } }, 1);
    expect(r).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/breaks/) });
  });

  it('a station added after another was removed gets a name no station has (two "Operator 3")', () => {
    const state = inMemory([{ type: 'stream.create', name: 'L', id: S }]);
    const withCell: Snapshot = { ...state, cells: { cell: { id: 'cell', streamId: S, name: 'Cell' } } };
    const ids = countingIds();
    let current = withCell;
    const step = (command: Command) => {
      const r = runCommand(current, command, { now: 1, who: 't', commandId: String(Math.random()), newId: ids }, 1);
      if (!r.ok) throw new Error(r.error);
      current = r.value.state;
    };
    step({ type: 'station.add', cellId: 'cell' as never });
    step({ type: 'station.add', cellId: 'cell' as never });
    step({ type: 'station.add', cellId: 'cell' as never });
    const second = Object.values(current.stations).find((s) => s.name === 'Operator 2')!;
    step({ type: 'station.remove', stationId: second.id as never });
    step({ type: 'station.add', cellId: 'cell' as never });
    const names = Object.values(current.stations).map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('issue 19: the board', () => {
  const C = asId('card', 'c');
  const D = asId('card', 'd');
  const card = (id: typeof C, partNumber: string): Command => ({ type: 'card.create', streamId: S, stageId: A, id, fields: { partNumber, quantity: 1, family: 'F' } });

  it('undo restores what the move changed: the card\'s time in stage (enteredAt), so it is back in its place in the queue', async () => {
    const { db, run } = await line();
    await run(card(C, 'P-1'), 1000);
    await run(card(D, 'P-2'), 2000);
    await run({ type: 'card.move', cardId: C, toStageId: B }, 60_000);
    expect(await db.cards.get('c')).toMatchObject({ stageId: 'b', enteredStageAt: 60_000 });
    await run({ type: 'card.undo-move', streamId: S }, 90_000);
    expect(await db.cards.get('c')).toMatchObject({ stageId: 'a', enteredStageAt: 1000 });
    const queue = (await db.cards.where('stageId').equals('a').toArray()).sort((x, y) => x.enteredStageAt - y.enteredStageAt);
    expect(queue.map((x) => x.id)).toEqual(['c', 'd']);
  });

  it('blocked (andon) cards pulled forward ask first (needs a reason), and the move is logged with the block', async () => {
    const { db, run } = await line();
    await run(card(C, 'P-1'), 1000);
    await run({ type: 'card.block', cardId: C, reason: 'Waiting for maintenance' }, 2000);
    const asked = await run({ type: 'card.move', cardId: C, toStageId: B }, 3000);
    expect(asked).toMatchObject({ ok: false, code: 'needs-reason', error: expect.stringMatching(/P-1 is blocked \(Waiting for maintenance\)/) });
    expect((await db.cards.get('c'))?.stageId).toBe('a');
    expect((await run({ type: 'card.move', cardId: C, toStageId: B, reason: 'Fixed on the spot' }, 4000)).ok).toBe(true);
    const logged = await db.events.where('cardId').equals('c').last();
    expect(logged).toMatchObject({ type: 'move', reason: 'Fixed on the spot', blockedReason: 'Waiting for maintenance' });
  });

  it('refused moves (full hard stage) are logged as events that change no card and leave undo and replay as they were', () => {
    const state = inMemory([
      { type: 'stream.create', name: 'L', id: S },
      { type: 'stage.add', streamId: S, id: A, name: 'A', cardLimit: 5, policy: 'hard' },
      { type: 'stage.add', streamId: S, id: B, name: 'B', cardLimit: 1, policy: 'hard' },
      card(C, 'P-1'),
      card(D, 'P-2'),
      { type: 'card.move', cardId: C, toStageId: B },
    ]);
    const ctx = { now: 100, who: 't', commandId: 'r', newId: countingIds() };
    const refused = runCommand(state, { type: 'card.move', cardId: D, toStageId: B }, ctx, 50);
    expect(refused).toMatchObject({ ok: false, code: 'full' });
    const logged = runCommand(state, { type: 'card.record-refusal', cardId: D, toStageId: B }, ctx, 50);
    if (!logged.ok) throw new Error(logged.error);
    expect(logged.value.events).toEqual([expect.objectContaining({ type: 'move-refused', cardId: 'd', from: 'a', to: 'b', reason: expect.stringMatching(/B is full: 1 \/ 1 cards/) })]);
    expect(logged.value.changes).toEqual([]);
    expect(logged.value.state.cards).toEqual(state.cards);
    // The newest move is still the one undo takes back.
    const undone = runCommand(logged.value.state, { type: 'card.undo-move', streamId: S }, { ...ctx, commandId: 'u' }, 51);
    expect(undone.ok && undone.value.events[0]).toMatchObject({ type: 'undo', cardId: 'c', to: 'a' });
    // Once B has room again there is no refusal to log.
    if (!undone.ok) throw new Error(undone.error);
    const roomy = runCommand(undone.value.state, { type: 'card.record-refusal', cardId: D, toStageId: B }, { ...ctx, commandId: 'r2' }, 52);
    expect(roomy).toMatchObject({ ok: false, code: 'stale' });
  });
});
