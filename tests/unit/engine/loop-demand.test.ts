// One demand per part: a loop's demand is its part's × its share, so takt, loops and forecasts move together.
import { describe, expect, it } from 'vitest';
import { emptySnapshot, runCommand, type Command, type Snapshot } from '../../../src/engine/commands/index.ts';
import { asId, countingIds } from '../../../src/engine/ids.ts';
import { loopDemand, sizeLoop } from '../../../src/engine/loop-demand.ts';
import { loopKanbanCount } from '../../../src/engine/kanban.ts';
import { streamPace } from '../../../src/engine/api/flow-api.ts';
import { proposeStageLimits } from '../../../src/engine/limits.ts';
import { fitForecast, planFromForecast } from '../../../src/engine/forecast.ts';
import type { KanbanLoop } from '../../../src/engine/model.ts';
import { pieces, seconds } from '../../../src/engine/units.ts';

const S = asId('stream', 's1');

function world() {
  let state: Snapshot = emptySnapshot();
  const ids = countingIds();
  let n = 0;
  const send = (command: Command) => {
    const r = runCommand(state, command, { now: 1000 + n, who: 't', commandId: `c${++n}`, newId: ids }, n);
    if (r.ok) state = r.value.state;
    return r;
  };
  const ok = (command: Command) => {
    const r = send(command);
    if (!r.ok) throw new Error(`${command.type}: ${r.error}`);
    return r.value;
  };
  return { send, ok, get state() { return state; } };
}

const loopFields = (partNumber: string, demandShare = 1) => ({
  name: `${partNumber} loop`, kind: 'production' as const, partNumber, demandShare,
  processingDays: 0.5, waitingDays: 0.25, transportDays: 0.25, safetyFactor: 0.1, containerQuantity: pieces(20),
});

/** A stream with SC-100 (460/day) and SC-200 (460/day): 920 pieces a day, as in the issue, and a loop on SC-100. */
function line() {
  const w = world();
  w.ok({ type: 'stream.create', id: S, name: 'Line' });
  const part = (partNumber: string) =>
    w.ok({ type: 'part.add', streamId: S, id: asId('part', partNumber), part: { partNumber, name: '', family: 'Columns', demandPerDay: 460, containerQuantity: 20 } });
  part('SC-100');
  part('SC-200');
  w.ok({ type: 'loop.add', streamId: S, id: asId('loop', 'L1'), loop: loopFields('SC-100') });
  const parts = () => Object.values(w.state.parts);
  const pace = () => {
    const r = streamPace(w.state.streams[S]!.calendar, parts());
    if (!r.ok) throw new Error(r.error);
    return r.value.takt;
  };
  return { w, parts, pace, loop: () => w.state.loops['L1']! };
}

describe('loopDemand(loop, parts)', () => {
  const parts = [{ partNumber: 'A', demandPerDay: 400 }, { partNumber: 'B', demandPerDay: 100 }];
  const loop = (partNumber: string, demandShare: number) => ({ partNumber, demandShare });

  it('is the part\'s demand × the loop\'s share', () => {
    expect(loopDemand(loop('A', 1), parts)).toBe(400);
    expect(loopDemand(loop('A', 0.25), parts)).toBe(100);
    expect(loopDemand(loop('B', 0.5), parts)).toBe(50);
  });

  it('is 0 when the stream has no such part, and counts a share outside (0, 1] as the whole demand', () => {
    expect(loopDemand(loop('C', 1), parts)).toBe(0);
    expect(loopDemand(loop('A', Number.NaN), parts)).toBe(400);
    expect(loopDemand(loop('A', 2), parts)).toBe(400);
  });
});

describe('one demand per part', () => {
  it('setting a loop\'s demand changes takt', () => {
    const { w, parts, pace, loop } = line();
    const before = pace();
    // 8 h − 30 min = 27,000 s a day over 920 pieces.
    expect(before).toBeCloseTo(27_000 / 920, 9);
    // The loop editor sets the loop's demand on its part: 600 pieces a day for the stream means 140 on SC-100.
    w.ok({ type: 'part.set-demand', partId: asId('part', 'SC-100'), demandPerDay: 140 });
    expect(pace()).toBeCloseTo(27_000 / 600, 9);
    expect(loopDemand(loop(), parts())).toBe(140);
    // And the loop's card count follows the same figure: 140 × 1 × 1.1 ÷ 20 = 7.7 → 8 cards (was 460 → 26).
    const count = loopKanbanCount(sizeLoop(loop(), parts()));
    expect(count.ok && count.value.cards).toBe(8);
  });

  it('a loop covering a share of its part sizes for that share; the part\'s demand (and takt) stay whole', () => {
    const { w, parts, pace, loop } = line();
    w.ok({ type: 'loop.update', loopId: asId('loop', 'L1'), loop: loopFields('SC-100', 0.5) });
    expect(loop().demandShare).toBe(0.5);
    expect(loop()).not.toHaveProperty('demandPerDay');
    expect(pace()).toBeCloseTo(27_000 / 920, 9);
    const r = proposeStageLimits({
      stages: [{ id: 'st', streamId: S, name: 'Weld', order: 0, cardLimit: 0 as never, policy: 'hard', loopId: 'L1' }],
      loops: [loop()], parts: parts(), threshold: 0.2,
    });
    // 230 × 1 × 1.1 ÷ 20 = 12.65 → 13 cards.
    expect(r.ok && r.value[0].proposedLimit).toBe(13);
  });

  it('forecast cards size each loop for its share of the part\'s forecast', () => {
    const f = fitForecast([900, 900, 900, 900], { method: 'ses', horizon: 1 });
    if (!f.ok) throw new Error(f.error);
    const half: KanbanLoop = { id: 'h', ...loopFields('SC-100', 0.5) };
    const plan = planFromForecast(f.value, seconds(27_000), [half, { ...half, id: 'w', demandShare: 1 }]);
    if (!plan.ok) throw new Error(plan.error);
    // 450 × 1.1 ÷ 20 = 24.75 → 25; 900 × 1.1 ÷ 20 = 49.5 → 50.
    expect(plan.value.cards.map((c) => c.count.cards)).toEqual([25, 50]);
  });

  it('renaming a part takes its loops along, so they keep their demand', () => {
    const { w, parts, loop } = line();
    w.ok({ type: 'part.update', partId: asId('part', 'SC-100'), part: { partNumber: 'SC-101', name: '', family: 'Columns', demandPerDay: 460, containerQuantity: 20 } });
    expect(loop().partNumber).toBe('SC-101');
    expect(loopDemand(loop(), parts())).toBe(460);
  });

  it('refuses a loop whose share is not above 0 and at most 1, or whose part is not in the stream, and changes nothing', () => {
    const { w } = line();
    const before = JSON.stringify(w.state);
    for (const [fields, message] of [
      [loopFields('SC-100', 0), /share of its part's demand must be above 0 and at most 1.*got 0/],
      [loopFields('SC-100', 1.2), /at most 1.*got 1\.2/],
      [loopFields('NO-PART'), /no part NO-PART: add the part/],
    ] as const) {
      const r = w.send({ type: 'loop.update', loopId: asId('loop', 'L1'), loop: fields });
      expect(r.ok ? '' : r.error).toMatch(message);
      const added = w.send({ type: 'loop.add', streamId: S, loop: fields });
      expect(added.ok ? '' : added.error).toMatch(message);
    }
    expect(JSON.stringify(w.state)).toBe(before);
  });
});
