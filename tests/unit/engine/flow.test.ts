// Flow metrics from the event log: a hand-worked log, then properties over generated logs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LogEntry as BoardEvent } from '../../../src/engine/events.ts';
import { flowMetrics, type FlowMetrics, type FlowOptions } from '../../../src/engine/flow/index.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (hours: number) => T0 + hours * H;
const ev = (id: number, type: BoardEvent['type'], cardId: string, hours: number, from?: string, to?: string, undoes?: number): BoardEvent =>
  ({ id, streamId: 's', cardId, type, at: at(hours), who: 'test', from, to, undoes });

// card 1: A 0–2 h, B 2–5 h, C 5–9 h, done at 9 h.
// card 2: A 1–4 h, moved to B at 4 h by mistake and undone at 4.5 h (back to A), to B at 6 h, done at 26 h.
// card 3: created in A at 27 h, still there at now = 30 h.
const log: BoardEvent[] = [
  ev(1, 'create', 'c1', 0, undefined, 'A'),
  ev(2, 'create', 'c2', 1, undefined, 'A'),
  ev(3, 'move', 'c1', 2, 'A', 'B'),
  ev(4, 'move', 'c2', 4, 'A', 'B'),
  ev(5, 'undo', 'c2', 4.5, 'B', 'A', 4),
  ev(6, 'move', 'c1', 5, 'B', 'C'),
  ev(7, 'move', 'c2', 6, 'A', 'B'),
  ev(8, 'complete', 'c1', 9, 'C'),
  ev(9, 'complete', 'c2', 26, 'B'),
  ev(10, 'create', 'c3', 27, undefined, 'A'),
];
const options: FlowOptions = { stageIds: ['A', 'B', 'C'], now: at(30) };

