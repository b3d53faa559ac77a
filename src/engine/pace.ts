// The hour-by-hour pace board of lean lines: for the current shift, per hour, the plan from takt, the actual count of
// finished containers and pieces from the event log, and the running difference. Pure: the clock comes in as `now`.
import type { Shift, ShiftCalendar } from './model.ts';
import { err, ok, type Result } from './result.ts';

export interface Completion {
  at: number;
  pieces: number;
}

export interface PaceHour {
  /** Epoch ms of the hour's start and end (the last hour may end early with the shift). */
  start: number;
  end: number;
  /** Planned pieces in this hour: the hour's working seconds over takt. */
  plan: number;
  /** Pieces and containers finished in this hour. */
  actual: number;
  containers: number;
  /** Actual minus plan, summed from the shift's first hour to this one. */
  cumulative: number;
  /** The hour is over (its figures are final) or still running, or still to come. */
  state: 'past' | 'now' | 'future';
  missed: boolean;
  reason?: string;
}

export interface PaceBoard {
  shift: string;
  shiftStart: number;
  shiftEnd: number;
  /** Share of each shift hour that is working time: breaks and planned downtime spread evenly over the shift. */
  workingShare: number;
  hours: PaceHour[];
}

export interface PaceInput {
  calendar: ShiftCalendar;
  taktSeconds: number;
  completions: readonly Completion[];
  /** Reasons logged for missed hours, by the hour's start. */
  reasons: Readonly<Record<number, string>>;
  now: number;
  /** Minutes to add to UTC for the plant's local time (shift times are local). */
  utcOffsetMinutes: number;
}

const MINUTE = 60_000;
const DAY_MINUTES = 1440;

/** The shift running at `now`, or else the last one that ended today, or else the first of the day, with its epoch bounds. */
export function currentShift(calendar: ShiftCalendar, now: number, utcOffsetMinutes: number): { shift: Shift; start: number; end: number } | null {
  const local = now + utcOffsetMinutes * MINUTE;
  const midnight = Math.floor(local / (DAY_MINUTES * MINUTE)) * DAY_MINUTES * MINUTE - utcOffsetMinutes * MINUTE;
  const spans = [];
  for (const dayShift of [-1, 0]) {
    for (const shift of calendar.shifts) {
      const length = ((shift.endMinute - shift.startMinute + DAY_MINUTES - 1) % DAY_MINUTES) + 1;
      const start = midnight + (dayShift * DAY_MINUTES + shift.startMinute) * MINUTE;
      spans.push({ shift, start, end: start + length * MINUTE });
    }
  }
  const running = spans.find((s) => s.start <= now && now < s.end);
  if (running) return running;
  const ended = spans.filter((s) => s.end <= now && s.start >= midnight).sort((a, b) => b.end - a.end)[0];
  if (ended) return ended;
  return spans.filter((s) => s.start >= midnight).sort((a, b) => a.start - b.start)[0] ?? null;
}

export function paceBoard(input: PaceInput): Result<PaceBoard> {
  const { calendar, taktSeconds, now } = input;
  if (!(Number.isFinite(taktSeconds) && taktSeconds > 0)) return err('Takt is not known (add demand to the parts), so there is no plan per hour.');
  if (!Array.isArray(calendar.shifts) || calendar.shifts.length === 0) return err('The stream has no shifts, so there is no shift to plan.');
  const found = currentShift(calendar, now, input.utcOffsetMinutes);
  if (!found) return err('No shift found for today.');
  const { shift, start, end } = found;
  const lengthMinutes = (end - start) / MINUTE;
  const lost = shift.breaks.reduce((sum, b) => sum + b.minutes, 0) + shift.plannedDowntimeMinutes;
  const workingShare = Math.max(0, (lengthMinutes - lost) / lengthMinutes);
  const hours: PaceHour[] = [];
  let cumulative = 0;
  for (let from = start; from < end; from += 60 * MINUTE) {
    const to = Math.min(end, from + 60 * MINUTE);
    const plan = Math.round((((to - from) / 1000) * workingShare) / taktSeconds);
    let actual = 0;
    let containers = 0;
    for (const c of input.completions) {
      if (c.at >= from && c.at < to) {
        actual += c.pieces;
        containers += 1;
      }
    }
    const state = to <= now ? 'past' : from <= now ? 'now' : 'future';
    // The running hour is judged against the part of its plan that is due by now.
    const due = state === 'now' ? (plan * (now - from)) / (to - from) : plan;
    if (state !== 'future') cumulative = Math.round((cumulative + actual - due) * 10) / 10;
    const reason = input.reasons[from];
    hours.push({ start: from, end: to, plan, actual, containers, cumulative, state, missed: state === 'past' && actual < plan, ...(reason ? { reason } : {}) });
  }
  return ok({ shift: shift.name, shiftStart: start, shiftEnd: end, workingShare, hours });
}
