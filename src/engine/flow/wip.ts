// WIP over time: cards in process at the end of each day, per stage and in total, and the time-weighted average.
import type { Replay } from './replay.ts';

export interface WipOverTime {
  /** Cards on the board's stages at the end of each day. */
  perDay: Int32Array;
  /** perStage[s][d]: cards in stage s at the end of day d. */
  perStage: Int32Array[];
  /** Mean number of cards in process over the window (area under the WIP curve ÷ window length). */
  average: number;
}

export function wipOverTime(r: Replay): WipOverTime {
  const S = r.stageIds.length;
  const D = r.dayCount;
  const perStage = r.stageIds.map(() => new Int32Array(D));
  const perDay = new Int32Array(D);
  for (let s = 0; s < S; s++) {
    const row = perStage[s];
    let running = 0;
    for (let d = 0; d < D; d++) {
      running += r.stageDelta[d * S + s];
      row[d] = running;
      perDay[d] += running;
    }
  }
  const window = r.now - r.windowStart;
  return { perDay, perStage, average: window > 0 ? r.wipArea / window : 0 };
}