const metrics = (events: BoardEvent[], opts = options): FlowMetrics => {
  const r = flowMetrics(events, opts);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('flowMetrics(events, { stageIds, now }) on a hand-worked log', () => {
  const m = metrics(log);

  it('measures lead time from create to complete per card', () => {
    expect(m.leadTime.perCard.map((c) => [c.cardId, c.leadTime / 3600])).toEqual([['c1', 9], ['c2', 25]]);
    expect(m.leadTime.mean! / 3600).toBe(17);
  });

  it('counts time per stage, treating an undo as the move back', () => {
    const a = m.cycleTime.find((c) => c.stageId === 'A')!;
    const b = m.cycleTime.find((c) => c.stageId === 'B')!;
    expect([a.count, a.p50! / 3600, a.p85! / 3600]).toEqual([3, 2, 3]); // visits 2 h, 3 h, 1.5 h
    expect([b.count, b.p50! / 3600, b.p95! / 3600]).toEqual([3, 3, 20]); // visits 3 h, 0.5 h, 20 h
  });

  it('counts throughput per day', () => {
    expect(Array.from(m.throughput.perDay)).toEqual([1, 1]);
    expect(m.days).toEqual([T0, T0 + 24 * H]);
  });

  it('gives WIP at the end of each day, per stage', () => {
    expect(Array.from(m.wip.perDay)).toEqual([1, 1]);
    expect(m.wip.perStage.map((s) => Array.from(s))).toEqual([[0, 1], [1, 0], [0, 0]]);
  });

  it('gives cumulative flow by the furthest stage each card reached', () => {
    expect(m.cumulativeFlow.bands).toEqual(['A', 'B', 'C', 'done']);
    expect(m.cumulativeFlow.perBand.map((b) => Array.from(b))).toEqual([[2, 3], [2, 2], [1, 2], [1, 2]]);
  });

  it('ages the open card against its stage\'s past cycle times', () => {
    expect(m.aging).toEqual([{ cardId: 'c3', stageId: 'A', ageInStage: 3 * 3600, ageSinceCreate: 3 * 3600, band: 'p50-p85' }]);
  });

  it('checks Little\'s law: 37 card-hours over 30 h against 2 cards × 17 h, a gap of 3/37', () => {
    expect(m.littlesLaw.averageWip).toBeCloseTo(37 / 30, 12);
    expect(m.littlesLaw.predictedWip).toBeCloseTo(34 / 30, 12);
    expect(m.littlesLaw.relativeGap).toBeCloseTo(3 / 37, 12);
  });

  it('starts days at local midnight when given a UTC offset', () => {
    const cet = metrics(log, { ...options, utcOffsetMinutes: 60 });
    expect(cet.days[0]).toBe(T0 - H);
    expect(Array.from(cet.throughput.perDay)).toEqual([1, 1]);
  });
});

describe('flowMetrics refuses or survives bad input', () => {
  it('refuses a stream without stages', () => {
    const r = flowMetrics(log, { stageIds: [], now: at(30) });
    expect(!r.ok && r.error).toMatch(/no stages/);
  });

  it('refuses a stage listed twice', () => {
    expect(flowMetrics(log, { stageIds: ['A', 'A'], now: at(30) }).ok).toBe(false);
  });

  it('gives empty series without NaN for an empty log', () => {
    const m = metrics([]);
    expect(m.leadTime.mean).toBeNull();
    expect(m.cycleTime.every((c) => c.p50 === null)).toBe(true);
    expect([m.littlesLaw.averageWip, m.littlesLaw.relativeGap, m.throughput.meanPerDay, m.wip.average].every(Number.isFinite)).toBe(true);
  });

  it('skips events after now and moves of cards that were never created', () => {
    const m = metrics([...log, ev(11, 'move', 'c3', 40, 'A', 'B')], options);
    expect(m.skippedEvents).toBe(1);
    expect(m.aging[0].stageId).toBe('A');
  });
});

/** A random but well-formed log: cards walk stages forwards and backwards, some moves are undone, some cards finish. */
const arbLog = fc.array(
  fc.record({
    start: fc.integer({ min: 0, max: 20 * 24 }),
    steps: fc.array(fc.record({ stage: fc.integer({ min: 0, max: 4 }), gap: fc.integer({ min: 1, max: 30 }), undo: fc.boolean() }), { maxLength: 8 }),
    finish: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  }),
  { maxLength: 40 },
).map((cards) => {
  const stages = ['s0', 's1', 's2', 's3', 's4'];
  const events: BoardEvent[] = [];
  let id = 0;
  cards.forEach((card, k) => {
    const cardId = `c${k}`;
    let t = card.start;
    let here = 's0';
    events.push({ id: ++id, streamId: 'x', cardId, type: 'create', at: at(t), who: 't', to: here });
    for (const step of card.steps) {
      t += step.gap;
      const to = stages[step.stage];
      const moveId = ++id;
      events.push({ id: moveId, streamId: 'x', cardId, type: 'move', at: at(t), who: 't', from: here, to });
      if (step.undo) {
        t += 1;
        events.push({ id: ++id, streamId: 'x', cardId, type: 'undo', at: at(t), who: 't', from: to, to: here, undoes: moveId });
      } else here = to;
    }
    if (card.finish !== undefined) events.push({ id: ++id, streamId: 'x', cardId, type: 'complete', at: at(t + card.finish), who: 't', from: here });
  });
  return { events: events.sort((a, b) => a.at - b.at || a.id! - b.id!), stages, cards: cards.length, finished: cards.filter((c) => c.finish !== undefined).length };
});

const lastAt = (events: BoardEvent[]) => events.reduce((m, e) => Math.max(m, e.at), T0);

describe('flow metric properties over generated logs', () => {
  it('cumulative flow never goes down over time, and each stage\'s band is at least the next one\'s', () => {
    fc.assert(fc.property(arbLog, ({ events, stages }) => {
      const m = metrics(events, { stageIds: stages, now: lastAt(events) + H });
      const bands = m.cumulativeFlow.perBand;
      for (let b = 0; b < bands.length; b++) {
        for (let d = 1; d < bands[b].length; d++) if (bands[b][d] < bands[b][d - 1]) return false;
        if (b > 0) for (let d = 0; d < bands[b].length; d++) if (bands[b][d] > bands[b - 1][d]) return false;
      }
      return true;
    }));
  });

  it('aging percentiles are monotone: p50 ≤ p85 ≤ p95 for every stage', () => {
    fc.assert(fc.property(arbLog, ({ events, stages }) => {
      const m = metrics(events, { stageIds: stages, now: lastAt(events) + H });
      return m.cycleTime.every((c) => c.p50 === null || (c.p50 <= c.p85! && c.p85! <= c.p95!));
    }));
  });

  it('throughput adds up to the finished cards and the last day\'s WIP to the open ones', () => {
    fc.assert(fc.property(arbLog, ({ events, stages, cards, finished }) => {
      const m = metrics(events, { stageIds: stages, now: lastAt(events) + H });
      const total = Array.from(m.throughput.perDay).reduce((a, b) => a + b, 0);
      return total === finished && m.wip.perDay[m.wip.perDay.length - 1] === cards - finished && m.aging.length === cards - finished;
    }));
  });

  it('Little\'s law holds exactly when every card finishes inside the window', () => {
    fc.assert(fc.property(arbLog, ({ events, stages, cards, finished }) => {
      if (cards === 0 || finished !== cards) return true;
      const m = metrics(events, { stageIds: stages, now: lastAt(events) });
      return m.littlesLaw.relativeGap < 1e-9;
    }));
  });

  it('gives the same metrics for a shuffled log as for the ordered one', () => {
    fc.assert(fc.property(arbLog, fc.integer(), ({ events, stages }, seed) => {
      // Distinct timestamps, so the order of events is fully defined by `at`.
      const distinct = events.map((e, i) => ({ ...e, at: e.at + i }));
      const shuffled = distinct.map((e, i) => ({ e, k: Math.imul(i + 1, seed | 1) >>> 0 })).sort((a, b) => a.k - b.k).map((x) => x.e);
      const now = lastAt(distinct) + H;
      expect(metrics(shuffled, { stageIds: stages, now })).toEqual(metrics(distinct, { stageIds: stages, now }));
    }), { numRuns: 50 });
  });
});
