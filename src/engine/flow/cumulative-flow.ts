// Cumulative flow: for each stage, how many cards had reached it (or any later stage) by the end of each day.
import type { Replay } from './replay.ts';

export interface CumulativeFlow {
  /** Stage ids in stream order followed by 'done'. */
  bands: string[];
  /** perBand[b][d]: cards that had reached band b or beyond by the end of day d. */
  perBand: Int32Array[];
}

/**
 * Counting a card by the furthest stage it has reached (Anderson, "Kanban", 2010, ch. 12; Vacanti,
 * "Actionable Agile Metrics", ch. 4: arrivals are cumulative) keeps every band non-decreasing and the
 * bands nested, even when a card is moved back or a move is undone.
 */
export function cumulativeFlow(r: Replay): CumulativeFlow {
  const B = r.stageIds.length + 1;
  const D = r.dayCount;
  const perBand = Array.from({ length: B }, () => new Int32Array(D));
  const atBand = new Int32Array(B);
  for (let d = 0; d < D; d++) {
    for (let b = 0; b < B; b++) atBand[b] += r.reachedDelta[d * B + b];
    let beyond = 0;
    for (let b = B - 1; b >= 0; b--) {
      beyond += atBand[b];
      perBand[b][d] = beyond;
    }
  }
  return { bands: [...r.stageIds, 'done'], perBand };
}
