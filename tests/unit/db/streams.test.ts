// Value-stream writes: stage rules, card limits as one logged change, and refusals that change nothing.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { seedDemoIfEmpty } from '../../../src/db/seed.ts';
import { exportBackup } from '../../../src/db/backup.ts';
import {
  addLoop,
  addPart,
  addStage,
  applyLimitProposals,
  createStream,
  defaultCalendar,
  moveStage,
  overrideStageLimit,
  removeStage,
  renameStage,
  renameStream,
  setStageLoop,
  setStagePolicy,
  streamStages,
  updateCalendar,
  updateLoop,
  updatePart,
  updatePartDemand,
  type LoopFields,
} from '../../../src/db/streams.ts';
import { streamLimitProposals } from '../../../src/engine/api/limits-api.ts';
import { pieces, piecesPerDay } from '../../../src/engine/units.ts';

const demoText = readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8');
const STREAM = 'demo-steering';
const author = { who: 'Coordinator', at: Date.UTC(2026, 10, 26, 12) };
let db: TaktDb;

beforeEach(async () => {
  db = new TaktDb(`streams-${Math.random()}`);
  await seedDemoIfEmpty(db, async () => demoText, Date.UTC(2026, 10, 26));
});

async function snapshot() {
  return JSON.stringify((await exportBackup(db, 0)).tables);
}

const names = async (streamId = STREAM) => (await streamStages(db, streamId)).map((s) => s.name);
const orders = async (streamId = STREAM) => (await streamStages(db, streamId)).map((s) => s.order);
const stageNamed = async (name: string) => (await streamStages(db, STREAM)).find((s) => s.name === name)!;
const contiguous = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('stages', () => {
  it('addStage appends a stage at the downstream end with the next order', async () => {
    const result = await addStage(db, STREAM, { name: '  Packing ', cardLimit: 3, policy: 'soft' });
    expect(result.ok).toBe(true);
    expect((await names()).at(-1)).toBe('Packing');
    expect(await orders()).toEqual(contiguous(9));
    expect(await stageNamed('Packing')).toMatchObject({ cardLimit: 3, policy: 'soft', streamId: STREAM });
  });

  it('renameStage renames, and refuses empty names and names another stage has', async () => {
    const welding = await stageNamed('Welding');
    expect(await renameStage(db, welding.id, 'Laser welding')).toEqual({ ok: true });
    expect((await db.stages.get(welding.id))!.name).toBe('Laser welding');
    const before = await snapshot();
    expect(await renameStage(db, welding.id, '   ')).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be empty/) });
    expect(await renameStage(db, welding.id, 'Stamping')).toMatchObject({ ok: false, error: expect.stringMatching(/already has a stage called "Stamping"/) });
    expect(await snapshot()).toBe(before);
  });

  it('moveStage swaps a stage with its neighbour and orders stay 0, 1, 2, … without gaps', async () => {
    const welding = await stageNamed('Welding');
    expect(await moveStage(db, welding.id, -1)).toEqual({ ok: true });
    expect((await names()).slice(0, 4)).toEqual(['Receiving', 'Welding', 'Stamping', 'Machining']);
    expect(await moveStage(db, welding.id, 1)).toEqual({ ok: true });
    expect((await names()).slice(0, 4)).toEqual(['Receiving', 'Stamping', 'Welding', 'Machining']);
    expect(await orders()).toEqual(contiguous(8));
  });

  it('moveStage refuses to move the first stage further upstream or the last further downstream', async () => {
    const before = await snapshot();
    expect(await moveStage(db, (await stageNamed('Receiving')).id, -1)).toMatchObject({ ok: false, error: expect.stringMatching(/already the first/) });
    expect(await moveStage(db, (await stageNamed('Shipping')).id, 1)).toMatchObject({ ok: false, error: expect.stringMatching(/already the last/) });
    expect(await snapshot()).toBe(before);
  });

  it('removeStage refuses a stage that holds cards, naming how many, and changes nothing', async () => {
    const cards = await db.cards.where('streamId').equals(STREAM).filter((c) => !c.retired).toArray();
    const busy = cards[0].stageId;
    const holding = cards.filter((c) => c.stageId === busy).length;
    const before = await snapshot();
    const result = await removeStage(db, busy);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining(`still holds ${holding} card`) });
    expect(await snapshot()).toBe(before);
  });

  it('removeStage removes an empty stage and closes the gap in the orders', async () => {
    const added = await addStage(db, STREAM, { name: 'Rework', cardLimit: 2, policy: 'hard' });
    if (!added.ok) throw new Error(added.error);
    await moveStage(db, added.id, -1);
    await moveStage(db, added.id, -1);
    expect(await removeStage(db, added.id)).toEqual({ ok: true });
    expect(await db.stages.get(added.id)).toBeUndefined();
    expect(await orders()).toEqual(contiguous(8));
    expect(await names()).not.toContain('Rework');
  });

  it('removeStage ignores finished (retired) cards, which only keep the stage in history', async () => {
    const added = await addStage(db, STREAM, { name: 'Archive', cardLimit: 2, policy: 'hard' });
    if (!added.ok) throw new Error(added.error);
    const card = (await db.cards.where('streamId').equals(STREAM).filter((c) => c.retired).first())!;
    await db.cards.put({ ...card, id: 'retired-on-archive', stageId: added.id });
    expect(await removeStage(db, added.id)).toEqual({ ok: true });
  });

  it('setStagePolicy switches between hard and soft and refuses anything else', async () => {
    const stamping = await stageNamed('Stamping');
    expect(await setStagePolicy(db, stamping.id, 'soft')).toEqual({ ok: true });
    expect((await db.stages.get(stamping.id))!.policy).toBe('soft');
    expect((await setStagePolicy(db, stamping.id, 'loose' as never)).ok).toBe(false);
  });

  it('setStageLoop ties a stage to a loop of its own stream only', async () => {
    const machining = await stageNamed('Machining');
    expect(await setStageLoop(db, machining.id, 'loop-is-310')).toEqual({ ok: true });
    expect((await db.stages.get(machining.id))!.loopId).toBe('loop-is-310');
    expect((await setStageLoop(db, machining.id, 'no-such-loop')).ok).toBe(false);
    expect(await setStageLoop(db, machining.id, null)).toEqual({ ok: true });
    expect((await db.stages.get(machining.id))!.loopId).toBeUndefined();
  });
});

