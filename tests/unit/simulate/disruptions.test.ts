// What a kaizen team relies on when it asks the simulator about risk: each disruption moves the figures the way the floor would.
import { describe, expect, it } from 'vitest';
import { simulateLine, type LineSimulation } from '../../../src/engine/simulate/replicate.ts';
import { checkLineModel, type LineModel } from '../../../src/engine/simulate/line-model.ts';

function run(m: LineModel): LineSimulation {
  const r = simulateLine(m);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const base: LineModel = {
  stages: [
    { name: 'Cut', cards: 3, time: { dist: 'gamma', mean: 40, cv: 0.5 } },
    { name: 'Weld', cards: 3, time: { dist: 'gamma', mean: 50, cv: 0.5 } },
  ],
  control: { mode: 'kanban' },
  demand: { mode: 'takt', interval: 60, quantity: 1 },
  hours: 400,
  warmupHours: 10,
  replications: 4,
  seed: 2,
};

describe('disruptions', () => {
  it('breakdowns at the bottleneck lower the fill rate and show as down time', () => {
    const calm = run(base);
    const broken = run({ ...base, stages: [base.stages[0], { ...base.stages[1], breakdown: { mtbfHours: 2, mttrHours: 0.5 } }] });
    expect(broken.fillRate.mean).toBeLessThan(calm.fillRate.mean);
    expect(broken.stages[1].down).toBeGreaterThan(0.1);
    expect(calm.stages[1].down).toBe(0);
  });

  it('scrap costs output and is counted; rework costs capacity', () => {
    const sat: LineModel = { ...base, demand: { mode: 'saturated' } };
    const clean = run(sat);
    const scrap = run({ ...sat, stages: [base.stages[0], { ...base.stages[1], scrap: 0.2 }] });
    expect(scrap.scrapped.mean).toBeGreaterThan(0);
    expect(scrap.throughputPerHour.mean).toBeLessThan(clean.throughputPerHour.mean * 0.85);
    const rework = run({ ...sat, stages: [base.stages[0], { ...base.stages[1], rework: 0.2 }] });
    // One in five goes through welding twice: about 1/1.2 of the clean rate.
    expect(Math.abs(rework.throughputPerHour.mean - clean.throughputPerHour.mean / 1.2) / clean.throughputPerHour.mean).toBeLessThan(0.05);
  });

  it('changeovers between parts lower throughput, less so with larger lots (EPEI)', () => {
    const sat: LineModel = { ...base, control: { mode: 'conwip', cards: 8 }, demand: { mode: 'saturated' }, stages: base.stages.map((s) => ({ ...s, changeoverSeconds: 300 })) };
    const small = run({ ...sat, parts: [{ name: 'A', share: 1, lotSize: 1 }, { name: 'B', share: 1, lotSize: 1 }] });
    const large = run({ ...sat, parts: [{ name: 'A', share: 1, lotSize: 8 }, { name: 'B', share: 1, lotSize: 8 }] });
    expect(large.throughputPerHour.mean).toBeGreaterThan(small.throughputPerHour.mean * 1.5);
  });

  it('a supplier that misses deliveries starves the first stage', () => {
    const sat: LineModel = { ...base, demand: { mode: 'saturated' } };
    const supplier = { intervalHours: 4, quantity: 300, leadTimeHours: 2, leadTimeCv: 0.3, missedShare: 0, initialStock: 300 };
    const reliable = run({ ...sat, supplier });
    const missing = run({ ...sat, supplier: { ...supplier, quantity: 280, missedShare: 0.5 } });
    expect(missing.throughputPerHour.mean).toBeLessThan(reliable.throughputPerHour.mean * 0.8);
    expect(missing.stages[0].starved).toBeGreaterThan(reliable.stages[0].starved);
  });

  it('a demand spike causes stock-outs that a calm week does not', () => {
    const calm = run({ ...base, demand: { mode: 'takt', interval: 90, quantity: 1 } });
    const spiked = run({ ...base, demand: { mode: 'takt', interval: 90, quantity: 1, spikes: [{ atHours: 100, quantity: 200 }], randomSpikes: { perHour: 0.05, quantity: 20 } } });
    expect(spiked.stockouts.mean).toBeGreaterThan(calm.stockouts.mean + 100);
    expect(spiked.fillRate.mean).toBeLessThan(calm.fillRate.mean);
  });

  it('empirical stage times are resampled from the measured ones', () => {
    const samples = [20, 40, 60, 80, 100];
    const r = run({ ...base, control: { mode: 'push' }, demand: { mode: 'saturated' }, stages: [{ name: 'Only', time: { dist: 'empirical', samples } }] });
    expect(Math.abs(r.throughputPerHour.mean - 3600 / 60) / 60).toBeLessThan(0.03);
  });

  it('push without limits lets WIP pile up before the bottleneck; CONWIP caps it at its cards', () => {
    const sat = { ...base, demand: { mode: 'saturated' as const } };
    const push = run({ ...sat, control: { mode: 'push' } });
    const conwip = run({ ...sat, control: { mode: 'conwip', cards: 4 } });
    expect(push.wip.mean).toBeGreaterThan(100);
    expect(conwip.wip.mean).toBeLessThanOrEqual(4 + 1e-9);
    expect(conwip.throughputPerHour.mean).toBeGreaterThan(push.throughputPerHour.mean * 0.9);
  });

  it('kanban limits hold: no stage holds more than its cards, so WIP stays under the sum of cards', () => {
    const r = run({ ...base, demand: { mode: 'saturated' } });
    expect(r.wip.mean).toBeLessThanOrEqual(6);
    expect(r.stages[0].blocked).toBeGreaterThan(0);
  });
});

describe('hybrid JIT', () => {
  it('finds per part the smallest safety stock that reaches the fill-rate target, set beside z·σ·√L', () => {
    const m: LineModel = {
      ...base,
      demand: { mode: 'takt', interval: 70, quantity: 1, dist: 'exponential' },
      parts: [{ name: 'A', share: 3 }, { name: 'B', share: 1 }],
      fillRateTarget: 0.95,
    };
    const r = run(m);
    const ss = r.safetyStock!;
    expect(ss.map((s) => s.part)).toEqual(['A', 'B']);
    // Without safety stock the cards alone fall short of the target here, so the search has work to do.
    expect(r.parts.some((p) => p.fillRate.mean < 0.95)).toBe(true);
    expect(ss.some((s) => s.simulated !== null && s.simulated > 0)).toBe(true);
    for (const s of ss) {
      expect(s.formula).not.toBeNull();
      if (s.simulated === null) continue;
      expect(s.fillRateAtSimulated!).toBeGreaterThanOrEqual(0.95);
      if (s.simulated > 0) {
        // One container less falls short of the target.
        const less = run({ ...m, fillRateTarget: undefined, parts: m.parts!.map((p) => (p.name === s.part ? { ...p, safetyStock: s.simulated! - 1 } : p)) });
        expect(less.parts.find((p) => p.name === s.part)!.fillRate.mean).toBeLessThan(0.95);
      }
    }
  });
});

describe('bad models are refused with the field named', () => {
  it.each([
    [{ ...base, stages: [] }, 'stages'],
    [{ ...base, stages: [{ name: 'x', time: { dist: 'exponential', mean: 0 } }] }, 'stages[0].time.mean'],
    [{ ...base, stages: [{ name: 'x', time: { dist: 'empirical', samples: [] } }], control: { mode: 'push' } }, 'stages[0].time.samples'],
    [{ ...base, control: { mode: 'conwip', cards: 0 } }, 'control.cards'],
    [{ ...base, demand: { mode: 'takt', interval: -5, quantity: 1 } }, 'demand.interval'],
    [{ ...base, stages: [{ ...base.stages[0], scrap: 1.5 }] }, 'stages[0].scrap'],
    [{ ...base, hours: 0 }, 'hours'],
    [{ ...base, fillRateTarget: 1.2 }, 'fillRateTarget'],
  ] as [LineModel, string][])('%#: names %s', (model, field) => {
    const problem = checkLineModel(model);
    expect(problem).not.toBeNull();
    expect(problem!.startsWith(field)).toBe(true);
    expect(simulateLine(model).ok).toBe(false);
  });
});
