// Monte Carlo "when" and "how many" from daily throughput, against distributions worked out by hand, and its CLI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { monteCarloHowMany, monteCarloWhen } from '../../../src/engine/flow/monte-carlo.ts';

const must = <T,>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('monteCarloWhen', () => {
  it('with a steady 2 cards a day, 5 cards take 3 days in every trial', () => {
    const r = must(monteCarloWhen([2, 2, 2], 5));
    expect(r).toMatchObject({ p50: 3, p85: 3, p95: 3, trials: 10_000 });
    expect(r.histogram).toEqual([{ value: 3, count: 10_000 }]);
  });

  it('one card on a coin flip a day: days are geometric, P(done by day k) = 1 − 2^−k, so 85 % → 3 days, 95 % → 5 days', () => {
    const r = must(monteCarloWhen([0, 1], 1, { trials: 100_000, seed: 3 }));
    // P(≤2) = 0.75 < 0.85 ≤ P(≤3) = 0.875; P(≤4) = 0.9375 < 0.95 ≤ P(≤5) = 0.969.
    expect(r.p85).toBe(3);
    expect(r.p95).toBe(5);
    const day1 = r.histogram.find((h) => h.value === 1)!.count / r.trials;
    expect(Math.abs(day1 - 0.5)).toBeLessThan(0.01);
  });

  it('is the same for the same seed, and the histogram counts every trial', () => {
    const a = must(monteCarloWhen([3, 0, 5, 2], 50, { seed: 42 }));
    expect(must(monteCarloWhen([3, 0, 5, 2], 50, { seed: 42 }))).toEqual(a);
    expect(a.histogram.reduce((s, h) => s + h.count, 0)).toBe(a.trials);
    expect(a.p50).toBeLessThanOrEqual(a.p85);
    expect(a.p85).toBeLessThanOrEqual(a.p95);
    // 50 cards at 2.5 a day is about 20 days.
    expect(a.p50).toBeGreaterThanOrEqual(18);
    expect(a.p50).toBeLessThanOrEqual(22);
  });

  it.each([
    ['no throughput days', [], 5, {}, /at least one day/],
    ['a fractional day', [1.5, 2], 5, {}, /Day 1 .* whole number/],
    ['a negative day', [1, -2], 5, {}, /Day 2/],
    ['only days of 0', [0, 0, 0], 5, {}, /no trial would ever finish/],
    ['0 cards', [1, 2], 0, {}, /number of cards/],
    ['0 trials', [1, 2], 5, { trials: 0 }, /Trials must be/],
    ['a fractional seed', [1, 2], 5, { seed: 1.5 }, /seed/],
    ['an answer beyond 100 years', [0, 0, 0, 1], 1_000_000, {}, /would take over/],
  ])('refuses %s with a message', (_, tp, items, opts, message) => {
    expect(monteCarloWhen(tp as number[], items as number, opts)).toEqual({ ok: false, error: expect.stringMatching(message as RegExp) });
  });
});

describe('monteCarloHowMany', () => {
  it('one card on a coin flip a day for 10 days is Binomial(10, ½): 50 % → 5, 85 % reach 3, 95 % reach 2', () => {
    // P(X ≥ 5) = 0.623, P(X ≥ 6) = 0.377; P(X ≥ 3) = 0.945, P(X ≥ 4) = 0.828; P(X ≥ 2) = 0.989.
    const r = must(monteCarloHowMany([0, 1], 10, { trials: 100_000, seed: 5 }));
    expect([r.p50, r.p85, r.p95]).toEqual([5, 3, 2]);
    expect(r.histogram.reduce((s, h) => s + h.count, 0)).toBe(100_000);
  });

  it('higher confidence means fewer cards promised', () => {
    const r = must(monteCarloHowMany([3, 0, 5, 2], 10));
    expect(r.p95).toBeLessThanOrEqual(r.p85);
    expect(r.p85).toBeLessThanOrEqual(r.p50);
  });

  it('refuses 0 days and more trials than it allows', () => {
    expect(monteCarloHowMany([1], 0).ok).toBe(false);
    expect(monteCarloHowMany([1], 3, { trials: 2_000_000 })).toEqual({ ok: false, error: expect.stringMatching(/^Trials must be/) });
  });
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const cli = (...args: string[]) => spawnSync(tsx, [path.join(repoRoot, 'src', 'cli', 'forecast.ts'), ...args], { encoding: 'utf8', cwd: repoRoot, timeout: 30_000 });

describe('forecast CLI', { timeout: 30_000 }, () => {
  it('"when" prints one JSON line with the engine\'s p50/p85/p95 and trials', () => {
    const r = cli('when', '--throughput', '3,0,5,2', '--items', '50', '--seed', '9', '--trials', '2000');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const e = must(monteCarloWhen([3, 0, 5, 2], 50, { seed: 9, trials: 2000 }));
    expect(JSON.parse(lines[0]!)).toEqual({ p50: e.p50, p85: e.p85, p95: e.p95, trials: 2000 });
  });

  it('"how-many" answers in cards', () => {
    const r = cli('how-many', '--throughput', '3,0,5,2', '--days', '10');
    expect(r.status).toBe(0);
    const e = must(monteCarloHowMany([3, 0, 5, 2], 10));
    expect(JSON.parse(r.stdout)).toEqual({ p50: e.p50, p85: e.p85, p95: e.p95, trials: 10_000 });
  });

  it.each([
    [['soon', '--throughput', '1'], /Unknown question "soon"/],
    [['when', '--throughput', '3,x', '--items', '5'], /day 2 is "x"/],
    [['when', '--throughput', '3,1'], /needs --items/],
    [['how-many', '--throughput', '0,0', '--days', '2.5'], /--days needs a whole number/],
    [['when', '--throughput', '0,0', '--items', '5'], /no trial would ever finish/],
    [['when', '--items', '5'], /--throughput is required/],
  ])('exits 2 with a message for %j', (args, message) => {
    const r = cli(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message as RegExp);
  });
});
