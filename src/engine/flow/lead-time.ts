// Per-card lead time: from 'create' to 'complete', the customer's view of how long work takes.
import type { Seconds } from '../units.ts';
import { seconds } from '../units.ts';
import type { Replay } from './replay.ts';
import { standardPercentiles } from './percentile.ts';

export interface CardLeadTime {
  cardId: string;
  completedAt: number;
  leadTime: Seconds;
}

export interface LeadTimes {
  perCard: CardLeadTime[];
  count: number;
  mean: Seconds | null;
  p50: Seconds | null;
  p85: Seconds | null;
  p95: Seconds | null;
}

export function leadTimes(r: Replay): LeadTimes {
  const n = r.completionLead.length;
  const perCard: CardLeadTime[] = new Array(n);
  const sorted = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = r.completionLead[i] / 1000;
    perCard[i] = { cardId: r.cardIds[r.completionCard[i]], completedAt: r.completionAt[i], leadTime: seconds(s) };
    sorted[i] = s;
    sum += s;
  }
  sorted.sort();
  const p = standardPercentiles(sorted);
  return {
    perCard,
    count: n,
    mean: n ? seconds(sum / n) : null,
    p50: p.p50 === null ? null : seconds(p.p50),
    p85: p.p85 === null ? null : seconds(p.p85),
    p95: p.p95 === null ? null : seconds(p.p95),
  };
}
