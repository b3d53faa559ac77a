// Simulation of the pull line: what a workshop relies on when it tries card limits before changing the floor.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulatePullLine, type PullLineInput, type SimStage } from '../../../src/engine/simulate/pull-line.ts';
import { EventQueue } from '../../../src/engine/simulate/event-queue.ts';

const stage = (id: string, meanSeconds: number, cardLimit: number, cv = 0): SimStage => ({ id, name: id, meanSeconds, cardLimit, cv });
const line = (stages: SimStage[], demandIntervalSeconds: number, extra: Partial<PullLineInput> = {}): PullLineInput => ({
  stages,
  demandIntervalSeconds,
  demandCv: 0,
  hours: 40,
  warmupHours: 8,
  seed: 1,
  ...extra,
});

function run(input: PullLineInput) {
  const result = simulatePullLine(input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('simulatePullLine', () => {
  it('a line faster than demand ships exactly what the customer withdraws, all from stock', () => {
    const r = run(line([stage('cut', 40, 2), stage('weld', 50, 2)], 60));
    expect(r.throughputPerHour).toBeCloseTo(60, 0);
    expect(r.fillRate).toBe(1);
    expect(r.stages[1].utilization).toBeCloseTo(50 / 60, 2);
  });

  it('a line slower than demand ships at its bottleneck rate and names the bottleneck', () => {
    // Demand every 40 s, but welding takes 50 s: 72 containers an hour at most.
    const r = run(line([stage('cut', 30, 3), stage('weld', 50, 3), stage('pack', 20, 3)], 40));
    expect(r.throughputPerHour).toBeCloseTo(72, 0);
    expect(r.bottleneckId).toBe('weld');
    expect(r.stages[1].utilization).toBeGreaterThan(0.99);
    expect(r.fillRate).toBeLessThan(0.05);
  });

  it('a stage upstream of a slower one is blocked, not busy, for the rest of its time', () => {
    const r = run(line([stage('cut', 20, 2), stage('weld', 50, 2)], 30));
    expect(r.stages[0].utilization).toBeCloseTo(0.4, 2);
    expect(r.stages[0].blocked).toBeCloseTo(0.6, 2);
  });

  it("obeys Little's law: average WIP = throughput × mean lead time, on a variable line", () => {
    const r = run(line([stage('a', 50, 4, 0.8), stage('b', 55, 4, 0.8), stage('c', 45, 4, 0.8)], 60, { demandCv: 0.5, hours: 2000, warmupHours: 50 }));
    const littles = (r.throughputPerHour / 3600) * r.leadTime.mean;
    // The finished-goods stock waits for the customer, so it belongs to the lead time as well.
    expect(Math.abs(littles - r.averageWip) / r.averageWip).toBeLessThan(0.03);
  });

  it('more cards at the stages protect the customer from variation (higher fill rate, more WIP)', () => {
    const variable = (cards: number) => line([stage('a', 45, cards, 1), stage('b', 45, cards, 1)], 60, { demandCv: 1, hours: 1000, seed: 7 });
    const lean = run(variable(1));
    const buffered = run(variable(5));
    expect(buffered.fillRate).toBeGreaterThan(lean.fillRate + 0.1);
    expect(buffered.averageWip).toBeGreaterThan(lean.averageWip);
  });

  it('the same seed gives the same run; another seed another run', () => {
    const input = line([stage('a', 50, 3, 0.5)], 60, { demandCv: 0.5 });
    expect(run(input)).toEqual(run(input));
    expect(run({ ...input, seed: 2 }).leadTime.mean).not.toBe(run(input).leadTime.mean);
  });

  it('never lets a stage hold more containers than its card limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ mean: fc.integer({ min: 5, max: 120 }), limit: fc.integer({ min: 1, max: 6 }), cv: fc.double({ min: 0, max: 2, noNaN: true }) }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 10, max: 120 }),
        fc.integer(),
        (stages, interval, seed) => {
          const r = run(line(stages.map((s, i) => stage(`s${i}`, s.mean, s.limit, s.cv)), interval, { hours: 10, warmupHours: 1, seed, demandCv: 0.7 }));
          r.stages.forEach((s, i) => {
            expect(s.maxWip).toBeLessThanOrEqual(stages[i].limit);
            expect(s.utilization + s.blocked + s.starved).toBeLessThanOrEqual(1 + 1e-9);
          });
          expect(r.fillRate).toBeGreaterThanOrEqual(0);
          expect(r.fillRate).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports progress up to the end of the run', () => {
    const seen: number[] = [];
    simulatePullLine(line([stage('a', 50, 2)], 60), (p) => seen.push(p.fraction));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBeLessThanOrEqual(1);
  });

  const refusals: [string, PullLineInput, RegExp][] = [
    ['no stages', line([], 60), /no stages/],
    ['a card limit of 0', line([stage('a', 50, 0)], 60), /card limit must be a whole number of at least 1/],
    ['a negative processing time', line([stage('a', -5, 2)], 60), /processing time must be more than 0/],
    ['zero time between withdrawals (no demand)', line([stage('a', 50, 2)], 0), /withdrawals must be more than 0 seconds/],
    ['a warm-up of NaN hours', line([stage('a', 50, 2)], 60, { warmupHours: NaN }), /warm-up/],
  ];
  for (const [what, input, message] of refusals) {
    it(`refuses ${what} with a message`, () => {
      const result = simulatePullLine(input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(message);
    });
  }
});

describe('EventQueue', () => {
  it('pops events in time order, ties in the order they were pushed', () => {
    const q = new EventQueue<string>();
    [[5, 'e'], [1, 'a'], [3, 'c1'], [3, 'c2'], [2, 'b'], [9, 'z']].forEach(([t, x]) => q.push(t as number, x as string));
    const out: string[] = [];
    while (q.size) out.push(q.pop()!.item);
    expect(out).toEqual(['a', 'b', 'c1', 'c2', 'e', 'z']);
  });
});
