// Aging WIP chart, WIP run, flow efficiency and stage-to-stage lead time on a hand-worked log.
import { describe, expect, it } from 'vitest';
import type { LogEntry as BoardEvent } from '../../../src/engine/events.ts';
import { flowEfficiency, stageLeadTimes, wipRun } from '../../../src/engine/flow/run-charts.ts';
import { bandOf } from '../../../src/engine/flow/aging.ts';
import { flowCharts } from '../../../src/engine/api/flow-api.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (hours: number) => T0 + hours * H;
const ev = (id: number, type: BoardEvent['type'], cardId: string, hours: number, from?: string, to?: string, undoes?: number): BoardEvent =>
  ({ id, streamId: 's', cardId, type, at: at(hours), who: 'test', from, to, undoes, stageId: to ?? from }) as BoardEvent;

// c1: A 0–2 h, B 2–5 h, C 5–9 h, done 9 h; blocked 3–4 h.
// c2: A 1–4 h, to B at 4 h undone at 4.5 h (back in A), B from 6 h, blocked from 10 h until done at 26 h.
// c3: created in A at 27 h, in process at now = 30 h.
const log: BoardEvent[] = [
  ev(1, 'create', 'c1', 0, undefined, 'A'),
  ev(2, 'create', 'c2', 1, undefined, 'A'),
  ev(3, 'move', 'c1', 2, 'A', 'B'),
  ev(4, 'block', 'c1', 3, 'B'),
  ev(5, 'unblock', 'c1', 4, 'B'),
  ev(6, 'move', 'c2', 4, 'A', 'B'),
  ev(7, 'undo', 'c2', 4.5, 'B', 'A', 6),
  ev(8, 'move', 'c1', 5, 'B', 'C'),
  ev(9, 'move', 'c2', 6, 'A', 'B'),
  ev(10, 'complete', 'c1', 9, 'C'),
  ev(11, 'block', 'c2', 10, 'B'),
  ev(12, 'complete', 'c2', 26, 'B'),
  ev(13, 'create', 'c3', 27, undefined, 'A'),
];
const stageIds = ['A', 'B', 'C'];
const now = at(30);

describe('flowEfficiency', () => {
  const r = flowEfficiency(log, now);
  if (!r.ok) throw new Error(r.error);
  it('splits each finished card into blocked and unblocked time (c1: 1 h of 9 blocked; c2: 16 h of 25, still blocked when done)', () => {
    expect(r.value.cards.map((c) => [c.cardId, c.leadTime / 3600, c.blocked / 3600, c.active / 3600])).toEqual([
      ['c1', 9, 1, 8],
      ['c2', 25, 16, 9],
    ]);
    expect(r.value.cards[0]!.efficiency).toBeCloseTo(8 / 9, 12);
  });
  it('overall efficiency is Σ active ÷ Σ lead time: 17 h of 34 h = 50 %', () => {
    expect(r.value.overall).toBe(0.5);
  });
  it('puts cards in 10 % bins: c2 (36 %) in 30–40 %, c1 (89 %) in 80–90 %', () => {
    expect(r.value.histogram.filter((b) => b.count > 0)).toEqual([
      { from: 30, to: 40, count: 1 },
      { from: 80, to: 90, count: 1 },
    ]);
  });
  it('has no overall figure without finished cards, and refuses a "now" that is not a time', () => {
    expect(flowEfficiency([], now)).toEqual({ ok: true, value: { cards: [], overall: null, histogram: expect.any(Array) } });
    expect(flowEfficiency(log, Number.NaN).ok).toBe(false);
  });
});

describe('stageLeadTimes', () => {
  const hours = (start: string, end: string) => {
    const r = stageLeadTimes(log, stageIds, start, end, now);
    if (!r.ok) throw new Error(r.error);
    return r.value.map((c) => [c.cardId, c.leadTime / 3600]);
  };
  it('measures from entering the start stage to entering the end stage; an undone move does not count', () => {
    // c2 reached B at 4 h but that move was undone; it reached B for good at 6 h.
    expect(hours('A', 'B')).toEqual([['c1', 2], ['c2', 5]]);
    expect(hours('B', 'done')).toEqual([['c1', 7], ['c2', 20]]);
    expect(hours('created', 'done')).toEqual([['c1', 9], ['c2', 25]]);
    // c2 finished from B and never entered C.
    expect(hours('A', 'C')).toEqual([['c1', 5]]);
  });
  it('refuses an end before the start and a stage the stream does not have', () => {
    expect(stageLeadTimes(log, stageIds, 'B', 'A', now)).toEqual({ ok: false, error: 'The end stage must come after the start stage in the value stream.' });
    expect(stageLeadTimes(log, stageIds, 'X', 'done', now).ok).toBe(false);
    expect(stageLeadTimes(log, stageIds, 'A', 'created', now).ok).toBe(false);
  });
});

describe('wipRun', () => {
  it('lists cards in process at each day end with mean and maximum', () => {
    expect(wipRun([1, 2, 3], [2, 4, 0])).toEqual({ ok: true, value: { periods: [{ start: 1, count: 2 }, { start: 2, count: 4 }, { start: 3, count: 0 }], mean: 2, max: 4 } });
    expect(wipRun([1, 2], [1]).ok).toBe(false);
  });
});

describe('flowCharts (the worker call) on the hand-worked log', () => {
  const r = flowCharts({ events: log, stageIds, now, utcOffsetMinutes: 0, startStage: 'B', endStage: 'done' });
  if (!r.ok) throw new Error(r.error);
  it('aging chart: c3 in A at 3 h against A’s past visits 1.5, 2 and 3 h (p50 2 h, p85 and p95 3 h)', () => {
    const a = r.value.aging.find((s) => s.stageId === 'A')!;
    expect([a.visits, a.p50! / 3600, a.p85! / 3600, a.p95! / 3600]).toEqual([3, 2, 3, 3]);
    expect(a.cards).toEqual([{ cardId: 'c3', age: 3 * 3600, band: 'p50-p85' }]);
    // The board colours a card with bandOf against the same stage figures: the chart's band is that band.
    expect(bandOf(a.cards[0]!.age, a)).toBe(a.cards[0]!.band);
    expect(r.value.aging.map((s) => s.cards.length)).toEqual([1, 0, 0]);
  });
  it('WIP run per day: 1 card at the end of 1 Jan (c2) and of 2 Jan (c3)', () => {
    expect(r.value.wip.periods.map((p) => p.count)).toEqual([1, 1]);
  });
  it('the scatterplot uses the chosen stages (B → done)', () => {
    expect(r.value.scatter.points.map((p) => p.leadTime / 3600)).toEqual([7, 20]);
    expect(r.value.efficiency.overall).toBe(0.5);
  });
  it('a bad stage choice is a clear error', () => {
    expect(flowCharts({ events: log, stageIds, now, startStage: 'C', endStage: 'A' })).toEqual({ ok: false, error: 'The end stage must come after the start stage in the value stream.' });
  });
});