describe('card limits', () => {
  it('applyLimitProposals writes every changed limit and one limit-change event per changed stage, in one transaction', async () => {
    const [stamping, welding, machining] = [await stageNamed('Stamping'), await stageNamed('Welding'), await stageNamed('Machining')];
    const eventsBefore = await db.events.count();
    const result = await applyLimitProposals(
      db,
      STREAM,
      [
        { stageId: stamping.id, limit: 9, basis: 'basis A' },
        { stageId: welding.id, limit: welding.cardLimit, basis: 'unchanged' },
        { stageId: machining.id, limit: 3, basis: 'basis B' },
      ],
      author,
    );
    expect(result).toEqual({ ok: true, changed: 2 });
    expect((await db.stages.get(stamping.id))!.cardLimit).toBe(9);
    expect((await db.stages.get(machining.id))!.cardLimit).toBe(3);
    const events = await db.events.where('id').above(0).filter((e) => e.type === 'limit-change').toArray();
    expect(await db.events.count()).toBe(eventsBefore + 2);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stageId: stamping.id, oldLimit: 6, newLimit: 9, reason: 'engine proposal: basis A', who: 'Coordinator', at: author.at }),
        expect.objectContaining({ stageId: machining.id, oldLimit: 5, newLimit: 3, reason: 'engine proposal: basis B' }),
      ]),
    );
  });

  it('applyLimitProposals clears a manual override reason on the stages it sets', async () => {
    const test = await stageNamed('Test & inspect');
    expect(test.limitOverrideReason).toBeTruthy();
    await applyLimitProposals(db, STREAM, [{ stageId: test.id, limit: 7, basis: 'b' }], author);
    expect((await db.stages.get(test.id))!.limitOverrideReason).toBeUndefined();
  });

  it('applyLimitProposals is all or nothing: one bad proposal writes no limit and no event', async () => {
    const before = await snapshot();
    const stamping = await stageNamed('Stamping');
    const negative = await applyLimitProposals(db, STREAM, [{ stageId: stamping.id, limit: 9, basis: 'b' }, { stageId: stamping.id, limit: -1, basis: 'b' }], author);
    expect(negative).toMatchObject({ ok: false, error: expect.stringMatching(/whole number of cards, 0 or more; got -1/) });
    const unknown = await applyLimitProposals(db, STREAM, [{ stageId: stamping.id, limit: 9, basis: 'b' }, { stageId: 'nowhere', limit: 2, basis: 'b' }], author);
    expect(unknown.ok).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('the engine proposals of the demo line apply as one change: a limit-change event per changed stage', async () => {
    // The demo's limits match its loops; a demand rise on SC-100 (460 → 800 a day) makes the engine propose more cards.
    await db.loops.update('loop-sc-100', { demandPerDay: piecesPerDay(800) });
    const stages = await streamStages(db, STREAM);
    const result = streamLimitProposals({
      stages,
      loops: await db.loops.where('streamId').equals(STREAM).toArray(),
      calendar: (await db.streams.get(STREAM))!.calendar,
      events: [],
      now: author.at,
      threshold: 0.25,
    });
    if (!result.ok) throw new Error(result.error);
    const changed = result.value.planned.filter((p) => p.changed && p.basis);
    expect(changed.length).toBeGreaterThan(0);
    const applied = await applyLimitProposals(db, STREAM, changed.map((p) => ({ stageId: p.stageId, limit: p.proposedLimit, basis: p.basis!.explanation })), author);
    expect(applied).toEqual({ ok: true, changed: changed.length });
    const logged = await db.events.filter((e) => e.type === 'limit-change').toArray();
    expect(logged).toHaveLength(changed.length);
    expect(logged[0].reason).toMatch(/^engine proposal: .*rounded up to \d+ cards?\.$/);
  });

  it('the demo history drifts from the SC-100 loop plan beyond 25 %, so the engine re-proposes from the measured lead time', async () => {
    const now = Date.UTC(2026, 10, 26);
    const result = streamLimitProposals({
      stages: await streamStages(db, STREAM),
      loops: await db.loops.where('streamId').equals(STREAM).toArray(),
      calendar: (await db.streams.get(STREAM))!.calendar,
      events: await db.events.where('streamId').equals(STREAM).toArray(),
      now,
      threshold: 0.25,
    });
    if (!result.ok) throw new Error(result.error);
    const planned = result.value.planned.find((p) => p.stageId === 'stage-6')!;
    const measured = result.value.measured.find((p) => p.stageId === 'stage-6')!;
    expect(planned).toMatchObject({ driftExceeded: false, proposedLimit: 6 });
    expect(result.value.measuredLeadTimeDays['loop-sc-100']).toBeGreaterThan(0);
    expect(measured.driftExceeded).toBe(true);
    expect(measured.reason).toMatch(/^Drift beyond 25 %/);
    expect(measured.proposedLimit).toBeLessThan(planned.proposedLimit);
  });

  it('overrideStageLimit needs a reason, keeps it on the stage and logs the change', async () => {
    const stamping = await stageNamed('Stamping');
    const before = await snapshot();
    expect(await overrideStageLimit(db, stamping.id, 4, '  ', author)).toMatchObject({ ok: false, error: expect.stringMatching(/needs a reason/) });
    expect(await snapshot()).toBe(before);
    expect(await overrideStageLimit(db, stamping.id, 4, 'Press 2 down for repair', author)).toEqual({ ok: true });
    expect(await db.stages.get(stamping.id)).toMatchObject({ cardLimit: 4, limitOverrideReason: 'Press 2 down for repair' });
    const event = (await db.events.filter((e) => e.type === 'limit-change').toArray())[0];
    expect(event).toMatchObject({ stageId: stamping.id, oldLimit: 6, newLimit: 4, reason: 'manual override: Press 2 down for repair', who: 'Coordinator' });
  });

  it('overrideStageLimit refuses a negative or fractional limit and changes nothing', async () => {
    const stamping = await stageNamed('Stamping');
    const before = await snapshot();
    expect((await overrideStageLimit(db, stamping.id, -2, 'why', author)).ok).toBe(false);
    expect((await overrideStageLimit(db, stamping.id, 2.5, 'why', author)).ok).toBe(false);
    expect(await snapshot()).toBe(before);
  });
});

