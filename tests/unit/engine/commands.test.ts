// The command rules on their own (no store): decide + evolve on an in-memory snapshot. The pull rule, undo, stage and
// limit rules, names, the calendar check, balancing; refusals change nothing, inputs are never mutated, and the log
// replayed from empty gives the same state.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  countCards,
  decide,
  emptySnapshot,
  mayPull,
  MAX_NAME_LENGTH,
  pullRefusal,
  replayLog,
  runCommand,
  type CardFields,
  type Command,
  type DecideContext,
  type Outcome,
  type Snapshot,
} from '../../../src/engine/commands/index.ts';
import type { BoardEvent } from '../../../src/engine/events.ts';
import { asId, countingIds, type IdSource } from '../../../src/engine/ids.ts';
import type { Stage, StagePolicy } from '../../../src/engine/model.ts';
import type { Result } from '../../../src/engine/result.ts';
import { cards, seconds } from '../../../src/engine/units.ts';

const S = asId('stream', 's1');
const stage = (id: string) => asId('stage', id);
const card = (id: string) => asId('card', id);
const el = (id: string) => asId('element', id);
const fields: CardFields = { partNumber: 'P-1', quantity: 10, family: 'F' };

/** A small world: a state, its log, a clock and an id source; `send` applies a command like the store would. */
class World {
  state: Snapshot = emptySnapshot();
  log: BoardEvent[] = [];
  now = 1000;
  private ids: IdSource = countingIds();
  private commands = 0;

  ctx(): DecideContext {
    return { now: this.now, who: 'tester', commandId: `cmd-${++this.commands}`, newId: this.ids };
  }

  send(command: Command, at?: number): Result<{ events: BoardEvent[]; outcome: Outcome }> {
    if (at !== undefined) this.now = at;
    const applied = runCommand(this.state, command, this.ctx(), this.log.length + 1);
    if (!applied.ok) return applied;
    this.state = applied.value.state;
    this.log.push(...applied.value.events);
    return { ok: true, value: { events: applied.value.events, outcome: applied.value.outcome } };
  }

