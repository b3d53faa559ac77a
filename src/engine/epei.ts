// EPEI (every part every interval): how often a shared machine can cycle through all its parts.
import type { Pieces, PiecesPerDay, Seconds } from './units.ts';
import { pieces, seconds } from './units.ts';
import { err, ok, type Result } from './result.ts';
import { fmt, roundUpWhole, type Basis } from './takt.ts';

export interface EpeiPart {
  partNumber: string;
  demandPerDay: PiecesPerDay;
  cycleTime: Seconds;
  changeoverTime: Seconds;
}

export interface Epei {
  /** Interval in working days after which every part has run once. */
  days: number;
  runTimePerDay: Seconds;
  spareTimePerDay: Seconds;
  changeoverTotal: Seconds;
  /** Lot per part to cover one interval of demand, in whole pieces. */
  lots: { partNumber: string; pieces: Pieces }[];
  basis: Basis;
}

/**
 * EPEI = Σ changeover times ÷ (available time − Σ demand × cycle time): the changeovers of one full cycle must fit
 * in the time left after running the day's demand (Smalley, "Creating Level Pull", LEI 2004, EPEI calculation).
 */
export function epei(availablePerDay: Seconds, parts: readonly EpeiPart[]): Result<Epei> {
  if (!Number.isFinite(availablePerDay) || availablePerDay <= 0) {
    return err(`Available time must be more than 0 seconds per day; got ${availablePerDay}.`);
  }
  if (parts.length === 0) return err('EPEI needs at least one part that runs on the machine.');
  let run = 0;
  let changeover = 0;
  for (const p of parts) {
    if (!Number.isFinite(p.demandPerDay) || p.demandPerDay <= 0) return err(`Part ${p.partNumber}: demand must be more than 0 pieces per day; got ${p.demandPerDay}.`);
    if (!Number.isFinite(p.cycleTime) || p.cycleTime <= 0) return err(`Part ${p.partNumber}: cycle time must be more than 0 seconds; got ${p.cycleTime}.`);
    if (!Number.isFinite(p.changeoverTime) || p.changeoverTime < 0) return err(`Part ${p.partNumber}: changeover time must be 0 seconds or more; got ${p.changeoverTime}.`);
    run += p.demandPerDay * p.cycleTime;
    changeover += p.changeoverTime;
  }
  const spare = availablePerDay - run;
  if (spare <= 0) {
    return err(`Running the demand takes ${fmt(run)} s a day but only ${fmt(availablePerDay)} s are available, so there is no time left for changeovers. Reduce cycle times or add time.`);
  }
  const interval = changeover / spare;
  return ok({
    days: interval,
    runTimePerDay: seconds(run),
    spareTimePerDay: seconds(spare),
    changeoverTotal: seconds(changeover),
    lots: parts.map((p) => ({ partNumber: p.partNumber, pieces: pieces(roundUpWhole(p.demandPerDay * interval)) })),
    basis: {
      formula: 'EPEI = Σ changeover ÷ (available − Σ D·CT)',
      inputs: { availablePerDay, runTimePerDay: run, changeoverTotal: changeover },
      explanation: `${fmt(changeover)} s of changeovers ÷ (${fmt(availablePerDay)} s available − ${fmt(run)} s running) = every part every ${fmt(interval)} days.`,
    },
  });
}
