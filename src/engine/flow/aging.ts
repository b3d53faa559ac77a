// Aging WIP: how long each card still in process has been in its stage, against that stage's past cycle times.
import type { Seconds } from '../units.ts';
import { seconds } from '../units.ts';
import { ACTIVE, type Replay } from './replay.ts';
import type { StageCycleTime } from './cycle-time.ts';

/** Where a card's age in stage falls among the stage's past cycle times (Vacanti, "Actionable Agile Metrics", ch. 9). */
export type AgeBand = 'no-history' | 'below-p50' | 'p50-p85' | 'p85-p95' | 'above-p95';

export interface AgingCard {
  cardId: string;
  stageId: string;
  ageInStage: Seconds;
  ageSinceCreate: Seconds;
  band: AgeBand;
}

/** A card's age band (age in seconds) against its stage's past cycle times. */
export function bandOf(age: number, c: Pick<StageCycleTime, 'p50' | 'p85' | 'p95'>): AgeBand {
  if (c.p50 === null || c.p85 === null || c.p95 === null) return 'no-history';
  if (age <= c.p50) return 'below-p50';
  if (age <= c.p85) return 'p50-p85';
  if (age <= c.p95) return 'p85-p95';
  return 'above-p95';
}

/** Cards in process on a known stage, oldest in stage first. */
export function agingWip(r: Replay, cycle: readonly StageCycleTime[]): AgingCard[] {
  const out: AgingCard[] = [];
  for (let c = 0; c < r.cardIds.length; c++) {
    const s = r.cardStage[c];
    if (r.cardState[c] !== ACTIVE || s < 0) continue;
    const age = (r.now - r.cardEnteredAt[c]) / 1000;
    out.push({
      cardId: r.cardIds[c],
      stageId: r.stageIds[s],
      ageInStage: seconds(age),
      ageSinceCreate: seconds((r.now - r.cardCreatedAt[c]) / 1000),
      band: bandOf(age, cycle[s]),
    });
  }
  return out.sort((a, b) => b.ageInStage - a.ageInStage);
}
