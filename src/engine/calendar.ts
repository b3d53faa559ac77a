// Shift calendar → net available time per shift, per working day and per week (the numerator of takt).
import type { ShiftCalendar } from './model.ts';
import type { Seconds } from './units.ts';
import { seconds } from './units.ts';
import { err, ok, type Result } from './result.ts';

const MINUTES_PER_DAY = 24 * 60;

export interface ShiftTime {
  name: string;
  gross: Seconds;
  breaks: Seconds;
  plannedDowntime: Seconds;
  net: Seconds;
}

export interface AvailableTime {
  perShift: ShiftTime[];
  perDay: Seconds;
  perWeek: Seconds;
  workingDaysPerWeek: number;
  explanation: string;
}

const isWholeMinute = (m: number) => Number.isFinite(m) && m >= 0 && m <= MINUTES_PER_DAY;

/** [start, end) minute ranges of a day; a range past midnight is split in two. */
type Span = [number, number];

function daySpans(start: number, length: number): Span[] {
  const end = start + length;
  return end <= MINUTES_PER_DAY ? [[start, end]] : [[start, MINUTES_PER_DAY], [0, end - MINUTES_PER_DAY]];
}

/** Sorted, disjoint union of minute ranges. */
function union(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const total = (spans: Span[]) => spans.reduce((sum, [a, b]) => sum + (b - a), 0);

function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) {
    const lo = Math.max(a0, b0);
    const hi = Math.min(a1, b1);
    if (hi > lo) out.push([lo, hi]);
  }
  return out;
}

const clock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * Net available time = time covered by at least one shift − breaks − planned downtime
 * (Rother & Shook, "Learning to See", 1999: available time excludes breaks, meetings and planned maintenance).
 * Overlapping shifts count their common time once: the line is either running or not (06:00–14:00 and
 * 10:00–18:00 give 12 h, not 16 h). A break with a clock time is likewise counted once where shifts overlap;
 * a break without one, and planned downtime, is taken from its own shift. A shift whose end is before its start
 * runs past midnight. Two shifts with the same start and end are refused as a duplicate.
 */
export function availableTime(calendar: ShiftCalendar): Result<AvailableTime> {
  if (calendar.shifts.length === 0) return err('The calendar has no shifts: add at least one shift to get available time.');
  const days = calendar.workingDaysPerWeek;
  if (!Number.isFinite(days) || days <= 0 || days > 7) {
    return err(`Working days per week must be more than 0 and at most 7; got ${days}.`);
  }
  const perShift: ShiftTime[] = [];
  const working: Span[] = [];
  const timedBreaks: Span[] = [];
  let untimedMinutes = 0;
  let grossMinutes = 0;
  const seen = new Map<string, string>();
  for (const shift of calendar.shifts) {
    const label = `Shift "${shift.name}"`;
    if (!isWholeMinute(shift.startMinute) || !isWholeMinute(shift.endMinute)) {
      return err(`${label}: start and end must be minutes after midnight between 0 and 1440; got ${shift.startMinute} and ${shift.endMinute}.`);
    }
    if (shift.startMinute === shift.endMinute) return err(`${label} starts and ends at the same minute, so it has no length.`);
    const key = `${shift.startMinute % MINUTES_PER_DAY}-${shift.endMinute % MINUTES_PER_DAY}`;
    const twin = seen.get(key);
    if (twin !== undefined) {
      return err(`${label} is a duplicate of shift "${twin}" (both ${clock(shift.startMinute)}–${clock(shift.endMinute)}): remove one; the line runs once in that time.`);
    }
    seen.set(key, shift.name);
    const gross = shift.endMinute > shift.startMinute
      ? shift.endMinute - shift.startMinute
      : shift.endMinute + MINUTES_PER_DAY - shift.startMinute;
    let breakMinutes = 0;
    for (const b of shift.breaks) {
      if (!Number.isFinite(b.minutes) || b.minutes < 0) return err(`${label}: break "${b.name}" must last 0 minutes or more; got ${b.minutes}.`);
      if (b.startMinute !== undefined) {
        if (!isWholeMinute(b.startMinute)) return err(`${label}: break "${b.name}" must start between 0 and 1440 minutes after midnight; got ${b.startMinute}.`);
        if (b.minutes > MINUTES_PER_DAY) return err(`${label}: break "${b.name}" is longer than a day (${b.minutes} min).`);
        timedBreaks.push(...daySpans(b.startMinute % MINUTES_PER_DAY, b.minutes));
      } else {
        untimedMinutes += b.minutes;
      }
      breakMinutes += b.minutes;
    }
    const downtime = shift.plannedDowntimeMinutes;
    if (!Number.isFinite(downtime) || downtime < 0) return err(`${label}: planned downtime must be 0 minutes or more; got ${downtime}.`);
    if (breakMinutes + downtime >= gross) {
      return err(`${label}: breaks (${breakMinutes} min) and planned downtime (${downtime} min) fill the whole ${gross}-min shift, leaving no time to work. Shorten the breaks or lengthen the shift.`);
    }
    untimedMinutes += downtime;
    grossMinutes += gross;
    working.push(...daySpans(shift.startMinute % MINUTES_PER_DAY, gross));
    perShift.push({
      name: shift.name,
      gross: seconds(gross * 60),
      breaks: seconds(breakMinutes * 60),
      plannedDowntime: seconds(downtime * 60),
      net: seconds((gross - breakMinutes - downtime) * 60),
    });
  }
  const covered = union(working);
  const coveredMinutes = total(covered);
  const breakMinutes = total(intersect(covered, union(timedBreaks)));
  const netMinutes = coveredMinutes - breakMinutes - untimedMinutes;
  if (netMinutes <= 0) {
    return err(`Breaks and planned downtime (${breakMinutes + untimedMinutes} min) fill all ${coveredMinutes} min the shifts cover, leaving no time to work.`);
  }
  const overlap = grossMinutes - coveredMinutes;
  const perDay = seconds(netMinutes * 60);
  const overlapNote = overlap > 0 ? ` Shifts overlap by ${overlap} min, counted once: the shifts cover ${coveredMinutes} min of the day.` : '';
  return ok({
    perShift,
    perDay,
    perWeek: seconds(perDay * days),
    workingDaysPerWeek: days,
    explanation: `${perShift.map((s) => `${s.name}: ${s.gross / 60} min − ${s.breaks / 60} min breaks − ${s.plannedDowntime / 60} min planned downtime = ${s.net} s`).join('; ')}.${overlapNote} Per day ${perDay} s; × ${days} working days = ${perDay * days} s per week.`,
  });
}
