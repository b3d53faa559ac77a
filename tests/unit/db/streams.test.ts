// Value-stream commands through the store: stage rules, card limits as one logged change, parts, loops and the calendar,
// refusals that change nothing, and a log that holds every edit (replayed over the seeded state it rebuilds the tables).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { streamEvents, streamStages } from '../../../src/db/queries.ts';
import type { TaktDb } from '../../../src/db/schema.ts';
import { replayLog, type Command, type LoopFields, type PartFields } from '../../../src/engine/commands/index.ts';
import type { BoardEvent } from '../../../src/engine/events.ts';
import { streamLimitProposals } from '../../../src/engine/api/limits-api.ts';
import { asId } from '../../../src/engine/ids.ts';
import type { ShiftCalendar } from '../../../src/engine/model.ts';
import { accepted, commander, demoDb, dump, recordsOf, snapshotOf, type Run } from './helpers.ts';

const STREAM = asId('stream', 'demo-steering');
const author = { who: 'Coordinator', at: Date.UTC(2026, 10, 26, 12) };
const stageId = (id: string) => asId('stage', id);
let db: TaktDb;
let run: Run;
/** The id of the newest event before the test's commands: what a test appended is everything after it. */
let seededUpTo: number;

beforeEach(async () => {
  db = await demoDb('streams');
  run = commander(db, author);
  seededUpTo = (await db.events.orderBy('id').last())!.id!;
});

