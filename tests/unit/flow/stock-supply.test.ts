// Inventory turns, supplier delivery reliability and the tracking signal against hand-worked logs.
import { describe, expect, it } from 'vitest';
import { inventoryTurns, supplierReliability } from '../../../src/engine/flow/stock-supply.ts';
import { demandFromLog, trackingSignal } from '../../../src/engine/flow/tracking-signal.ts';
import { forecastTracking, stockFigures } from '../../../src/engine/api/stock-api.ts';
import type { LogEntry } from '../../../src/engine/events.ts';
import type { KanbanLoop, ShiftCalendar } from '../../../src/engine/model.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const create = (cardId: string, at: number, card: { partNumber: string; quantity: number; loopId?: string }) =>
  ({ type: 'create', cardId, at, stageId: 's1', to: 's1', card }) as LogEntry;
const done = (cardId: string, at: number) => ({ type: 'complete', cardId, at, stageId: 's2' }) as LogEntry;
const edit = (cardId: string, at: number, fields: Record<string, unknown>) => ({ type: 'edit', cardId, at, fields }) as LogEntry;

const loop = (over: Partial<KanbanLoop>): KanbanLoop => ({
  id: 'L1', name: 'P1 loop', kind: 'production', partNumber: 'P1', demandShare: 1,
  processingDays: 0.5, waitingDays: 0.25, transportDays: 0.25, safetyFactor: 0, containerQuantity: 20 as never, ...over,
});

describe('inventory turns', () => {
  // Window of 10 days. Card A (20 pieces) in the loop days 0–5: 100 piece-days. Card B (40) from day 2, edited to
  // 10 on day 6 and still open: 40 × 4 + 10 × 4 = 200. Average stock 300 / 10 = 30 pieces. Demand 6/day × 5 × 52 =
  // 1,560 a year, so 1,560 / 30 = 52 turns. Card C is of a part without a loop and is not loop stock.
  const events = [
    create('A', 0, { partNumber: 'P1', quantity: 20, loopId: 'L1' }),
    create('C', 0, { partNumber: 'X9', quantity: 500 }),
    create('B', 2 * DAY, { partNumber: 'P1', quantity: 40 }),
    done('A', 5 * DAY),
    edit('B', 6 * DAY, { partNumber: 'P1', quantity: 10, family: 'f' }),
  ];
  it('is annual demand over the time-weighted pieces in the loop', () => {
    const r = inventoryTurns(events, [{ partNumber: 'P1', demandPerDay: 6 }], [loop({})], { workingDaysPerWeek: 5 }, { from: 0, to: 10 * DAY });
    expect(r.ok && r.value[0]).toEqual({ partNumber: 'P1', demandPerDay: 6, annualDemand: 1560, averageStock: 30, turns: 52, cards: 2 });
  });
  it('counts only the time inside the window', () => {
    // Days 4–8: A 20 × 1, B 40 × 2 + 10 × 2 → 120 piece-days over 4 days = 30 pieces.
    const r = inventoryTurns(events, [{ partNumber: 'P1', demandPerDay: 6 }], [loop({})], { workingDaysPerWeek: 5 }, { from: 4 * DAY, to: 8 * DAY });
    expect(r.ok && r.value[0].averageStock).toBe(30);
  });
  it('has no turns for a part that held no stock, and refuses a window without length', () => {
    const r = inventoryTurns([], [{ partNumber: 'P1', demandPerDay: 6 }], [loop({})], { workingDaysPerWeek: 5 }, { from: 0, to: DAY });
    expect(r.ok && r.value[0].turns).toBeNull();
    const bad = inventoryTurns(events, [], [loop({})], { workingDaysPerWeek: 5 }, { from: DAY, to: DAY });
    expect(bad.ok || bad.error).toMatch(/must end after it starts/);
  });
});

describe('supplier delivery reliability', () => {
  // One 8-hour shift (08:00–16:00), Monday to Friday; the supplier promises 1 working day.
  const calendar: ShiftCalendar = { shifts: [{ name: 'Day', startMinute: 480, endMinute: 960, breaks: [], plannedDowntimeMinutes: 0 }], workingDaysPerWeek: 5 };
  const monday = Date.UTC(2026, 0, 5);
  const supplier = loop({ id: 'S1', name: 'P1 supplier loop', kind: 'withdrawal' });
  const events = [
    // Mon 08:00 → Mon 16:00: 8 h = 1.0 day, on time.
    create('a', monday + 8 * HOUR, { partNumber: 'P1', quantity: 20, loopId: 'S1' }),
    done('a', monday + 16 * HOUR),
    // Mon 12:00 → Tue 14:00: 4 h + 6 h = 1.25 days, late.
    create('b', monday + 12 * HOUR, { partNumber: 'P1', quantity: 20, loopId: 'S1' }),
    done('b', monday + DAY + 14 * HOUR),
    // Fri 12:00 → next Mon 12:00: 4 h + 4 h = 1.0 day (the weekend does not count), on time.
    create('c', monday + 4 * DAY + 12 * HOUR, { partNumber: 'P1', quantity: 20, loopId: 'S1' }),
    done('c', monday + 7 * DAY + 12 * HOUR),
    // A production-loop card is no delivery.
    create('d', monday + 8 * HOUR, { partNumber: 'P1', quantity: 20, loopId: 'L1' }),
    done('d', monday + 5 * DAY),
  ];
  it('counts deliveries signal to return in working days against the promised lead time', () => {
    const r = supplierReliability(events, [loop({}), supplier], calendar);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(1);
    const s = r.value[0];
    expect([s.loopName, s.promisedDays, s.deliveries, s.onTime]).toEqual(['P1 supplier loop', 1, 3, 2]);
    expect(s.share).toBeCloseTo(2 / 3, 12);
    expect(s.late.map((d) => d.cardId)).toEqual(['b']);
    expect(s.late[0].workingDays).toBeCloseTo(1.25, 12);
  });
  it('says why when the calendar has no shifts or a promise is missing', () => {
    const none = supplierReliability(events, [supplier], { shifts: [], workingDaysPerWeek: 5 });
    expect(none.ok || none.error).toMatch(/no shifts/);
    const zero = supplierReliability(events, [loop({ kind: 'withdrawal', processingDays: 0, waitingDays: 0, transportDays: 0 })], calendar);
    expect(zero.ok || zero.error).toMatch(/promised lead time of 0/);
  });
  it('reports both figures over one window in one engine call', () => {
    const r = stockFigures({ events, parts: [{ partNumber: 'P1', demandPerDay: 6 }], loops: [loop({}), supplier], calendar, to: monday + 8 * DAY });
    expect(r.ok && r.value.suppliers[0].deliveries).toBe(3);
    expect(r.ok && r.value.turns[0].cards).toBe(4);
  });
});

