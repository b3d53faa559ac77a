// Little's law check: average WIP should equal throughput × average lead time; the gap says how far the log is from steady flow.
import type { Replay } from './replay.ts';
import { fmt } from '../takt.ts';
import { DAY_MS } from './replay.ts';

export interface LittlesLaw {
  averageWip: number;
  throughputPerDay: number;
  meanLeadTimeDays: number;
  /** throughput × lead time. */
  predictedWip: number;
  /** |average WIP − predicted| ÷ average WIP; 0 when there is no WIP at all. */
  relativeGap: number;
  explanation: string;
}

/**
 * L = λ·W (Little, "A Proof for the Queuing Formula L = λW", Operations Research 9(3), 1961). Over a finite window
 * it holds exactly when the board is empty at both ends; cards still open or retired unfinished make the gap.
 */
export function littlesLaw(r: Replay): LittlesLaw {
  const windowMs = r.now - r.windowStart;
  const n = r.completionLead.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += r.completionLead[i];
  const averageWip = windowMs > 0 ? r.wipArea / windowMs : 0;
  const throughputPerDay = windowMs > 0 ? (n / windowMs) * DAY_MS : 0;
  const meanLeadTimeDays = n ? sum / n / DAY_MS : 0;
  const predictedWip = throughputPerDay * meanLeadTimeDays;
  const relativeGap = averageWip > 0 ? Math.abs(averageWip - predictedWip) / averageWip : predictedWip > 0 ? 1 : 0;
  return {
    averageWip,
    throughputPerDay,
    meanLeadTimeDays,
    predictedWip,
    relativeGap,
    explanation: `Average WIP ${fmt(averageWip)} cards vs throughput ${fmt(throughputPerDay)} cards/day × lead time ${fmt(meanLeadTimeDays)} days = ${fmt(predictedWip)}: a ${fmt(relativeGap * 100)} % gap.`,
  };
}
