// The line simulator checked against closed forms from queueing theory; each test names where its figure comes from.
import { describe, expect, it } from 'vitest';
import { simulateLine, estimate, type LineSimulation } from '../../../src/engine/simulate/replicate.ts';
import type { LineModel, StageModel } from '../../../src/engine/simulate/line-model.ts';

function run(m: LineModel): LineSimulation {
  const r = simulateLine(m);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const exponential = (name: string, mean: number): StageModel => ({ name, time: { dist: 'exponential', mean } });
const inside = (x: number, [lo, hi]: [number, number]) => x >= lo && x <= hi;

describe('simulateLine against closed forms', () => {
  it('a deterministic line runs at its bottleneck rate (Hopp & Spearman, "Factory Physics", 3rd ed., §7.2: r_b = 1 / slowest time)', () => {
    const times = [30, 50, 20];
    const r = run({ stages: times.map((mean, i) => ({ name: `s${i}`, time: { dist: 'deterministic', mean } })), control: { mode: 'conwip', cards: 5 }, demand: { mode: 'saturated' }, hours: 100, warmupHours: 5, replications: 2 });
    const bottleneckRate = 3600 / 50;
    expect(Math.abs(r.throughputPerHour.mean - bottleneckRate) / bottleneckRate).toBeLessThan(0.001);
    expect(r.stages[1].busy).toBeGreaterThan(0.999);
    // Same line with kanban limits and push: the rate is still the bottleneck's.
    for (const control of [{ mode: 'push' as const }, { mode: 'kanban' as const }]) {
      const other = run({ stages: times.map((mean, i) => ({ name: `s${i}`, cards: 2, time: { dist: 'deterministic', mean } })), control, demand: { mode: 'saturated' }, hours: 100, warmupHours: 5, replications: 2 });
      expect(Math.abs(other.throughputPerHour.mean - bottleneckRate) / bottleneckRate).toBeLessThan(0.001);
    }
  });

  it('a balanced CONWIP line of N exponential stations with w cards has throughput w/(w+N−1)·r (Hopp & Spearman, "Factory Physics", §7.4, practical worst case)', () => {
    const N = 4;
    const w = 5;
    const r = run({ stages: Array.from({ length: N }, (_, i) => exponential(`s${i}`, 60)), control: { mode: 'conwip', cards: w }, demand: { mode: 'saturated' }, hours: 1500, warmupHours: 50, replications: 8, seed: 3 });
    const expected = (w / (w + N - 1)) * 60; // 37.5 containers an hour
    expect(Math.abs(r.throughputPerHour.mean - expected) / expected).toBeLessThan(0.01);
    expect(inside(expected, [r.throughputPerHour.ci95[0] - 0.2, r.throughputPerHour.ci95[1] + 0.2])).toBe(true);
    // WIP is the cards, exactly (a closed loop).
    expect(r.wip.mean).toBeCloseTo(w, 6);
  });

  it("Little's law holds on the output: WIP = throughput × lead time (Little, Operations Research 9(3), 1961)", () => {
    const r = run({ stages: [exponential('a', 40), { name: 'b', time: { dist: 'gamma', mean: 50, cv: 0.7 }, breakdown: { mtbfHours: 6, mttrHours: 0.25 } }, { name: 'c', time: { dist: 'lognormal', mean: 30, cv: 0.5 }, rework: 0.05 }], control: { mode: 'push' }, demand: { mode: 'takt', interval: 75, quantity: 1, dist: 'exponential' }, hours: 1500, warmupHours: 50, replications: 4, seed: 9 });
    const littles = (r.throughputPerHour.mean / 3600) * r.leadTimeSeconds.mean;
    expect(Math.abs(r.wip.mean - littles) / r.wip.mean).toBeLessThan(0.02);
  });

  it('one exponential station fed at λ < μ matches M/M/1: W = 1/(μ−λ), L = ρ/(1−ρ) (Kleinrock, "Queueing Systems", vol. 1, §3.2)', () => {
    const lambda = 36 / 3600; // orders every 100 s on average (Poisson)
    const mu = 60 / 3600; // service 60 s on average
    const r = run({ stages: [exponential('machine', 60)], control: { mode: 'push' }, demand: { mode: 'takt', interval: 100, quantity: 1, dist: 'exponential' }, hours: 3000, warmupHours: 50, replications: 8, seed: 5 });
    const W = 1 / (mu - lambda); // 150 s
    const rho = lambda / mu;
    const L = rho / (1 - rho); // 1.5
    expect(Math.abs(r.leadTimeSeconds.mean - W) / W).toBeLessThan(0.03);
    expect(Math.abs(r.wip.mean - L) / L).toBeLessThan(0.03);
    expect(Math.abs(r.stages[0].busy - rho)).toBeLessThan(0.01);
    // The sojourn time of M/M/1 is exponential with mean W: its median is W·ln 2 (Kleinrock, §3.2).
    expect(Math.abs(r.leadTimeSeconds.p50 - W * Math.LN2) / (W * Math.LN2)).toBeLessThan(0.05);
  });

  it('a breakdown takes the share MTTR/(MTBF+MTTR) of the time (Hopp & Spearman, §8.4: availability A = m_f/(m_f+m_r))', () => {
    const r = run({ stages: [{ name: 'press', time: { dist: 'deterministic', mean: 30 }, breakdown: { mtbfHours: 4, mttrHours: 1 } }], control: { mode: 'push' }, demand: { mode: 'saturated' }, hours: 3000, warmupHours: 10, replications: 4 });
    expect(Math.abs(r.stages[0].down - 0.2)).toBeLessThan(0.015);
    expect(Math.abs(r.throughputPerHour.mean - 120 * 0.8) / 96).toBeLessThan(0.02);
  });
});

describe('replications', () => {
  it('independent seeds give different runs, the same seed the same run', () => {
    const m: LineModel = { stages: [exponential('a', 60)], control: { mode: 'conwip', cards: 2 }, demand: { mode: 'saturated' }, hours: 50, warmupHours: 1, replications: 3, seed: 7 };
    const a = run(m);
    const b = run(m);
    expect(a).toEqual(b);
    expect(a.throughputPerHour.ci95[1]).toBeGreaterThan(a.throughputPerHour.ci95[0]);
    const c = run({ ...m, seed: 8 });
    expect(c.throughputPerHour.mean).not.toBe(a.throughputPerHour.mean);
  });

  it('the 95 % interval is mean ± t(0.975, R−1)·s/√R (Law, "Simulation Modeling and Analysis", §9.4.1)', () => {
    const e = estimate([1, 2, 3, 4]);
    const half = 3.182 * Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3 / 4);
    expect(e.mean).toBe(2.5);
    expect(e.ci95[0]).toBeCloseTo(2.5 - half, 9);
    expect(e.ci95[1]).toBeCloseTo(2.5 + half, 9);
  });
});
