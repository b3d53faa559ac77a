// Takt, pitch and operators needed: the pace of the line from available time and customer demand.
import type { ShiftCalendar } from './model.ts';
import type { Pieces, PiecesPerDay, Seconds } from './units.ts';
import { seconds } from './units.ts';
import { err, ok, type Result } from './result.ts';
import { availableTime } from './calendar.ts';

/** Why a figure is what it is: the formula, the numbers that went in, and a sentence for the UI. */
export interface Basis {
  formula: string;
  inputs: Record<string, number>;
  explanation: string;
}

/**
 * ⌈x⌉ that ignores floating-point residue: 100 × 1.1 / 10 is 11.000000000000002 in binary floating point,
 * and a card count of 12 for an exact 11 would be wrong. A relative slack of 1e-9 is far above rounding
 * error (~1e-16) and far below any meaningful difference in shop-floor inputs.
 */
export function roundUpWhole(x: number): number {
  const nearest = Math.round(x);
  if (Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x))) return nearest;
  return Math.ceil(x);
}

/** A number for an explanation string a person reads: up to 2 decimals, no trailing zeros; a tiny non-zero one says so. */
export const fmt = (x: number): string => (Math.round(x * 100) === 0 && x !== 0 ? (x > 0 ? '< 0.01' : '> -0.01') : String(Math.round(x * 100) / 100));

const positive = (x: number) => Number.isFinite(x) && x > 0;

export interface Takt {
  takt: Seconds;
  available: Seconds;
  demand: PiecesPerDay;
  basis: Basis;
}

/** Takt = net available time ÷ customer demand (Rother & Shook, "Learning to See": 27,600 s ÷ 460 = 60 s). */
export function takt(available: Seconds, demand: PiecesPerDay): Result<Takt> {
  if (!positive(available)) return err(`Available time must be more than 0 seconds; got ${available}. Check the shift calendar.`);
  if (!Number.isFinite(demand) || demand <= 0) {
    return err(`Customer demand must be more than 0 pieces per day to set a takt; got ${demand}.`);
  }
  const t = seconds(available / demand);
  if (!Number.isFinite(t) || t <= 0) {
    return err(`Takt of ${fmt(available)} s ÷ ${demand} pieces is out of range (${t} s): check the demand and the available time.`);
  }
  return ok({
    takt: t,
    available,
    demand,
    basis: {
      formula: 'takt = available time ÷ demand',
      inputs: { available, demand },
      explanation: `${fmt(available)} s available ÷ ${fmt(demand)} pieces = takt of ${fmt(t)} s per piece.`,
    },
  });
}

/** Takt for one working day of the calendar. */
export function taktFromCalendar(calendar: ShiftCalendar, demand: PiecesPerDay): Result<Takt> {
  const time = availableTime(calendar);
  if (!time.ok) return time;
  return takt(time.value.perDay, demand);
}

export interface Pitch {
  pitch: Seconds;
  basis: Basis;
}

/** Pitch = takt × pack-out quantity: how often one container is released (Rother & Shook, "Learning to See"). */
export function pitch(taktTime: Seconds, packOut: Pieces): Result<Pitch> {
  if (!positive(taktTime)) return err(`Takt must be more than 0 seconds to compute pitch; got ${taktTime}.`);
  if (!positive(packOut)) return err(`Pack-out quantity must be more than 0 pieces; got ${packOut}.`);
  const p = seconds(taktTime * packOut);
  return ok({
    pitch: p,
    basis: {
      formula: 'pitch = takt × pack-out quantity',
      inputs: { takt: taktTime, packOut },
      explanation: `${fmt(taktTime)} s takt × ${fmt(packOut)} pieces per container = pitch of ${fmt(p)} s.`,
    },
  });
}

export interface OperatorsNeeded {
  operators: number;
  exact: number;
  workContent: Seconds;
  basis: Basis;
}

/** Operators (or stations) needed = ⌈Σ work content ÷ takt⌉ (Rother & Shook, "Learning to See"). */
export function operatorsNeeded(workContent: Seconds | readonly Seconds[], taktTime: Seconds): Result<OperatorsNeeded> {
  if (!positive(taktTime)) return err(`Takt must be more than 0 seconds; got ${taktTime}.`);
  const times: readonly number[] = typeof workContent === 'number' ? [workContent] : workContent;
  let total = 0;
  for (const t of times) {
    if (!Number.isFinite(t) || t < 0) return err(`Every work element time must be 0 seconds or more; got ${t}.`);
    total += t;
  }
  if (total <= 0) return err('The total work content is 0 seconds; enter the work element times first.');
  const exact = total / taktTime;
  const operators = roundUpWhole(exact);
  return ok({
    operators,
    exact,
    workContent: seconds(total),
    basis: {
      formula: 'operators = ⌈Σ work content ÷ takt⌉',
      inputs: { workContent: total, takt: taktTime },
      explanation: `${fmt(total)} s of work ÷ ${fmt(taktTime)} s takt = ${fmt(exact)}, rounded up to ${operators} operator${operators === 1 ? '' : 's'}.`,
    },
  });
}
