// Regressions from issue 16, each named after the defect: a mistyped forecast method ran silently as Holt, and a
// NaN percentile came back as `undefined` where a value was expected.
import { describe, expect, it } from 'vitest';
import { fitForecast, type ForecastMethod } from '../../../src/engine/forecast.ts';
import { forecastPart, type MethodChoice } from '../../../src/engine/api/forecast-api.ts';
import { percentileOfSorted } from '../../../src/engine/flow/index.ts';

describe('issue 16', () => {
  it('an unknown forecast method is an error, not silently Holt', () => {
    const history = [10, 12, 14, 16, 18, 20];
    const r = fitForecast(history, { method: 'holt-linear' as ForecastMethod, horizon: 2 });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('There is no forecast method "holt-linear"') });
    const part = forecastPart({
      history, method: 'hot' as MethodChoice, horizon: 2, seasonLength: 5,
      calendar: { shifts: [], workingDaysPerWeek: 5 }, loops: [],
    });
    expect(part).toEqual({ ok: false, error: expect.stringContaining('There is no forecast method "hot"') });
    // The known one still works.
    expect(fitForecast(history, { method: 'holt', horizon: 2 }).ok).toBe(true);
  });

  it('a NaN percentile is an error value', () => {
    const sorted = [1, 2, 3, 4];
    expect(percentileOfSorted(sorted, Number.NaN)).toEqual({ ok: false, error: 'A percentile must be a number from 0 to 100; got NaN.' });
    expect(percentileOfSorted(sorted, 101).ok).toBe(false);
    expect(percentileOfSorted([1, Number.NaN], 100).ok).toBe(false);
    expect(percentileOfSorted(sorted, 50)).toEqual({ ok: true, value: 2 });
    expect(percentileOfSorted([], 50)).toEqual({ ok: true, value: null });
  });
});
