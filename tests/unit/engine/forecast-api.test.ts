// forecastPart: one engine call that fits (or picks the best fit), then turns next period's demand into takt and card counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastPart, type PartForecastInput } from '../../../src/engine/api/forecast-api.ts';
import { fitForecast } from '../../../src/engine/forecast.ts';
import type { KanbanLoop, ShiftCalendar } from '../../../src/engine/model.ts';

const demo = JSON.parse(readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8'));
const sc100 = demo.tables.parts.find((p: { partNumber: string }) => p.partNumber === 'SC-100');
const calendar: ShiftCalendar = demo.tables.streams[0].calendar;
const loops: KanbanLoop[] = demo.tables.loops.filter((l: KanbanLoop) => l.partNumber === 'SC-100');
const input = (over: Partial<PartForecastInput> = {}): PartForecastInput => ({
  history: sc100.demandHistory,
  method: 'holt-winters-additive',
  horizon: 5,
  seasonLength: 5,
  calendar,
  loops,
  ...over,
});

describe('forecastPart', () => {
  it('fits the named method and plans takt and cards at next period demand over the calendar time', () => {
    const r = forecastPart(input());
    if (!r.ok) throw new Error(r.error);
    const direct = fitForecast(sc100.demandHistory, { method: 'holt-winters-additive', horizon: 5, seasonLength: 5 });
    if (!direct.ok) throw new Error(direct.error);
    expect(r.value.forecast.forecast).toEqual(direct.value.forecast);
    expect(r.value.candidates).toHaveLength(1);
    if (!r.value.availablePerDay.ok || !r.value.plan.ok) throw new Error('the demo calendar and loop should plan');
    const plan = r.value.plan.value;
    expect(plan.demand).toBeCloseTo(direct.value.forecast[0]!, 9);
    expect(plan.takt.takt).toBeCloseTo(r.value.availablePerDay.value / direct.value.forecast[0]!, 9);
    expect(plan.cards.map((c) => c.loopId)).toEqual(['loop-sc-100']);
  });

  it('best fit keeps the candidate with the lowest rolling-origin (out-of-sample) MAE and lists every candidate', () => {
    const r = forecastPart(input({ method: 'best' }));
    if (!r.ok) throw new Error(r.error);
    const maes = r.value.candidates.map((c) => (c.ok && c.outOfSample ? c.outOfSample.mae : Infinity));
    expect(r.value.candidates.map((c) => c.method)).toEqual(['ses', 'holt', 'holt-winters-additive']);
    const chosen = r.value.candidates.find((c) => c.method === r.value.forecast.method);
    expect(chosen?.ok && chosen.outOfSample?.mae).toBe(Math.min(...maes));
  });

  it('best fit still answers when the history is too short for Holt-Winters, and says why it was left out', () => {
    const r = forecastPart(input({ method: 'best', history: sc100.demandHistory.slice(0, 8) }));
    if (!r.ok) throw new Error(r.error);
    const hw = r.value.candidates.find((c) => c.method === 'holt-winters-additive');
    expect(hw).toMatchObject({ ok: false, error: expect.stringContaining('needs at least 12 periods') });
    expect(r.value.forecast.method).not.toBe('holt-winters-additive');
  });

  it('returns the engine message for a horizon of 0 or an empty history', () => {
    expect(forecastPart(input({ horizon: 0 }))).toEqual({ ok: false, error: 'The forecast horizon must be a whole number of periods, 1 or more; got 0.' });
    const empty = forecastPart(input({ method: 'best', history: [] }));
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error).toMatch(/^The demand history is empty/);
  });

  it('keeps the forecast when the calendar leaves no time, with the calendar problem as the plan', () => {
    const r = forecastPart(input({ calendar: { shifts: [], workingDaysPerWeek: 5 } }));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.forecast.forecast).toHaveLength(5);
    expect(r.value.plan).toEqual({ ok: false, error: expect.stringMatching(/^The stream's calendar: The calendar has no shifts/) });
  });
});
