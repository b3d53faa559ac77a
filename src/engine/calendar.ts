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

/**
 * Net available time = shift length − breaks − planned downtime, summed over the shifts of a working day
 * (Rother & Shook, "Learning to See", 1999: available time excludes breaks, meetings and planned maintenance).
 * A shift whose end is before its start runs past midnight.
 */
export function availableTime(calendar: ShiftCalendar): Result<AvailableTime> {
  if (calendar.shifts.length === 0) return err('The calendar has no shifts: add at least one shift to get available time.');
  const days = calendar.workingDaysPerWeek;
  if (!Number.isFinite(days) || days <= 0 || days > 7) {
    return err(`Working days per week must be more than 0 and at most 7; got ${days}.`);
  }
  const perShift: ShiftTime[] = [];
  let grossMinutes = 0;
  let netMinutes = 0;
  for (const shift of calendar.shifts) {
    const label = `Shift "${shift.name}"`;
    if (!isWholeMinute(shift.startMinute) || !isWholeMinute(shift.endMinute)) {
      return err(`${label}: start and end must be minutes after midnight between 0 and 1440; got ${shift.startMinute} and ${shift.endMinute}.`);
    }
    if (shift.startMinute === shift.endMinute) return err(`${label} starts and ends at the same minute, so it has no length.`);
    const gross = shift.endMinute > shift.startMinute
      ? shift.endMinute - shift.startMinute
      : shift.endMinute + MINUTES_PER_DAY - shift.startMinute;
    let breakMinutes = 0;
    for (const b of shift.breaks) {
      if (!Number.isFinite(b.minutes) || b.minutes < 0) return err(`${label}: break "${b.name}" must last 0 minutes or more; got ${b.minutes}.`);
      breakMinutes += b.minutes;
    }
    const downtime = shift.plannedDowntimeMinutes;
    if (!Number.isFinite(downtime) || downtime < 0) return err(`${label}: planned downtime must be 0 minutes or more; got ${downtime}.`);
    if (breakMinutes + downtime >= gross) {
      return err(`${label}: breaks (${breakMinutes} min) and planned downtime (${downtime} min) fill the whole ${gross}-min shift, leaving no time to work. Shorten the breaks or lengthen the shift.`);
    }
    grossMinutes += gross;
    netMinutes += gross - breakMinutes - downtime;
    perShift.push({
      name: shift.name,
      gross: seconds(gross * 60),
      breaks: seconds(breakMinutes * 60),
      plannedDowntime: seconds(downtime * 60),
      net: seconds((gross - breakMinutes - downtime) * 60),
    });
  }
  if (grossMinutes > MINUTES_PER_DAY) {
    return err(`The shifts add up to ${grossMinutes} minutes, more than the 1440 minutes in a day; check for overlapping shifts.`);
  }
  const perDay = seconds(netMinutes * 60);
  return ok({
    perShift,
    perDay,
    perWeek: seconds(perDay * days),
    workingDaysPerWeek: days,
    explanation: `${perShift.map((s) => `${s.name}: ${s.gross / 60} min − ${s.breaks / 60} min breaks − ${s.plannedDowntime / 60} min planned downtime = ${s.net} s`).join('; ')}. Per day ${perDay} s; × ${days} working days = ${perDay * days} s per week.`,
  });
}
