// Measured replenishment lead time of each kanban loop: the time its cards take around the loop (signal to return), in working days of the shift calendar.
import type { LogEntry } from './events.ts';
import type { KanbanLoop, ShiftCalendar } from './model.ts';
import { err, ok, type Result } from './result.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Fewest completed trips around a loop before its measured lead time is trusted enough to re-size cards from. */
export const MIN_LOOP_TRIPS = 10;

export interface LoopLeadTime {
  loopId: string;
  /** Mean working days from a card's signal (put on the board) to its return (completed); null below MIN_LOOP_TRIPS trips. */
  days: number | null;
  /** Completed trips the figure rests on. */
  trips: number;
  /** Trips still needed before the loop is measured (0 once it is). */
  tripsNeeded: number;
}

/** Working milliseconds between two instants: the time inside the calendar's shifts, on working days (Monday first). */
export function workingMsBetween(calendar: ShiftCalendar, from: number, to: number, utcOffsetMinutes = 0): number {
  if (!(to > from)) return 0;
  const offset = utcOffsetMinutes * MINUTE_MS;
  const windows = calendar.shifts.map((s) => {
    const end = s.endMinute > s.startMinute ? s.endMinute : s.endMinute + 24 * 60;
    return [s.startMinute * MINUTE_MS, end * MINUTE_MS] as const;
  });
  let total = 0;
  // A shift running past midnight belongs to the day it starts on, so start one day early.
  const first = Math.floor((from + offset) / DAY_MS) - 1;
  const last = Math.floor((to + offset) / DAY_MS);
  for (let day = first; day <= last; day++) {
    // 1970-01-01 was a Thursday: with Monday as 0 it is day 3 of its week.
    const weekday = (((day + 3) % 7) + 7) % 7;
    if (weekday >= calendar.workingDaysPerWeek) continue;
    const dayStart = day * DAY_MS - offset;
    for (const [start, end] of windows) {
      const a = Math.max(from, dayStart + start);
      const b = Math.min(to, dayStart + end);
      if (b > a) total += b - a;
    }
  }
  return total;
}

/** Length of the shifts of one working day, in ms: one working day of lead time. */
export function workingDayMs(calendar: ShiftCalendar): number {
  return calendar.shifts.reduce((sum, s) => sum + ((s.endMinute > s.startMinute ? s.endMinute : s.endMinute + 24 * 60) - s.startMinute) * MINUTE_MS, 0);
}

type CreateEntry = LogEntry & { card?: { loopId?: string; partNumber?: string } };

/**
 * Lead time around each loop from the event log: for every card of the loop that was put on the board (its kanban
 * signal) and later completed (returned), the working time between the two; the mean over those trips, in working
 * days (the shift calendar's working time, so nights and weekends do not count). A card's loop is the one its
 * creation names, or else the loop of its part number. Below MIN_LOOP_TRIPS trips the loop has no figure.
 */
export function measureLoopLeadTimes(
  events: readonly LogEntry[], loops: readonly KanbanLoop[], calendar: ShiftCalendar, utcOffsetMinutes = 0,
): Result<Record<string, LoopLeadTime>> {
  const wd = calendar.workingDaysPerWeek;
  if (!Number.isFinite(wd) || wd <= 0 || wd > 7) return err(`Working days per week must be more than 0 and at most 7; got ${wd}.`);
  const dayMs = workingDayMs(calendar);
  if (!(dayMs > 0)) return err('The calendar has no shifts, so lead time cannot be counted in working days: add a shift.');
  const loopIds = new Set(loops.map((l) => l.id));
  const loopOfPart = new Map(loops.map((l) => [l.partNumber, l.id]));
  const signals = new Map<string, { at: number; loopId: string }>();
  const sums = new Map<string, { ms: number; trips: number }>();
  for (const e of events) {
    if (!e.cardId) continue;
    if (e.type === 'create') {
      const card = (e as CreateEntry).card;
      const loopId = card?.loopId && loopIds.has(card.loopId) ? card.loopId : card?.partNumber ? loopOfPart.get(card.partNumber) : undefined;
      if (loopId) signals.set(e.cardId, { at: e.at, loopId });
    } else if (e.type === 'complete') {
      const signal = signals.get(e.cardId);
      if (!signal) continue;
      signals.delete(e.cardId);
      const sum = sums.get(signal.loopId) ?? { ms: 0, trips: 0 };
      sum.ms += workingMsBetween(calendar, signal.at, e.at, utcOffsetMinutes);
      sum.trips += 1;
      sums.set(signal.loopId, sum);
    } else if (e.type === 'retire') {
      signals.delete(e.cardId);
    }
  }
  const out: Record<string, LoopLeadTime> = {};
  for (const loop of loops) {
    const sum = sums.get(loop.id) ?? { ms: 0, trips: 0 };
    const measured = sum.trips >= MIN_LOOP_TRIPS;
    out[loop.id] = {
      loopId: loop.id,
      days: measured ? sum.ms / sum.trips / dayMs : null,
      trips: sum.trips,
      tripsNeeded: measured ? 0 : MIN_LOOP_TRIPS - sum.trips,
    };
  }
  return ok(out);
}