const appended = async (): Promise<BoardEvent[]> => db.events.where('id').above(seededUpTo).toArray();
const names = async (streamId = STREAM) => (await streamStages(db, streamId)).map((s) => s.name);
const orders = async (streamId = STREAM) => (await streamStages(db, streamId)).map((s) => s.order);
const stageNamed = async (name: string) => (await streamStages(db, STREAM)).find((s) => s.name === name)!;
const contiguous = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('stages', () => {
  it('stage.add appends a stage at the downstream end with the next order, and logs it', async () => {
    const added = accepted(await run({ type: 'stage.add', streamId: STREAM, name: '  Packing ', cardLimit: 3, policy: 'soft' }));
    expect((await names()).at(-1)).toBe('Packing');
    expect(await orders()).toEqual(contiguous(9));
    const packing = await stageNamed('Packing');
    expect(packing).toMatchObject({ id: added.outcome.id, cardLimit: 3, policy: 'soft', streamId: STREAM, order: 8 });
    expect(added.events).toEqual([expect.objectContaining({ type: 'stage-added', stage: packing, streamId: STREAM, who: 'Coordinator', at: author.at })]);
  });

  it('stage.add refuses a name the stream already has, an empty or too long name, a bad limit or policy', async () => {
    const before = await dump(db);
    const bad = [
      [{ name: 'Welding', cardLimit: 3, policy: 'hard' }, /already has a stage called "Welding"/],
      [{ name: '  ', cardLimit: 3, policy: 'hard' }, /cannot be empty/],
      [{ name: 'x'.repeat(61), cardLimit: 3, policy: 'hard' }, /at most 60 characters; it has 61/],
      [{ name: 'Rework', cardLimit: -1, policy: 'hard' }, /whole number of cards, 0 or more; got -1/],
      [{ name: 'Rework', cardLimit: 1.5, policy: 'hard' }, /whole number of cards/],
      [{ name: 'Rework', cardLimit: 2, policy: 'loose' }, /"hard" or "soft"; got "loose"/],
    ] as const;
    for (const [fields, message] of bad) {
      expect(await run({ type: 'stage.add', streamId: STREAM, ...(fields as { name: string; cardLimit: number; policy: 'hard' }) })).toMatchObject({
        ok: false,
        code: 'invalid',
        error: expect.stringMatching(message),
      });
    }
    expect(await run({ type: 'stage.add', streamId: asId('stream', 'nowhere'), name: 'X', cardLimit: 1, policy: 'hard' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });

  it('stage.rename renames and logs it, and refuses empty names and names another stage has', async () => {
    const welding = await stageNamed('Welding');
    const renamed = accepted(await run({ type: 'stage.rename', stageId: stageId(welding.id), name: 'Laser welding' }));
    expect((await db.stages.get(welding.id))!.name).toBe('Laser welding');
    expect(renamed.events).toEqual([expect.objectContaining({ type: 'stage-renamed', stageId: welding.id, name: 'Laser welding' })]);
    const before = await dump(db);
    expect(await run({ type: 'stage.rename', stageId: stageId(welding.id), name: '   ' })).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be empty/) });
    expect(await run({ type: 'stage.rename', stageId: stageId(welding.id), name: 'Stamping' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/already has a stage called "Stamping"/),
    });
    expect(await run({ type: 'stage.rename', stageId: stageId('no-such-stage'), name: 'X' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(accepted(await run({ type: 'stage.rename', stageId: stageId(welding.id), name: ' Laser welding ' })).events).toEqual([]);
    expect(await dump(db)).toBe(before);
  });

  it('stage.move swaps a stage with its neighbour, orders stay 0, 1, 2, … without gaps, and the new order is logged', async () => {
    const welding = await stageNamed('Welding');
    const up = accepted(await run({ type: 'stage.move', stageId: stageId(welding.id), direction: -1 }));
    expect((await names()).slice(0, 4)).toEqual(['Receiving', 'Welding', 'Stamping', 'Machining']);
    expect(up.events).toEqual([expect.objectContaining({ type: 'stages-reordered', order: (await streamStages(db, STREAM)).map((s) => s.id) })]);
    accepted(await run({ type: 'stage.move', stageId: stageId(welding.id), direction: 1 }));
    expect((await names()).slice(0, 4)).toEqual(['Receiving', 'Stamping', 'Welding', 'Machining']);
    expect(await orders()).toEqual(contiguous(8));
  });

  it('stage.move refuses to move the first stage further upstream or the last further downstream', async () => {
    const before = await dump(db);
    expect(await run({ type: 'stage.move', stageId: stageId((await stageNamed('Receiving')).id), direction: -1 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/already the first/),
    });
    expect(await run({ type: 'stage.move', stageId: stageId((await stageNamed('Shipping')).id), direction: 1 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/already the last/),
    });
    expect(await dump(db)).toBe(before);
  });

  it('stage.remove refuses a stage that holds cards, naming how many, and changes nothing', async () => {
    const cards = await db.cards.where('streamId').equals(STREAM).filter((c) => !c.retired).toArray();
    const busy = cards[0]!.stageId;
    const holding = cards.filter((c) => c.stageId === busy).length;
    const before = await dump(db);
    const result = await run({ type: 'stage.remove', stageId: stageId(busy) });
    expect(result).toMatchObject({ ok: false, code: 'invalid', error: expect.stringContaining(`still holds ${holding} card`) });
    expect(await dump(db)).toBe(before);
  });

  it('stage.remove removes an empty stage and closes the gap in the orders, logging both in one command', async () => {
    const added = accepted(await run({ type: 'stage.add', streamId: STREAM, name: 'Rework', cardLimit: 2, policy: 'hard' }));
    const rework = stageId(added.outcome.id!);
    accepted(await run({ type: 'stage.move', stageId: rework, direction: -1 }));
    accepted(await run({ type: 'stage.move', stageId: rework, direction: -1 }));
    const removed = accepted(await run({ type: 'stage.remove', stageId: rework }, { commandId: 'remove-rework' }));
    expect(await db.stages.get(rework)).toBeUndefined();
    expect(await orders()).toEqual(contiguous(8));
    expect(await names()).not.toContain('Rework');
    expect(removed.events.map((e) => e.type)).toEqual(['stage-removed', 'stages-reordered']);
    expect(removed.events.every((e) => e.commandId === 'remove-rework')).toBe(true);
    expect(await db.events.where('commandId').equals('remove-rework').count()).toBe(2);
  });

  it('stage.remove of the last stage needs no renumbering', async () => {
    const added = accepted(await run({ type: 'stage.add', streamId: STREAM, name: 'Dock', cardLimit: 2, policy: 'hard' }));
    const removed = accepted(await run({ type: 'stage.remove', stageId: stageId(added.outcome.id!) }));
    expect(removed.events.map((e) => e.type)).toEqual(['stage-removed']);
    expect(await orders()).toEqual(contiguous(8));
  });

  it('stage.remove ignores finished cards, which only keep the stage in history', async () => {
    const added = accepted(await run({ type: 'stage.add', streamId: STREAM, name: 'Archive', cardLimit: 2, policy: 'hard' }));
    const archive = stageId(added.outcome.id!);
    const created = accepted(await run({ type: 'card.create', streamId: STREAM, stageId: archive, fields: { partNumber: 'SC-100', quantity: 20, family: 'Columns' } }));
    const before = await dump(db);
    expect(await run({ type: 'stage.remove', stageId: archive })).toMatchObject({ ok: false, error: expect.stringContaining('still holds 1 card; move it') });
    expect(await dump(db)).toBe(before);
    // The archive is the last stage, so its card can be completed there.
    accepted(await run({ type: 'card.complete', cardId: asId('card', created.outcome.id!) }));
    accepted(await run({ type: 'stage.remove', stageId: archive }));
    expect(await db.stages.get(archive)).toBeUndefined();
  });

  it('stage.set-policy switches between hard and soft, logs the switch, and refuses anything else', async () => {
    const stamping = await stageNamed('Stamping');
    const set = accepted(await run({ type: 'stage.set-policy', stageId: stageId(stamping.id), policy: 'soft' }));
    expect((await db.stages.get(stamping.id))!.policy).toBe('soft');
    expect(set.events).toEqual([expect.objectContaining({ type: 'stage-policy-set', stageId: stamping.id, policy: 'soft' })]);
    expect(accepted(await run({ type: 'stage.set-policy', stageId: stageId(stamping.id), policy: 'soft' })).events).toEqual([]);
    const before = await dump(db);
    expect(await run({ type: 'stage.set-policy', stageId: stageId(stamping.id), policy: 'loose' as never })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await dump(db)).toBe(before);
  });

  it('stage.set-loop ties a stage to a loop of its own stream only, and logs each change', async () => {
    const machining = stageId((await stageNamed('Machining')).id);
    const tied = accepted(await run({ type: 'stage.set-loop', stageId: machining, loopId: asId('loop', 'loop-is-310') }));
    expect((await db.stages.get(machining))!.loopId).toBe('loop-is-310');
    expect(tied.events).toEqual([expect.objectContaining({ type: 'stage-loop-set', stageId: machining, loopId: 'loop-is-310' })]);
    const before = await dump(db);
    expect(await run({ type: 'stage.set-loop', stageId: machining, loopId: asId('loop', 'no-such-loop') })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
    const untied = accepted(await run({ type: 'stage.set-loop', stageId: machining, loopId: null }));
    expect((await db.stages.get(machining))!).not.toHaveProperty('loopId');
    expect(untied.events).toEqual([expect.objectContaining({ type: 'stage-loop-set', loopId: null })]);
  });

  it('stage.set-loop refuses a loop of another stream', async () => {
    const other = accepted(await run({ type: 'stream.create', name: 'Rack line' }));
    accepted(await run({ type: 'part.add', streamId: asId('stream', other.outcome.id!), part: { partNumber: 'R-1', name: '', family: 'Racks', demandPerDay: 10, containerQuantity: 5 } }));
    const loop = accepted(
      await run({
        type: 'loop.add',
        streamId: asId('stream', other.outcome.id!),
        loop: { name: 'Rack loop', kind: 'production', partNumber: 'R-1', demandShare: 1, processingDays: 1, waitingDays: 0, transportDays: 0, safetyFactor: 0, containerQuantity: 5 } as LoopFields,
      }),
    );
    const before = await dump(db);
    const machining = stageId((await stageNamed('Machining')).id);
    expect(await run({ type: 'stage.set-loop', stageId: machining, loopId: asId('loop', loop.outcome.id!) })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });
});

describe('card limits', () => {
  it('stage.apply-proposals writes every changed limit and one limit-change event per changed stage, in one command', async () => {
    const [stamping, welding, machining] = [await stageNamed('Stamping'), await stageNamed('Welding'), await stageNamed('Machining')];
    const eventsBefore = await db.events.count();
    const result = await run(
      {
        type: 'stage.apply-proposals',
        streamId: STREAM,
        proposals: [
          { stageId: stageId(stamping.id), limit: 9, basis: 'basis A' },
          { stageId: stageId(welding.id), limit: welding.cardLimit, basis: 'unchanged' },
          { stageId: stageId(machining.id), limit: 3, basis: 'basis B' },
        ],
      },
      { commandId: 'apply-limits' },
    );
    expect(result).toMatchObject({ ok: true, value: { outcome: { changed: 2 } } });
    expect((await db.stages.get(stamping.id))!.cardLimit).toBe(9);
    expect((await db.stages.get(machining.id))!.cardLimit).toBe(3);
    expect((await db.stages.get(welding.id))!.cardLimit).toBe(welding.cardLimit);
    expect(await db.events.count()).toBe(eventsBefore + 2);
    const events = await db.events.where('commandId').equals('apply-limits').toArray();
    expect(events).toEqual([
      expect.objectContaining({ type: 'limit-change', stageId: stamping.id, oldLimit: 6, newLimit: 9, reason: 'engine proposal: basis A', who: 'Coordinator', at: author.at }),
      expect.objectContaining({ type: 'limit-change', stageId: machining.id, oldLimit: 5, newLimit: 3, reason: 'engine proposal: basis B' }),
    ]);
    expect(accepted(result).events).toEqual(events);
  });

  it('stage.apply-proposals clears a manual override reason on the stages it sets', async () => {
    const test = await stageNamed('Test & inspect');
    expect(test.limitOverrideReason).toBeTruthy();
    accepted(await run({ type: 'stage.apply-proposals', streamId: STREAM, proposals: [{ stageId: stageId(test.id), limit: 7, basis: 'b' }] }));
    expect((await db.stages.get(test.id))!).not.toHaveProperty('limitOverrideReason');
    expect((await db.stages.get(test.id))!.cardLimit).toBe(7);
  });

  it('stage.apply-proposals is all or nothing: one bad proposal writes no limit and no event', async () => {
    const before = await dump(db);
    const stamping = stageId((await stageNamed('Stamping')).id);
    const negative = await run({
      type: 'stage.apply-proposals',
      streamId: STREAM,
      proposals: [
        { stageId: stamping, limit: 9, basis: 'b' },
        { stageId: stamping, limit: -1, basis: 'b' },
      ],
    });
    expect(negative).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/whole number of cards, 0 or more; got -1/) });
    const unknown = await run({
      type: 'stage.apply-proposals',
      streamId: STREAM,
      proposals: [
        { stageId: stamping, limit: 9, basis: 'b' },
        { stageId: stageId('nowhere'), limit: 2, basis: 'b' },
      ],
    });
    expect(unknown).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });

  it('the engine proposals of the demo line apply as one change: a limit-change event per changed stage', async () => {
    // The demo's limits match its loops; a demand rise on part SC-100 (460 → 800 a day) makes the engine propose more cards.
    const part = (await db.parts.where('partNumber').equals('SC-100').first())!;
    const updated = accepted(await run({ type: 'part.set-demand', partId: asId('part', part.id), demandPerDay: 800 }));
    expect(updated.events).toEqual([expect.objectContaining({ type: 'part-updated', part: { ...part, demandPerDay: 800 } })]);
    const result = streamLimitProposals({
      stages: await streamStages(db, STREAM),
      loops: await db.loops.where('streamId').equals(STREAM).toArray(),
      parts: await db.parts.where('streamId').equals(STREAM).toArray(),
      calendar: (await db.streams.get(STREAM))!.calendar,
      events: [],
      now: author.at,
      threshold: 0.25,
    });
    if (!result.ok) throw new Error(result.error);
    const changed = result.value.planned.filter((p) => p.changed && p.basis);
    expect(changed.length).toBeGreaterThan(0);
    const applied = await run({
      type: 'stage.apply-proposals',
      streamId: STREAM,
      proposals: changed.map((p) => ({ stageId: stageId(p.stageId), limit: p.proposedLimit, basis: p.basis!.explanation })),
    });
    expect(applied).toMatchObject({ ok: true, value: { outcome: { changed: changed.length } } });
    const logged = await db.events.filter((e) => e.type === 'limit-change').toArray();
    expect(logged).toHaveLength(changed.length);
    expect(logged[0]!.type === 'limit-change' && logged[0]!.reason).toMatch(/^engine proposal: .*rounded up to \d+ cards?\.$/);
  });

  it('drift re-proposals compare like with like: the demo\'s cards timed round each loop agree with its plan, so nothing is re-proposed (no Final assembly 6 → 2)', async () => {
    const now = Date.UTC(2026, 10, 26);
    const result = streamLimitProposals({
      stages: await streamStages(db, STREAM),
      loops: await db.loops.where('streamId').equals(STREAM).toArray(),
      parts: await db.parts.where('streamId').equals(STREAM).toArray(),
      calendar: (await db.streams.get(STREAM))!.calendar,
      events: await streamEvents(db, STREAM),
      now,
      threshold: 0.25,
    });
    if (!result.ok) throw new Error(result.error);
    const sc100 = result.value.loops.find((l) => l.loopId === 'loop-sc-100')!;
    expect(sc100.plannedDays).toBeCloseTo(0.22, 12);
    expect(sc100.trips).toBeGreaterThanOrEqual(10);
    expect(Math.abs(sc100.days! - 0.22) / 0.22).toBeLessThan(0.25);
    const measured = result.value.measured.find((p) => p.stageId === 'stage-6')!;
    expect(measured).toMatchObject({ driftExceeded: false, proposedLimit: 6 });
    expect(result.value.measured.filter((p) => p.driftExceeded)).toEqual([]);
  });

  it('stage.override-limit needs a reason, keeps it on the stage and logs the change', async () => {
    const stamping = await stageNamed('Stamping');
    const before = await dump(db);
    expect(await run({ type: 'stage.override-limit', stageId: stageId(stamping.id), limit: 4, reason: '  ' })).toMatchObject({
      ok: false,
      code: 'invalid',
      error: expect.stringMatching(/needs a reason/),
    });
    expect(await dump(db)).toBe(before);
    accepted(await run({ type: 'stage.override-limit', stageId: stageId(stamping.id), limit: 4, reason: ' Press 2 down for repair ' }));
    expect(await db.stages.get(stamping.id)).toMatchObject({ cardLimit: 4, limitOverrideReason: 'Press 2 down for repair' });
    const events = await appended();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'limit-change',
        stageId: stamping.id,
        oldLimit: 6,
        newLimit: 4,
        reason: 'manual override: Press 2 down for repair',
        overrideReason: 'Press 2 down for repair',
        who: 'Coordinator',
      }),
    ]);
  });

  it('stage.override-limit refuses a negative or fractional limit and changes nothing', async () => {
    const stamping = stageId((await stageNamed('Stamping')).id);
    const before = await dump(db);
    expect(await run({ type: 'stage.override-limit', stageId: stamping, limit: -2, reason: 'why' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'stage.override-limit', stageId: stamping, limit: 2.5, reason: 'why' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'stage.override-limit', stageId: stageId('nowhere'), limit: 2, reason: 'why' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });

  it('a lowered limit then holds the line: the pull rule refuses the next card', async () => {
    const welding = await stageNamed('Welding');
    const holding = await db.cards.where('[streamId+boardStageId]').equals([STREAM, welding.id]).count();
    accepted(await run({ type: 'stage.override-limit', stageId: stageId(welding.id), limit: holding, reason: 'Robot cell at half speed' }));
    const upstream = (await db.cards.where('[streamId+boardStageId]').equals([STREAM, (await stageNamed('Stamping')).id]).first())!;
    expect(await run({ type: 'card.move', cardId: asId('card', upstream.id), toStageId: stageId(welding.id) })).toMatchObject({
      ok: false,
      code: 'full',
      stage: { cardLimit: holding, count: holding },
    });
  });
});

describe('streams, parts, loops and the calendar', () => {
  const defaultCalendar: ShiftCalendar = {
    shifts: [{ name: 'Day', startMinute: 6 * 60, endMinute: 14 * 60, breaks: [{ name: 'Meal', minutes: 30 }], plannedDowntimeMinutes: 0 }],
    workingDaysPerWeek: 5,
  };

  it('stream.create makes a stream with a default calendar that has working time; stream.rename renames it; both are logged', async () => {
    const created = accepted(await run({ type: 'stream.create', name: ' Rack line ' }, { at: 1 }));
    const id = created.outcome.id!;
    expect(await db.streams.get(id)).toEqual({ id, name: 'Rack line', calendar: defaultCalendar, createdAt: 1 });
    accepted(await run({ type: 'stream.rename', streamId: asId('stream', id), name: 'Rack and pinion line' }));
    expect((await db.streams.get(id))!.name).toBe('Rack and pinion line');
    expect(await streamStages(db, id)).toEqual([]);
    expect((await streamEvents(db, id)).map((e) => e.type)).toEqual(['stream-created', 'stream-renamed']);
  });

  it('stream names must be non-empty and unique', async () => {
    const before = await dump(db);
    expect(await run({ type: 'stream.create', name: ' ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'stream.create', name: 'Steering column line' })).toMatchObject({ ok: false, error: expect.stringMatching(/already a value stream/) });
    expect(await run({ type: 'stream.rename', streamId: STREAM, name: '' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'stream.rename', streamId: asId('stream', 'nowhere'), name: 'X' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
    accepted(await run({ type: 'stream.create', name: 'Rack line' }));
    const clash = await run({ type: 'stream.rename', streamId: STREAM, name: 'Rack line' });
    expect(clash).toMatchObject({ ok: false, error: 'There is already a value stream called "Rack line".' });
  });

  it('part.add, part.update and part.set-demand store a part; duplicates, empty numbers, demand ≤ 0 and container quantity ≤ 0 are refused', async () => {
    const part: PartFields = { partNumber: 'SC-300', name: 'Column, electric', family: 'Columns', demandPerDay: 50, containerQuantity: 10 };
    const added = accepted(await run({ type: 'part.add', streamId: STREAM, part }));
    const partId = asId('part', added.outcome.id!);
    accepted(await run({ type: 'part.update', partId, part: { ...part, demandPerDay: 80 } }));
    expect((await db.parts.get(partId))!.demandPerDay).toBe(80);
    accepted(await run({ type: 'part.set-demand', partId, demandPerDay: 90 }));
    expect(await db.parts.get(partId)).toEqual({ id: partId, streamId: STREAM, ...part, demandPerDay: 90 });
    expect((await appended()).map((e) => e.type)).toEqual(['part-added', 'part-updated', 'part-updated']);
    const before = await dump(db);
    expect(await run({ type: 'part.add', streamId: STREAM, part })).toMatchObject({ ok: false, error: expect.stringMatching(/already has a part SC-300/) });
    expect(await run({ type: 'part.update', partId: asId('part', 'part-sc100'), part })).toMatchObject({ ok: false, error: expect.stringMatching(/already has a part SC-300/) });
    expect(await run({ type: 'part.update', partId, part: { ...part, partNumber: '' } })).toMatchObject({ ok: false, error: expect.stringMatching(/part number cannot be empty/) });
    expect(await run({ type: 'part.update', partId, part: { ...part, demandPerDay: 0 } })).toMatchObject({ ok: false, error: expect.stringMatching(/Demand must be more than 0/) });
    expect(await run({ type: 'part.update', partId, part: { ...part, containerQuantity: -5 } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Container quantity must be more than 0/),
    });
    expect(await run({ type: 'part.set-demand', partId, demandPerDay: Number.NaN })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await run({ type: 'part.set-demand', partId: asId('part', 'nope'), demandPerDay: 5 })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });

  it('a part number may repeat in another stream', async () => {
    const other = accepted(await run({ type: 'stream.create', name: 'Rack line' }));
    const part: PartFields = { partNumber: 'SC-100', name: '', family: 'Columns', demandPerDay: 5, containerQuantity: 1 };
    const added = accepted(await run({ type: 'part.add', streamId: asId('stream', other.outcome.id!), part }));
    expect(await db.parts.get(added.outcome.id!)).toMatchObject({ partNumber: 'SC-100', name: 'SC-100' });
  });

  it('loop.update stores sizing inputs and refuses a share outside (0, 1], a part not in the stream, negative times, a zero lead time and container quantity ≤ 0', async () => {
    const loop = (await db.loops.get('loop-sc-100'))!;
    const { id: _id, streamId: _s, ...fields } = loop;
    accepted(await run({ type: 'loop.update', loopId: asId('loop', loop.id), loop: { ...fields, demandShare: 0.5 } as LoopFields }));
    expect((await db.loops.get(loop.id))!).toMatchObject({ demandShare: 0.5, streamId: STREAM });
    expect((await db.loops.get(loop.id))!).not.toHaveProperty('demandPerDay');
    const before = await dump(db);
    for (const bad of [
      { demandShare: 0 },
      { demandShare: 1.5 },
      { demandShare: Number.NaN },
      { partNumber: 'NO-SUCH-PART' },
      { waitingDays: -1 },
      { processingDays: 0, waitingDays: 0, transportDays: 0 },
      { safetyFactor: -0.1 },
      { containerQuantity: 0 },
      { name: '' },
      { kind: 'push' },
    ]) {
      expect(await run({ type: 'loop.update', loopId: asId('loop', loop.id), loop: { ...fields, ...bad } as LoopFields }), JSON.stringify(bad)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
    }
    expect(await run({ type: 'loop.update', loopId: asId('loop', 'nope'), loop: fields as LoopFields })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });

  it('loop.add adds a loop covering a share of its part\'s demand to a stream and logs it', async () => {
    const loop = {
      name: 'IS-320 loop',
      kind: 'withdrawal',
      partNumber: 'IS-310',
      demandShare: 0.25,
      processingDays: 0.5,
      waitingDays: 0.5,
      transportDays: 0,
      safetyFactor: 0,
      containerQuantity: 10,
    } as LoopFields;
    const added = accepted(await run({ type: 'loop.add', streamId: STREAM, loop }));
    expect(await db.loops.get(added.outcome.id!)).toEqual({ ...loop, id: added.outcome.id, streamId: STREAM });
    expect(added.events).toEqual([expect.objectContaining({ type: 'loop-added', loop: { ...loop, id: added.outcome.id, streamId: STREAM } })]);
  });

  it('stream.set-calendar stores a calendar the engine accepts, logs it, and refuses breaks longer than the shift with the engine message', async () => {
    const calendar = (await db.streams.get(STREAM))!.calendar;
    const shorter = { ...calendar, shifts: calendar.shifts.slice(0, 1) };
    const set = accepted(await run({ type: 'stream.set-calendar', streamId: STREAM, calendar: shorter }));
    expect((await db.streams.get(STREAM))!.calendar).toEqual(shorter);
    expect(set.events).toEqual([expect.objectContaining({ type: 'calendar-set', streamId: STREAM, calendar: shorter })]);
    const before = await dump(db);
    const shift = shorter.shifts[0]!;
    const tooLong = { ...shorter, shifts: [{ ...shift, breaks: [{ name: 'Meal', minutes: 600 }] }] };
    expect(await run({ type: 'stream.set-calendar', streamId: STREAM, calendar: tooLong })).toMatchObject({
      ok: false,
      code: 'invalid',
      error: expect.stringMatching(/leaving no time to work/),
    });
    for (const bad of [
      { ...shorter, shifts: [] },
      { ...shorter, workingDaysPerWeek: 0 },
      { ...shorter, shifts: [{ ...shift, name: '' }] },
      { ...shorter, shifts: [{ ...shift, breaks: [{ name: ' ', minutes: 5 }] }] },
    ]) {
      expect(await run({ type: 'stream.set-calendar', streamId: STREAM, calendar: bad })).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect(await run({ type: 'stream.set-calendar', streamId: asId('stream', 'nowhere'), calendar: shorter })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await dump(db)).toBe(before);
  });
});

describe('the log holds every edit', () => {
  it('each stage, loop, part and calendar edit appends an event, and those events replayed over the seeded state rebuild the tables', async () => {
    const seeded = await snapshotOf(db);
    const welding = stageId((await stageNamed('Welding')).id);
    const loop = (await db.loops.get('loop-sc-200'))!;
    const { id: _id, streamId: _s, ...loopFields } = loop;
    const calendar = (await db.streams.get(STREAM))!.calendar;
    const packing = accepted(await run({ type: 'stage.add', streamId: STREAM, name: 'Packing', cardLimit: 4, policy: 'soft' }));
    const commands: Command[] = [
      { type: 'stream.rename', streamId: STREAM, name: 'Steering columns' },
      { type: 'stream.set-calendar', streamId: STREAM, calendar: { ...calendar, workingDaysPerWeek: 6 } },
      { type: 'stage.rename', stageId: welding, name: 'Laser welding' },
      { type: 'stage.move', stageId: welding, direction: 1 },
      { type: 'stage.set-policy', stageId: welding, policy: 'soft' },
      { type: 'stage.set-loop', stageId: welding, loopId: asId('loop', loop.id) },
      { type: 'stage.override-limit', stageId: welding, limit: 3, reason: 'One welder' },
      { type: 'stage.apply-proposals', streamId: STREAM, proposals: [{ stageId: welding, limit: 5, basis: 'loop' }] },
      { type: 'stage.move', stageId: stageId(packing.outcome.id!), direction: -1 },
      { type: 'stage.remove', stageId: stageId(packing.outcome.id!) },
      { type: 'part.add', streamId: STREAM, part: { partNumber: 'SC-300', name: 'Column', family: 'Columns', demandPerDay: 50, containerQuantity: 10 } },
      { type: 'part.set-demand', partId: asId('part', 'part-sc200'), demandPerDay: 333 },
      { type: 'part.set-history', partId: asId('part', 'part-sc200'), history: [300, 310] },
      { type: 'loop.update', loopId: asId('loop', loop.id), loop: { ...loopFields, safetyFactor: 0.2 } as LoopFields },
    ];
    for (const command of commands) {
      const result = accepted(await run(command));
      expect(result.events.length, command.type).toBeGreaterThan(0);
    }
    const events = await appended();
    expect(events.map((e) => e.type)).toEqual([
      'stage-added',
      'stream-renamed',
      'calendar-set',
      'stage-renamed',
      'stages-reordered',
      'stage-policy-set',
      'stage-loop-set',
      'limit-change',
      'limit-change',
      'stages-reordered',
      'stage-removed',
      'stages-reordered',
      'part-added',
      'part-updated',
      'part-updated',
      'loop-updated',
    ]);
    expect(events.every((e) => e.streamId === STREAM && e.who === 'Coordinator' && e.at === author.at)).toBe(true);
    expect(recordsOf(replayLog(events, seeded))).toEqual(recordsOf(await snapshotOf(db)));
  });
});
