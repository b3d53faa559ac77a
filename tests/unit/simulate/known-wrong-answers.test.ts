// Regression tests for the engine's known wrong answers (issue 16): each test is named after the wrong answer it fixes.
import { describe, expect, it } from 'vitest';
import { availableTime } from '../../../src/engine/calendar.ts';
import { takt, taktFromCalendar } from '../../../src/engine/takt.ts';
import { kanbanCount, supermarketSize } from '../../../src/engine/kanban.ts';
import { safetyStock } from '../../../src/engine/safety-stock.ts';
import type { Shift, ShiftCalendar } from '../../../src/engine/model.ts';
import { days, pieces, piecesPerDay, seconds } from '../../../src/engine/units.ts';

const shift = (name: string, start: string, end: string, breaks: Shift['breaks'] = []): Shift => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { name, startMinute: m(start), endMinute: m(end), breaks, plannedDowntimeMinutes: 0 };
};
const cal = (...shifts: Shift[]): ShiftCalendar => ({ shifts, workingDaysPerWeek: 5 });

describe('overlapping shifts counted twice', () => {
  it('06:00–14:00 and 10:00–18:00 give 43,200 s a day and a takt of 432 s at demand 100 (was 57,600 s and 576 s)', () => {
    const c = cal(shift('Early', '06:00', '14:00'), shift('Late', '10:00', '18:00'));
    const time = availableTime(c);
    if (!time.ok) throw new Error(time.error);
    expect(time.value.perDay).toBe(43_200);
    expect(time.value.explanation).toContain('overlap by 240 min');
    const t = taktFromCalendar(c, piecesPerDay(100));
    if (!t.ok) throw new Error(t.error);
    expect(t.value.takt).toBe(432);
  });

  it('a shift past midnight overlapping one after midnight counts the common time once', () => {
    const time = availableTime(cal(shift('Night', '22:00', '06:00'), shift('Early', '05:00', '13:00')));
    if (!time.ok) throw new Error(time.error);
    expect(time.value.perDay).toBe(15 * 3600);
  });

  it('an exact duplicate shift is refused with a message naming both shifts', () => {
    const time = availableTime(cal(shift('A', '06:00', '14:00'), shift('B', '06:00', '14:00')));
    expect(time.ok).toBe(false);
    if (!time.ok) expect(time.error).toMatch(/Shift "B" is a duplicate of shift "A" \(both 06:00–14:00\)/);
  });

  it('a break with a clock time inside the overlap of two shifts counts once', () => {
    const lunch = (name: string) => ({ name, minutes: 30, startMinute: 12 * 60 });
    const time = availableTime(cal(shift('Early', '06:00', '14:00', [lunch('Lunch')]), shift('Late', '10:00', '18:00', [lunch('Lunch')])));
    if (!time.ok) throw new Error(time.error);
    expect(time.value.perDay).toBe(43_200 - 30 * 60);
  });

  it('breaks without a clock time are still taken from their own shift', () => {
    const time = availableTime(cal(shift('Early', '06:00', '14:00', [{ name: 'Meal', minutes: 30 }]), shift('Late', '14:00', '22:00', [{ name: 'Meal', minutes: 30 }])));
    if (!time.ok) throw new Error(time.error);
    expect(time.value.perDay).toBe(16 * 3600 - 3600);
  });
});

describe('overflow comes back as a valid result', () => {
  it('kanbanCount with demand 1e308 is an error value, not cards: Infinity', () => {
    const r = kanbanCount({ demandPerDay: piecesPerDay(1e308), leadTimeDays: days(10), safetyFactor: 0.1, containerQuantity: pieces(1) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/too large/);
  });

  it('takt(28800, 1e-320) is an error value, not Infinity', () => {
    const r = takt(seconds(28_800), piecesPerDay(1e-320));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/out of range/);
  });

  it('safetyStock with σ 1e200 is an error value, not Infinity', () => {
    const r = safetyStock({ serviceLevel: 0.95, demandStdDevPerDay: piecesPerDay(1e200), leadTimeDays: days(4), demandPerDay: piecesPerDay(1e200), leadTimeStdDevDays: days(1e200) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/too large/);
  });

  it('supermarketSize beyond counting is an error value', () => {
    const r = supermarketSize({ demandPerDay: piecesPerDay(1e308), replenishmentDays: days(10), bufferPieces: pieces(0), safetyStockPieces: pieces(0), containerQuantity: pieces(1) });
    expect(r.ok).toBe(false);
  });

  it('ordinary inputs still give finite answers', () => {
    const r = kanbanCount({ demandPerDay: piecesPerDay(100), leadTimeDays: days(1.1), safetyFactor: 0, containerQuantity: pieces(10) });
    expect(r.ok && r.value.cards).toBe(11);
  });
});
