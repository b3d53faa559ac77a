import { describe, expect, it } from 'vitest';
import { currentShift, paceBoard } from '../../../src/engine/pace.ts';
import type { ShiftCalendar } from '../../../src/engine/model.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const day = Date.UTC(2026, 11, 2);
const calendar: ShiftCalendar = {
  workingDaysPerWeek: 5,
  shifts: [{ name: 'Early', startMinute: 6 * 60, endMinute: 14 * 60, breaks: [{ name: 'Lunch', minutes: 30 }], plannedDowntimeMinutes: 18 }],
};

describe('pace board: plan and actual hour by hour', () => {
  it('counts a completion in the hour it happened and keeps the running difference', () => {
    const now = day + 8 * HOUR + 30 * MIN; // 08:30 UTC, offset 0
    const result = paceBoard({
      calendar,
      taktSeconds: 60,
      completions: [
        { at: day + 6 * HOUR + 5 * MIN, pieces: 30 },
        { at: day + 6 * HOUR + 59 * MIN, pieces: 20 },
        { at: day + 7 * HOUR, pieces: 40 },
      ],
      reasons: { [day + 7 * HOUR]: 'Changeover ran long' },
      now,
      utcOffsetMinutes: 0,
    });
    if (!result.ok) throw new Error(result.error);
    const board = result.value;
    expect(board.shift).toBe('Early');
    expect(board.hours).toHaveLength(8);
    // 480 min with 48 min lost: 90 % of each hour works; 3,240 s / 60 s takt = 54 pieces per hour.
    expect(board.workingShare).toBeCloseTo(0.9, 10);
    expect(board.hours[0]).toMatchObject({ start: day + 6 * HOUR, plan: 54, actual: 50, containers: 2, cumulative: -4, state: 'past', missed: true });
    expect(board.hours[1]).toMatchObject({ actual: 40, cumulative: -18, missed: true, reason: 'Changeover ran long' });
    // 08:00-09:00 is running: half its plan (27) is due by 08:30.
    expect(board.hours[2]).toMatchObject({ state: 'now', actual: 0, cumulative: -45 });
    expect(board.hours[3].state).toBe('future');
  });

  it('finds the shift in local time and across midnight', () => {
    const night: ShiftCalendar = { workingDaysPerWeek: 5, shifts: [{ name: 'Night', startMinute: 22 * 60, endMinute: 6 * 60, breaks: [], plannedDowntimeMinutes: 0 }] };
    const found = currentShift(night, day + 2 * HOUR, 0);
    expect(found).toMatchObject({ start: day - 2 * HOUR, end: day + 6 * HOUR });
    // 05:30 UTC is 06:30 at UTC+1: the early shift has started.
    expect(currentShift(calendar, day + 5 * HOUR + 30 * MIN, 60)?.start).toBe(day + 5 * HOUR);
  });

  it('refuses to plan without takt', () => {
    const r = paceBoard({ calendar, taktSeconds: Infinity, completions: [], reasons: {}, now: day, utcOffsetMinutes: 0 });
    expect(r.ok).toBe(false);
  });
});
