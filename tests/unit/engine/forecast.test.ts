// Exponential smoothing forecasts: textbook fits, exact recovery of clean series, errors, and the plan they feed.
import { describe, expect, it } from 'vitest';
import { fitForecast, forecastErrors, planFromForecast, smoothWith } from '../../../src/engine/forecast.ts';
import type { KanbanLoop } from '../../../src/engine/model.ts';
import { pieces, piecesPerDay, seconds } from '../../../src/engine/units.ts';

// Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 2nd ed., §7.1, Table 7.1:
// oil production in Saudi Arabia 1996–2013 (fpp2::oil); ses() reports α = 0.8339, ℓ0 = 446.59, forecast 542.7.
const oil = [445.36, 453.2, 454.41, 422.38, 456.04, 440.39, 425.19, 486.21, 500.43, 521.28, 508.95, 488.89, 509.87, 456.72, 473.82, 525.95, 549.83, 542.34];

describe('fitForecast(history, { method: "ses" })', () => {
  it('reproduces the FPP oil example: α ≈ 0.834, ℓ0 ≈ 446.6, next year ≈ 542.7', () => {
    const r = fitForecast(oil, { method: 'ses', horizon: 3 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Math.abs(r.value.params.alpha - 0.8339)).toBeLessThan(1e-3);
    expect(Math.abs(r.value.initial.level - 446.59)).toBeLessThan(0.05);
    expect(Math.abs(r.value.forecast[0] - 542.7)).toBeLessThan(0.05);
    // A flat forecast: SES carries the last level forward.
    expect(r.value.forecast[2]).toBe(r.value.forecast[0]);
  });

  it('has a sum of squared errors no larger than at the book\'s parameters (it is the least-squares fit)', () => {
    const r = fitForecast(oil, { method: 'ses', horizon: 1 });
    const book = smoothWith(oil, 'ses', { alpha: 0.8339 }, { level: 446.5868 }, 1);
    expect(r.ok && book.ok).toBe(true);
    if (!r.ok || !book.ok) return;
    const sse = book.value.fitted.reduce((s, f, i) => s + (oil[i] - f) ** 2, 0);
    expect(r.value.sse).toBeLessThanOrEqual(sse + 1e-9);
  });

  it('gives the same answer every time (no randomness in the fit)', () => {
    expect(fitForecast(oil, { method: 'holt', horizon: 2 })).toEqual(fitForecast(oil, { method: 'holt', horizon: 2 }));
  });
});

describe('smoothWith(history, "holt", params, initial)', () => {
  it('reproduces the trend-adjusted forecast table of Heizer & Render (Operations Management, ch. 4: α = 0.2, β = 0.4, F1 = 11, T1 = 2)', () => {
    const demand = [12, 17, 20, 19, 24, 21, 31, 28, 36];
    const r = smoothWith(demand, 'holt', { alpha: 0.2, beta: 0.4 }, { level: 11, trend: 2 }, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const fit = [13, 14.72, 17.28, 20.14, 22.14, 24.89, 26.18, 29.59, 31.6];
    r.value.fitted.forEach((f, i) => expect(f).toBeCloseTo(fit[i], 2));
    expect(r.value.forecast[0]).toBeCloseTo(35.16, 2);
  });
});

describe('fitForecast with trend and seasonality', () => {
  it('Holt recovers a straight line and extends it', () => {
    const r = fitForecast([10, 12, 14, 16, 18, 20], { method: 'holt', horizon: 2 });
    expect(r.ok && r.value.forecast.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([22, 24]);
  });

  it('additive Holt-Winters recovers trend plus a weekly pattern exactly', () => {
    const pattern = [10, -5, 3, -8];
    const y = Array.from({ length: 24 }, (_, i) => 100 + 2 * i + pattern[i % 4]);
    const r = fitForecast(y, { method: 'holt-winters-additive', horizon: 4, seasonLength: 4 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const expected = [24, 25, 26, 27].map((i) => 100 + 2 * i + pattern[i % 4]);
    r.value.forecast.forEach((f, i) => expect(f).toBeCloseTo(expected[i], 6));
  });

  it('multiplicative Holt-Winters follows a pattern that scales with the level to within 0.5 %', () => {
    const factors = [1.2, 0.8, 1.1, 0.9];
    const y = Array.from({ length: 24 }, (_, i) => (100 + 2 * i) * factors[i % 4]);
    const r = fitForecast(y, { method: 'holt-winters-multiplicative', horizon: 4, seasonLength: 4 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    [24, 25, 26, 27].forEach((i, k) => expect(Math.abs(r.value.forecast[k] / ((100 + 2 * i) * factors[i % 4]) - 1)).toBeLessThan(0.005));
  });
});

describe('fitForecast refuses what it cannot forecast', () => {
  it.each([
    ['an empty history', [], { method: 'ses' as const, horizon: 1 }, /empty/],
    ['a horizon of 0', oil, { method: 'ses' as const, horizon: 0 }, /horizon/],
    ['negative demand', [5, -1, 4], { method: 'ses' as const, horizon: 1 }, /0 or more/],
    ['Holt-Winters without two seasons of history', oil.slice(0, 9), { method: 'holt-winters-additive' as const, horizon: 1, seasonLength: 4 }, /at least 10 periods/],
    ['multiplicative seasonality with a zero period', [...oil.slice(0, 11), 0], { method: 'holt-winters-multiplicative' as const, horizon: 1, seasonLength: 4 }, /above 0/],
  ])('%s', (_, history, options, message) => {
    const r = fitForecast(history, options);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });
});

describe('forecastErrors(actual, predicted)', () => {
  it('gives MAE and MAPE as in FPP §5.8, leaving periods with zero demand out of MAPE', () => {
    const r = forecastErrors([0, 10, 20], [1, 12, 18]);
    expect(r.ok && r.value.mae).toBeCloseTo(5 / 3, 12);
    expect(r.ok && r.value.mape).toBeCloseTo(15, 12);
    expect(r.ok && r.value.mapeExcluded).toBe(1);
  });

  it('reports no MAPE rather than Infinity when every actual is zero', () => {
    const r = forecastErrors([0, 0], [1, 2]);
    expect(r.ok && r.value.mape).toBeNull();
  });

  it('refuses an empty comparison', () => {
    expect(forecastErrors([], []).ok).toBe(false);
  });
});

describe('planFromForecast(forecast, available, loops)', () => {
  const loop: KanbanLoop = {
    id: 'l1', name: 'Press', kind: 'production', partNumber: 'BR-1', demandShare: 1,
    processingDays: 0.5, waitingDays: 0.5, transportDays: 0, safetyFactor: 0.1, containerQuantity: pieces(20),
  };

  it('turns next period\'s forecast into takt and card counts', () => {
    const f = fitForecast([920, 920, 920, 920], { method: 'ses', horizon: 1 });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    const r = planFromForecast(f.value, seconds(55_200), [loop]);
    expect(r.ok && r.value.takt.takt).toBeCloseTo(60, 9);
    expect(r.ok && r.value.cards[0].count.cards).toBe(51); // 920 × 1 × 1.1 ÷ 20 = 50.6
  });

  it('refuses a forecast of no demand instead of an infinite takt', () => {
    const f = fitForecast([0, 0, 0], { method: 'ses', horizon: 1 });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    const r = planFromForecast(f.value, seconds(55_200), [loop]);
    expect(!r.ok && r.error).toMatch(/demand above 0/);
  });
});