  /** Sends a command that must be accepted. */
  ok(command: Command, at?: number) {
    const result = this.send(command, at);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error}`);
    return result.value;
  }
}

/** Freezes a value and everything in it, so a rule that writes into its input throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

let w: World;

/** A line of four stages: a (10, hard), b (2, hard), soft (1, soft), z (10, hard). */
function line(world: World) {
  world.ok({ type: 'stream.create', id: S, name: 'Line' }, 0);
  const add = (id: string, cardLimit: number, policy: StagePolicy = 'hard') =>
    world.ok({ type: 'stage.add', streamId: S, id: stage(id), name: `Stage ${id}`, cardLimit, policy });
  add('a', 10);
  add('b', 2);
  add('soft', 1, 'soft');
  add('z', 10);
}

function addCards(world: World, stageId: string, n: number, prefix = stageId) {
  for (let i = 0; i < n; i++) world.ok({ type: 'card.create', streamId: S, stageId: stage(stageId), id: card(`${prefix}-c${i}`), fields }, 1000 + i);
}

beforeEach(() => {
  w = new World();
  line(w);
});

describe('decide and runCommand', () => {
  it('is pure: the same state, command and context give the same events, and the state given is never changed', () => {
    addCards(w, 'a', 2);
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('b') }, 2000);
    const frozen = deepFreeze(w.state);
    const ctx = (): DecideContext => ({ now: 5000, who: 'x', commandId: 'same', newId: countingIds() });
    const commands: Command[] = [
      { type: 'card.move', cardId: card('a-c1'), toStageId: stage('z') },
      { type: 'card.undo-move', streamId: S },
      { type: 'card.edit', cardId: card('a-c1'), fields: { note: 'n' } },
      { type: 'card.block', cardId: card('a-c1'), reason: 'r' },
      { type: 'card.retire', cardId: card('a-c1') },
      { type: 'card.create', streamId: S, stageId: stage('a'), fields },
      { type: 'stage.remove', stageId: stage('soft') },
      { type: 'stage.move', stageId: stage('a'), direction: 1 },
      { type: 'stage.override-limit', stageId: stage('a'), limit: 3, reason: 'r' },
      { type: 'stream.rename', streamId: S, name: 'Other' },
    ];
    for (const command of commands) {
      expect(decide(frozen, command, ctx())).toEqual(decide(frozen, command, ctx()));
      expect(() => runCommand(frozen, command, ctx(), 100), command.type).not.toThrow();
    }
  });

  it('every event carries the envelope of its command: stream, time, who and command id', () => {
    const { events } = w.ok({ type: 'card.create', streamId: S, stageId: stage('a'), fields }, 4242);
    expect(events[0]).toMatchObject({ id: w.log.length, streamId: S, at: 4242, who: 'tester', commandId: expect.stringMatching(/^cmd-/) });
  });

  it('a refused command returns the refusal and leaves the state as it was', () => {
    addCards(w, 'b', 2);
    const before = structuredClone(w.state);
    const result = w.send({ type: 'card.create', streamId: S, stageId: stage('b'), fields });
    expect(result).toMatchObject({ ok: false, code: 'full' });
    expect(w.state).toEqual(before);
  });

  it('refuses an unknown command type', () => {
    expect(decide(w.state, { type: 'card.teleport' } as never, w.ctx())).toEqual({ ok: false, error: 'Unknown command "card.teleport".', code: 'invalid' });
  });

  it('ids come from the context: the same id source gives the same ids', () => {
    const created = w.ok({ type: 'card.create', streamId: S, stageId: stage('a'), fields });
    expect(created.outcome.id).toMatch(/^card-\d+$/);
    expect(w.state.cards[created.outcome.id!]).toBeDefined();
  });
});

describe('the pull rule', () => {
  const st = (cardLimit: number, policy: StagePolicy): Stage => ({ id: 'x', streamId: 's', name: 'X', order: 0, cardLimit: cards(cardLimit), policy });

  it('lets a card in under the limit, refuses a hard stage at it, and a soft stage without a reason', () => {
    expect(pullRefusal(st(2, 'hard'), 1, undefined)).toBeNull();
    expect(pullRefusal(st(2, 'hard'), 2, 'rush')).toMatchObject({ ok: false, code: 'full', stage: { count: 2, cardLimit: 2 } });
    expect(pullRefusal(st(2, 'soft'), 2, ' ')).toMatchObject({ ok: false, code: 'needs-reason' });
    expect(pullRefusal(st(2, 'soft'), 3, 'rush')).toBeNull();
    expect(pullRefusal(st(0, 'hard'), 0, undefined)).toMatchObject({ code: 'full' });
    // The simulator's form of the same rule agrees.
    expect([mayPull(2, 1), mayPull(2, 2), mayPull(2, 2, 'soft'), mayPull(2, 2, 'soft', 'rush'), mayPull(2, 2, 'hard', 'rush')]).toEqual([true, false, false, true, false]);
  });

  it('card.move: a hard stage at its limit refuses, a soft one needs a reason, the counts follow the cards', () => {
    addCards(w, 'a', 4);
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('b') });
    w.ok({ type: 'card.move', cardId: card('a-c1'), toStageId: stage('b') });
    expect(w.state.counts).toMatchObject({ a: 2, b: 2 });
    expect(w.send({ type: 'card.move', cardId: card('a-c2'), toStageId: stage('b'), reason: 'rush' })).toMatchObject({
      ok: false,
      code: 'full',
      error: 'Stage b is full: 2 / 2 cards (hard limit). Finish or move a card out of Stage b first.',
    });
    w.ok({ type: 'card.move', cardId: card('a-c2'), toStageId: stage('soft') });
    expect(w.send({ type: 'card.move', cardId: card('a-c3'), toStageId: stage('soft') })).toMatchObject({ ok: false, code: 'needs-reason' });
    const over = w.ok({ type: 'card.move', cardId: card('a-c3'), toStageId: stage('soft'), reason: ' rush ' });
    expect(over.outcome).toMatchObject({ overLimit: true, stage: { count: 1, cardLimit: 1 } });
    expect(over.events[0]).toMatchObject({ type: 'move', reason: 'rush', previousEnteredAt: 1003 });
    expect(w.state.counts).toEqual(countCards(w.state));
  });

  it('a retired or completed card frees its place', () => {
    addCards(w, 'b', 2);
    addCards(w, 'a', 1);
    w.ok({ type: 'card.retire', cardId: card('b-c0') });
    expect(w.state.counts.b).toBe(1);
    expect(w.send({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('b') }).ok).toBe(true);
  });
});

describe('undo', () => {
  it('compensates the newest move and gives the card back its time in the stage it returns to', () => {
    addCards(w, 'a', 1);
    const first = w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('b') }, 5000);
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('z') }, 6000);
    const undone = w.ok({ type: 'card.undo-move', streamId: S }, 7000);
    expect(undone.events[0]).toMatchObject({ type: 'undo', from: 'z', to: 'b', enteredStageAt: 5000, at: 7000 });
    expect(w.state.cards['a-c0']).toMatchObject({ stageId: 'b', enteredStageAt: 5000 });
    const back = w.ok({ type: 'card.undo-move', streamId: S }, 8000);
    expect(back.events[0]).toMatchObject({ undoes: first.events[0]!.id, to: 'a', enteredStageAt: 1000 });
    expect(w.state.cards['a-c0']).toMatchObject({ stageId: 'a', enteredStageAt: 1000 });
    expect(w.state.counts).toMatchObject({ a: 1, b: 0, z: 0 });
    expect(w.send({ type: 'card.undo-move', streamId: S })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('obeys the pull rule of the stage the card goes back to', () => {
    addCards(w, 'b', 1);
    w.ok({ type: 'card.move', cardId: card('b-c0'), toStageId: stage('z') });
    addCards(w, 'b', 2, 'late');
    expect(w.send({ type: 'card.undo-move', streamId: S })).toMatchObject({ ok: false, code: 'full' });
  });

  it('refuses when the moved card has left the board since', () => {
    addCards(w, 'a', 1);
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('z') });
    w.ok({ type: 'card.complete', cardId: card('a-c0') });
    expect(w.send({ type: 'card.undo-move', streamId: S })).toMatchObject({ ok: false, code: 'stale' });
  });
});

describe('card rules', () => {
  it('complete only from the last stage, and not while blocked', () => {
    addCards(w, 'a', 1);
    expect(w.send({ type: 'card.complete', cardId: card('a-c0') })).toMatchObject({ ok: false, code: 'invalid', error: 'Only cards in the last stage (Stage z) can be completed.' });
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('z') });
    w.ok({ type: 'card.block', cardId: card('a-c0'), reason: 'Scratch' });
    expect(w.send({ type: 'card.complete', cardId: card('a-c0') })).toMatchObject({ ok: false, error: expect.stringMatching(/blocked \(Scratch\)/) });
    w.ok({ type: 'card.unblock', cardId: card('a-c0') });
    w.ok({ type: 'card.complete', cardId: card('a-c0') }, 9000);
    expect(w.state.cards['a-c0']).toMatchObject({ retired: true, enteredStageAt: 9000 });
    expect(w.state.counts.z).toBe(0);
  });

  it('moving the last stage changes which stage completes', () => {
    addCards(w, 'a', 1);
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('b') });
    w.ok({ type: 'stage.move', stageId: stage('b'), direction: 1 });
    w.ok({ type: 'stage.move', stageId: stage('b'), direction: 1 });
    w.ok({ type: 'card.complete', cardId: card('a-c0') });
  });

  it('edit keeps omitted fields, clears an emptied note, and a no-op edit emits nothing', () => {
    addCards(w, 'a', 1);
    w.ok({ type: 'card.edit', cardId: card('a-c0'), fields: { note: ' hot ', quantity: 3 } });
    expect(w.state.cards['a-c0']).toMatchObject({ partNumber: 'P-1', family: 'F', quantity: 3, note: 'hot' });
    expect(w.ok({ type: 'card.edit', cardId: card('a-c0'), fields: { quantity: 3, family: undefined } }).events).toEqual([]);
    w.ok({ type: 'card.edit', cardId: card('a-c0'), fields: { note: '' } });
    expect(w.state.cards['a-c0']).not.toHaveProperty('note');
    expect(w.send({ type: 'card.edit', cardId: card('a-c0'), fields: { quantity: 1.5 } })).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('value-stream rules', () => {
  it('a stage holding cards cannot be removed; an empty one can, and the others close up', () => {
    addCards(w, 'b', 1);
    expect(w.send({ type: 'stage.remove', stageId: stage('b') })).toMatchObject({
      ok: false,
      error: '"Stage b" still holds 1 card; move it to another stage before removing the stage.',
    });
    const removed = w.ok({ type: 'stage.remove', stageId: stage('soft') });
    expect(removed.events.map((e) => e.type)).toEqual(['stage-removed', 'stages-reordered']);
    expect(Object.values(w.state.stages).map((s) => [s.id, s.order]).sort()).toEqual([
      ['a', 0],
      ['b', 1],
      ['z', 2],
    ]);
  });

  it('names: empty, too long and clashing names are refused; another stream may reuse a stage name', () => {
    expect(w.send({ type: 'stream.create', name: 'Line' })).toMatchObject({ ok: false, error: 'There is already a value stream called "Line".' });
    expect(w.send({ type: 'stream.create', name: 'x'.repeat(MAX_NAME_LENGTH + 1) })).toMatchObject({ ok: false, code: 'invalid' });
    expect(w.send({ type: 'stream.create', name: 'x'.repeat(MAX_NAME_LENGTH) }).ok).toBe(true);
    expect(w.send({ type: 'stage.add', streamId: S, name: ' Stage a ', cardLimit: 1, policy: 'hard' })).toMatchObject({ ok: false, error: 'This value stream already has a stage called "Stage a".' });
    expect(w.send({ type: 'stage.rename', stageId: stage('b'), name: 'Stage a' })).toMatchObject({ ok: false, code: 'invalid' });
    const other = w.ok({ type: 'stream.create', name: 'Other' });
    expect(w.send({ type: 'stage.add', streamId: asId('stream', other.outcome.id!), name: 'Stage a', cardLimit: 1, policy: 'hard' }).ok).toBe(true);
  });

  it('the calendar is checked by the engine: no working time, no shifts or bad days are refused with its message', () => {
    const shift = { name: 'Day', startMinute: 360, endMinute: 840, breaks: [{ name: 'Meal', minutes: 30 }], plannedDowntimeMinutes: 0 };
    expect(w.ok({ type: 'stream.set-calendar', streamId: S, calendar: { shifts: [shift], workingDaysPerWeek: 5 } }).events[0]).toMatchObject({ type: 'calendar-set' });
    expect(w.state.streams[S]!.calendar.shifts[0]).toEqual(shift);
    expect(w.send({ type: 'stream.set-calendar', streamId: S, calendar: { shifts: [{ ...shift, plannedDowntimeMinutes: 450 }], workingDaysPerWeek: 5 } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/leaving no time to work/),
    });
    expect(w.send({ type: 'stream.set-calendar', streamId: S, calendar: { shifts: [], workingDaysPerWeek: 5 } })).toMatchObject({ ok: false, error: expect.stringMatching(/no shifts/) });
    expect(w.send({ type: 'stream.set-calendar', streamId: S, calendar: { shifts: [shift], workingDaysPerWeek: 8 } })).toMatchObject({ ok: false, error: expect.stringMatching(/at most 7/) });
    expect(w.send({ type: 'stream.set-calendar', streamId: S, calendar: { shifts: [shift, { ...shift, name: 'Late' }, { ...shift, name: 'Night' }, { ...shift, name: 'Extra' }], workingDaysPerWeek: 5 } })).toMatchObject({
      ok: false,
      // Overlapping shifts now count once (issue 16); the same shift entered twice is refused as a duplicate.
      error: expect.stringMatching(/Shift "Late" is a duplicate of shift "Day"/),
    });
  });

  it('limit proposals apply as one logged change: an event per changed stage, nothing if one is bad', () => {
    const applied = w.ok({
      type: 'stage.apply-proposals',
      streamId: S,
      proposals: [
        { stageId: stage('a'), limit: 12, basis: 'loop A' },
        { stageId: stage('b'), limit: 2, basis: 'same' },
        { stageId: stage('z'), limit: 4, basis: 'loop Z' },
      ],
    });
    expect(applied.outcome.changed).toBe(2);
    expect(applied.events).toEqual([
      expect.objectContaining({ type: 'limit-change', stageId: 'a', oldLimit: 10, newLimit: 12, reason: 'engine proposal: loop A' }),
      expect.objectContaining({ type: 'limit-change', stageId: 'z', oldLimit: 10, newLimit: 4, reason: 'engine proposal: loop Z' }),
    ]);
    expect(new Set(applied.events.map((e) => e.commandId)).size).toBe(1);
    const before = structuredClone(w.state);
    expect(w.send({ type: 'stage.apply-proposals', streamId: S, proposals: [{ stageId: stage('a'), limit: 3, basis: '' }, { stageId: stage('b'), limit: 0.5, basis: '' }] }).ok).toBe(false);
    expect(w.send({ type: 'stage.apply-proposals', streamId: S, proposals: [{ stageId: stage('a'), limit: 3, basis: '' }, { stageId: stage('gone'), limit: 1, basis: '' }] }).ok).toBe(false);
    expect(w.state).toEqual(before);
  });

  it('a manual limit needs a reason, which the stage keeps until an engine proposal replaces the limit', () => {
    expect(w.send({ type: 'stage.override-limit', stageId: stage('b'), limit: 1, reason: ' ' })).toMatchObject({ ok: false, error: expect.stringMatching(/needs a reason/) });
    w.ok({ type: 'stage.override-limit', stageId: stage('b'), limit: 1, reason: 'One rig' });
    expect(w.state.stages.b).toMatchObject({ cardLimit: 1, limitOverrideReason: 'One rig' });
    w.ok({ type: 'stage.apply-proposals', streamId: S, proposals: [{ stageId: stage('b'), limit: 3, basis: 'loop' }] });
    expect(w.state.stages.b).toMatchObject({ cardLimit: 3 });
    expect(w.state.stages.b).not.toHaveProperty('limitOverrideReason');
  });
});

describe('balancing rules', () => {
  const CELL = asId('cell', 'cell-1');

  /** A cell with elements A → B → C, A and B on station 1 and C on station 2, and D unassigned. */
  function cell(world: World) {
    world.state = {
      ...world.state,
      cells: { [CELL]: { id: CELL, streamId: S, name: 'Cell' } },
      stations: {
        st1: { id: 'st1', cellId: CELL, name: 'Operator 1', order: 0 },
        st2: { id: 'st2', cellId: CELL, name: 'Operator 2', order: 1 },
      },
      workElements: {
        A: { id: 'A', name: 'Fit', time: seconds(10), predecessors: [], cellId: CELL, stationId: 'st1', position: 0 },
        B: { id: 'B', name: 'Press', time: seconds(20), predecessors: ['A'], cellId: CELL, stationId: 'st1', position: 1 },
        C: { id: 'C', name: 'Check', time: seconds(5), predecessors: ['B'], cellId: CELL, stationId: 'st2', position: 0 },
        D: { id: 'D', name: 'Label', time: seconds(3), predecessors: [], cellId: CELL, stationId: null, position: 0 },
      },
    };
  }
  const on = (stationId: string | null) =>
    Object.values(w.state.workElements)
      .filter((e) => e.stationId === stationId)
      .sort((a, b) => a.position - b.position)
      .map((e) => `${e.id}${e.position}`);

  beforeEach(() => cell(w));

  it('element.move renumbers both lists so places stay dense', () => {
    w.ok({ type: 'element.move', elementId: el('A'), toStationId: asId('station', 'st2'), index: 1 });
    expect(on('st1')).toEqual(['B0']);
    expect(on('st2')).toEqual(['C0', 'A1']);
    w.ok({ type: 'element.move', elementId: el('D'), toStationId: asId('station', 'st2'), index: 0 });
    expect(on('st2')).toEqual(['D0', 'C1', 'A2']);
    expect(on(null)).toEqual([]);
    w.ok({ type: 'element.move', elementId: el('A'), toStationId: asId('station', 'st2'), index: 0 });
    expect(on('st2')).toEqual(['A0', 'D1', 'C2']);
  });

  it('a precedence cycle is refused with the elements on it named', () => {
    const result = w.send({ type: 'element.save', cellId: CELL, elementId: el('A'), element: { name: 'Fit', time: 10, predecessors: ['C'] } });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(!result.ok && result.error).toMatch(/cycle/);
    for (const name of ['"Fit"', '"Press"', '"Check"']) expect(!result.ok && result.error).toContain(name);
    expect(w.state.workElements.A!.predecessors).toEqual([]);
  });

  it('balance.apply lays out the stations as given and unassigns the rest in line order', () => {
    const applied = w.ok({ type: 'balance.apply', cellId: CELL, stations: [[el('C')], [el('A')], [el('D')]] });
    expect(applied.events.map((e) => e.type)).toEqual(['cell-laid-out']);
    expect(Object.values(w.state.stations).map((s) => [s.name, s.order]).sort()).toEqual([
      ['Operator 1', 0],
      ['Operator 2', 1],
      ['Operator 3', 2],
    ]);
    expect(on(null)).toEqual(['B0']);
  });

  it('a scenario saved under an existing name replaces it and keeps its id', () => {
    const first = w.ok({ type: 'scenario.save', cellId: CELL, name: 'before', cycle: 30 }, 1);
    w.ok({ type: 'element.move', elementId: el('C'), toStationId: asId('station', 'st1'), index: 9 });
    const second = w.ok({ type: 'scenario.save', cellId: CELL, name: 'before', cycle: 30 }, 2);
    expect(second.outcome.id).toBe(first.outcome.id);
    expect(Object.keys(w.state.scenarios)).toEqual([first.outcome.id]);
    expect(w.state.scenarios[first.outcome.id!]!.stations).toEqual([
      { name: 'Operator 1', elementIds: ['A', 'B', 'C'] },
      { name: 'Operator 2', elementIds: [] },
    ]);
  });
});

describe('the log', () => {
  it('replayed from empty, it rebuilds the state: records, stage counts and what undo may take back', () => {
    addCards(w, 'a', 4);
    addCards(w, 'soft', 1);
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('b') }, 2000);
    w.ok({ type: 'card.move', cardId: card('a-c1'), toStageId: stage('soft'), reason: 'Rush' }, 2001);
    w.ok({ type: 'card.move', cardId: card('a-c0'), toStageId: stage('z') }, 2002);
    w.ok({ type: 'card.undo-move', streamId: S }, 2003);
    w.ok({ type: 'card.edit', cardId: card('a-c2'), fields: { quantity: 4, note: 'Split' } });
    w.ok({ type: 'card.block', cardId: card('a-c3'), reason: 'Gauge' });
    w.ok({ type: 'card.retire', cardId: card('soft-c0') });
    w.ok({ type: 'stage.override-limit', stageId: stage('z'), limit: 3, reason: 'Crane' });
    w.ok({ type: 'stage.add', streamId: S, name: 'Rework', cardLimit: 1, policy: 'hard' });
    w.ok({ type: 'stage.move', stageId: stage('z'), direction: 1 });
    w.ok({ type: 'part.add', streamId: S, part: { partNumber: 'P-1', name: 'Bracket', family: 'F', demandPerDay: 100, containerQuantity: 10 } });
    const replayed = replayLog(w.log, emptySnapshot());
    expect(replayed).toEqual(w.state);
    expect(replayed.counts).toEqual(countCards(replayed));
    expect(replayed.undoable[S]!.map((m) => m.cardId)).toEqual(['a-c0', 'a-c1']);
  });
});