describe('streams, parts, loops and the calendar', () => {
  it('createStream makes a stream with a default calendar that has working time', async () => {
    const result = await createStream(db, 'Rack line', 1);
    if (!result.ok) throw new Error(result.error);
    expect(await db.streams.get(result.id)).toMatchObject({ name: 'Rack line', calendar: defaultCalendar(), createdAt: 1 });
    expect(await renameStream(db, result.id, 'Rack and pinion line')).toEqual({ ok: true });
    expect((await db.streams.get(result.id))!.name).toBe('Rack and pinion line');
    expect(await streamStages(db, result.id)).toEqual([]);
  });

  it('stream names must be non-empty and unique', async () => {
    const before = await snapshot();
    expect((await createStream(db, ' ', 1)).ok).toBe(false);
    expect(await createStream(db, 'Steering column line', 1)).toMatchObject({ ok: false, error: expect.stringMatching(/already a value stream/) });
    expect((await renameStream(db, STREAM, '')).ok).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('addPart and updatePart store a part; duplicates, empty numbers, demand ≤ 0 and container quantity ≤ 0 are refused', async () => {
    const part = { partNumber: 'SC-300', name: 'Column, electric', family: 'Columns', demandPerDay: piecesPerDay(50), containerQuantity: pieces(10) };
    const added = await addPart(db, STREAM, part);
    if (!added.ok) throw new Error(added.error);
    expect(await updatePart(db, added.id, { ...part, demandPerDay: piecesPerDay(80) })).toEqual({ ok: true });
    expect((await db.parts.get(added.id))!.demandPerDay).toBe(80);
    const before = await snapshot();
    expect(await addPart(db, STREAM, part)).toMatchObject({ ok: false, error: expect.stringMatching(/already has a part SC-300/) });
    expect(await updatePart(db, added.id, { ...part, partNumber: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/part number cannot be empty/) });
    expect(await updatePart(db, added.id, { ...part, demandPerDay: piecesPerDay(0) })).toMatchObject({ ok: false, error: expect.stringMatching(/Demand must be more than 0/) });
    expect(await updatePart(db, added.id, { ...part, containerQuantity: pieces(-5) })).toMatchObject({ ok: false, error: expect.stringMatching(/Container quantity must be more than 0/) });
    expect((await updatePartDemand(db, added.id, Number.NaN)).ok).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('updateLoop stores sizing inputs and refuses demand ≤ 0, negative times, a zero lead time and container quantity ≤ 0', async () => {
    const loop = (await db.loops.get('loop-sc-100'))!;
    const fields: LoopFields = { ...loop };
    expect(await updateLoop(db, loop.id, { ...fields, demandPerDay: piecesPerDay(500) })).toEqual({ ok: true });
    expect((await db.loops.get(loop.id))!).toMatchObject({ demandPerDay: 500, streamId: STREAM });
    const before = await snapshot();
    for (const bad of [
      { demandPerDay: piecesPerDay(0) },
      { waitingDays: -1 },
      { processingDays: 0, waitingDays: 0, transportDays: 0 },
      { safetyFactor: -0.1 },
      { containerQuantity: pieces(0) },
      { name: '' },
    ]) {
      expect((await updateLoop(db, loop.id, { ...fields, ...bad })).ok).toBe(false);
    }
    expect(await snapshot()).toBe(before);
  });

  it('addLoop adds a loop to a stream', async () => {
    const result = await addLoop(db, STREAM, {
      name: 'IS-320 loop', kind: 'withdrawal', partNumber: 'IS-320', demandPerDay: piecesPerDay(40),
      processingDays: 0.5, waitingDays: 0.5, transportDays: 0, safetyFactor: 0, containerQuantity: pieces(10),
    });
    if (!result.ok) throw new Error(result.error);
    expect(await db.loops.get(result.id)).toMatchObject({ streamId: STREAM, name: 'IS-320 loop' });
  });

  it('updateCalendar stores a calendar the engine accepts and refuses breaks longer than the shift with the engine message', async () => {
    const calendar = (await db.streams.get(STREAM))!.calendar;
    const shorter = { ...calendar, shifts: calendar.shifts.slice(0, 1) };
    expect(await updateCalendar(db, STREAM, shorter)).toEqual({ ok: true });
    expect((await db.streams.get(STREAM))!.calendar.shifts).toHaveLength(1);
    const before = await snapshot();
    const tooLong = { ...shorter, shifts: [{ ...shorter.shifts[0], breaks: [{ name: 'Meal', minutes: 600 }] }] };
    expect(await updateCalendar(db, STREAM, tooLong)).toMatchObject({ ok: false, error: expect.stringMatching(/leaving no time to work/) });
    expect((await updateCalendar(db, STREAM, { ...shorter, shifts: [] })).ok).toBe(false);
    expect((await updateCalendar(db, STREAM, { ...shorter, workingDaysPerWeek: 0 })).ok).toBe(false);
    expect((await updateCalendar(db, STREAM, { ...shorter, shifts: [{ ...shorter.shifts[0], name: '' }] })).ok).toBe(false);
    expect(await snapshot()).toBe(before);
  });
});
