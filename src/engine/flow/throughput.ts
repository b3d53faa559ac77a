// Throughput: cards completed per day, over every day from the first event to now.
import type { Replay } from './replay.ts';

export interface Throughput {
  perDay: Int32Array;
  total: number;
  meanPerDay: number;
}

export function throughput(r: Replay): Throughput {
  let total = 0;
  for (let d = 0; d < r.dayCount; d++) total += r.completionsPerDay[d];
  return { perDay: r.completionsPerDay, total, meanPerDay: total / r.dayCount };
}