describe('tracking signal', () => {
  it('is the cumulative error over the running MAD, biased beyond ±4', () => {
    // Errors 0, 2, 4, 6, 10: CFE 0, 2, 6, 12, 22; MAD 0, 1, 2, 3, 4.4; signal –, 2, 3, 4, 5.
    const r = trackingSignal([10, 12, 14, 16, 20], [10, 10, 10, 10, 10]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points.map((p) => p.signal)).toEqual([null, 2, 3, 4, 5]);
    expect(r.value.points.map((p) => p.biased)).toEqual([false, false, false, false, true]);
    expect(r.value.points[4].mad).toBeCloseTo(4.4, 12);
    expect([r.value.biasedPeriods, r.value.latest]).toEqual([1, 5]);
  });
  it('stays near zero when errors cancel', () => {
    const r = trackingSignal([12, 8, 12, 8], [10, 10, 10, 10]);
    expect(r.ok && r.value.points.map((p) => p.signal)).toEqual([1, 0, 1, 0]);
  });
  it('refuses series of different lengths', () => {
    const r = trackingSignal([1, 2], [1]);
    expect(r.ok || r.error).toMatch(/same periods/);
  });
});

describe('demand from the log and forecast tracking', () => {
  const monday = Date.UTC(2026, 0, 5);
  const events = [
    create('a', monday, { partNumber: 'P1', quantity: 20 }), done('a', monday + 10 * HOUR),
    create('b', monday, { partNumber: 'P1', quantity: 30 }), done('b', monday + 11 * HOUR),
    create('c', monday, { partNumber: 'P2', quantity: 99 }), done('c', monday + 11 * HOUR),
    create('d', monday, { partNumber: 'P1', quantity: 20 }), done('d', monday + 2 * DAY + 9 * HOUR),
    // Saturday: not a working day, left out of the daily series.
    create('e', monday, { partNumber: 'P1', quantity: 20 }), done('e', monday + 5 * DAY + 9 * HOUR),
  ];
  it('sums the pieces of the part completed on each working day', () => {
    const r = demandFromLog(events, 'P1', { from: monday, to: monday + 6 * DAY }, 5);
    expect(r.ok && r.value.pieces).toEqual([50, 0, 20, 0, 0]);
    const w = demandFromLog(events, 'P1', { from: monday, to: monday + 6 * DAY }, 5, 0, 'week');
    expect(w.ok && w.value.pieces).toEqual([90]);
  });
  it('compares one-step-ahead forecasts with the actual series', () => {
    // SES on a constant series forecasts it (to rounding): no error to speak of.
    const r = forecastTracking({ partNumber: 'P1', source: 'history', history: [5, 5, 5, 5, 5], workingDaysPerWeek: 5, to: 0, method: 'ses' });
    expect(r.ok && r.value.points.every((p) => Math.abs(p.error) < 1e-9 && p.actual === 5)).toBe(true);
    // A steady rise under SES lags behind: every error is positive and the signal runs away beyond +4.
    const rising = forecastTracking({ partNumber: 'P1', source: 'history', history: Array.from({ length: 20 }, (_, i) => 100 + 10 * i), workingDaysPerWeek: 5, to: 0, method: 'ses' });
    expect(rising.ok && rising.value.latest! > 4 && rising.value.biasedPeriods > 0).toBe(true);
    const short = forecastTracking({ partNumber: 'P1', source: 'history', history: [5, 6, 7], workingDaysPerWeek: 5, to: 0, method: 'holt' });
    expect(short.ok || short.error).toMatch(/at least 4 periods.*3 periods of demand for P1/);
    const none = forecastTracking({ partNumber: 'P1', source: 'history', history: [], workingDaysPerWeek: 5, to: 0, method: 'ses' });
    expect(none.ok || none.error).toMatch(/no demand history/);
  });
});
