import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/engine/events.ts';
import type { KanbanLoop, ShiftCalendar } from '../../../src/engine/model.ts';
import { MIN_LOOP_TRIPS, measureLoopLeadTimes, workingMsBetween } from '../../../src/engine/loop-lead-time.ts';
import { streamLimitProposals } from '../../../src/engine/api/limits-api.ts';
import { cards, pieces, piecesPerDay } from '../../../src/engine/units.ts';

const H = 3_600_000;
// One 8-hour shift, 06:00–14:00, Monday to Friday.
const calendar: ShiftCalendar = { shifts: [{ name: 'Day', startMinute: 360, endMinute: 840, breaks: [], plannedDowntimeMinutes: 0 }], workingDaysPerWeek: 5 };
const monday = Date.UTC(2026, 10, 23); // a Monday, 00:00 UTC
const loop: KanbanLoop = {
  id: 'loop-a', name: 'A loop', kind: 'production', partNumber: 'A-1', demandShare: 1,
  processingDays: 0.25, waitingDays: 0.25, transportDays: 0, safetyFactor: 0, containerQuantity: pieces(10),
};

/** `n` cards of the loop, each signalled at `startHour` on a day from Monday to Thursday and completed `hours` later. */
function trips(n: number, startHour: number, hours: number): LogEntry[] {
  return Array.from({ length: n }, (_, k) => {
    const day = monday + (k % 4) * 24 * H; // Monday to Thursday: the next morning is a working day
    return [
      { type: 'create', cardId: `c${k}`, at: day + startHour * H, card: { loopId: 'loop-a', partNumber: 'A-1' } } as LogEntry,
      { type: 'complete', cardId: `c${k}`, at: day + (startHour + hours) * H },
    ];
  }).flat();
}

describe('workingMsBetween(calendar, from, to)', () => {
  it('counts only time inside the shifts: 12:00 Monday to 08:00 Tuesday is 2 h + 2 h', () => {
    expect(workingMsBetween(calendar, monday + 12 * H, monday + 32 * H)).toBe(4 * H);
  });
  it('skips the weekend: Friday 13:00 to Monday 07:00 is 2 working hours', () => {
    expect(workingMsBetween(calendar, monday + 4 * 24 * H + 13 * H, monday + 7 * 24 * H + 7 * H)).toBe(2 * H);
  });
  it('places shifts at local time: with UTC+2 the shift is 04:00–12:00 UTC', () => {
    expect(workingMsBetween(calendar, monday, monday + 24 * H, 120)).toBe(8 * H);
    expect(workingMsBetween(calendar, monday + 12 * H, monday + 14 * H, 120)).toBe(0);
  });
});

describe('measureLoopLeadTimes(events, loops, calendar) — drift re-proposals compare like with like', () => {
  it('times each card around its loop, signal to return, in working days of the calendar', () => {
    // Signalled 10:00, returned 08:00 the next day: 4 h + 2 h = 6 working hours = 0.75 of an 8-hour working day.
    const r = measureLoopLeadTimes(trips(MIN_LOOP_TRIPS, 10, 22), [loop], calendar);
    expect(r.ok && r.value['loop-a']).toEqual({ loopId: 'loop-a', days: 0.75, trips: MIN_LOOP_TRIPS, tripsNeeded: 0 });
  });

  it('gives no figure on too few trips and says how many more are needed', () => {
    const r = measureLoopLeadTimes(trips(3, 10, 2), [loop], calendar);
    expect(r.ok && r.value['loop-a']).toEqual({ loopId: 'loop-a', days: null, trips: 3, tripsNeeded: MIN_LOOP_TRIPS - 3 });
  });

  it('a calendar without shifts is refused with a message', () => {
    const r = measureLoopLeadTimes([], [loop], { shifts: [], workingDaysPerWeek: 5 });
    expect(r.ok ? '' : r.error).toMatch(/no shifts/);
  });

  it('re-proposes from the loop\'s measured trip, not from one stage\'s cycle time, and nothing on too little data', () => {
    const stage = { id: 's1', streamId: 's', name: 'Weld', order: 0, cardLimit: cards(5), policy: 'hard' as const, loopId: 'loop-a' };
    const base = { stages: [stage], loops: [loop], parts: [{ partNumber: 'A-1', demandPerDay: piecesPerDay(100) }], calendar, now: monday + 10 * 24 * H, threshold: 0.25 };
    // Planned L = 0.5 days → 100 × 0.5 ÷ 10 = 5 cards. Measured 0.75 days → 7.5 → 8 cards.
    const measured = streamLimitProposals({ ...base, events: trips(MIN_LOOP_TRIPS, 10, 22) });
    if (!measured.ok) throw new Error(measured.error);
    expect(measured.value.loops[0]).toMatchObject({ plannedDays: 0.5, days: 0.75, trips: MIN_LOOP_TRIPS });
    expect(measured.value.measured[0]).toMatchObject({ driftExceeded: true, proposedLimit: 8 });
    const few = streamLimitProposals({ ...base, events: trips(MIN_LOOP_TRIPS - 1, 10, 22) });
    if (!few.ok) throw new Error(few.error);
    expect(few.value.measured[0]).toMatchObject({ driftExceeded: false, proposedLimit: 5 });
    expect(few.value.loops[0]).toMatchObject({ days: null, tripsNeeded: 1 });
  });
});
