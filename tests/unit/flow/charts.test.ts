// Chart data: scatterplot filters and percentile lines, lead-time histogram bins, throughput run per day and week (hand-worked).
import { describe, expect, it } from 'vitest';
import { cycleTimeScatter, leadTimeHistogram, throughputRun } from '../../../src/engine/flow/charts.ts';
import type { CardLeadTime } from '../../../src/engine/flow/lead-time.ts';
import { seconds } from '../../../src/engine/units.ts';

const DAY = 86_400;
const cards: CardLeadTime[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d, i) => ({
  cardId: `c${i}`,
  completedAt: Date.UTC(2026, 0, 1 + i),
  leadTime: seconds(d * DAY),
}));
const partOf = Object.fromEntries(cards.map((c, i) => [c.cardId, i % 2 === 0 ? 'SC-100' : 'SC-200']));

describe('cycleTimeScatter', () => {
  it('one dot per finished card with nearest-rank 50/85/95th lines (10 dots: 5th, 9th, 10th values)', () => {
    const r = cycleTimeScatter(cards);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.points).toHaveLength(10);
    expect([r.value.p50, r.value.p85, r.value.p95]).toEqual([5 * DAY, 9 * DAY, 10 * DAY]);
  });

  it('filters by part and date range, and the lines follow the filtered dots', () => {
    const r = cycleTimeScatter(cards, { partOf, part: 'SC-100', from: Date.UTC(2026, 0, 2), to: Date.UTC(2026, 0, 8) });
    if (!r.ok) throw new Error(r.error);
    // SC-100 are the even indexes (lead 1, 3, 5, 7, 9 days); finished 2–8 Jan leaves days 3, 5, 7.
    expect(r.value.points.map((p) => p.leadTime / DAY)).toEqual([3, 5, 7]);
    expect(r.value.points.every((p) => p.part === 'SC-100')).toBe(true);
    expect([r.value.p50, r.value.p85, r.value.p95]).toEqual([5 * DAY, 7 * DAY, 7 * DAY]);
  });

  it('refuses a range that ends before it starts, and a part filter without parts', () => {
    expect(cycleTimeScatter(cards, { from: 10, to: 5 })).toEqual({ ok: false, error: 'The filter starts after it ends; swap the dates.' });
    expect(cycleTimeScatter(cards, { part: 'SC-100' }).ok).toBe(false);
    expect(cycleTimeScatter(cards, { from: Number.NaN }).ok).toBe(false);
  });
});

describe('leadTimeHistogram', () => {
  it('counts lead times in whole-day bins from 0, keeping empty bins', () => {
    const few: CardLeadTime[] = [0.5, 0.9, 2.1, 2.2, 2.99].map((d, i) => ({ cardId: `x${i}`, completedAt: 0, leadTime: seconds(d * DAY) }));
    const r = leadTimeHistogram(few);
    expect(r.ok && r.value).toEqual([
      { from: 0, to: 1, count: 2 },
      { from: 1, to: 2, count: 0 },
      { from: 2, to: 3, count: 3 },
    ]);
    expect(leadTimeHistogram(few, 0).ok).toBe(false);
  });
});

describe('throughputRun', () => {
  const days = Array.from({ length: 10 }, (_, i) => i * DAY * 1000);
  const perDay = [1, 0, 2, 3, 0, 1, 1, 4, 0, 2];

  it('per day: the series, how many days finished 0, 1, 2 … cards, and the mean', () => {
    const r = throughputRun(days, perDay, 'day');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.periods.map((p) => p.count)).toEqual(perDay);
    expect(r.value.histogram).toEqual([3, 3, 2, 1, 1]);
    expect(r.value.mean).toBeCloseTo(1.4, 12);
  });

  it('per week: full weeks counted back from the last day (the 3 oldest days are left out)', () => {
    const r = throughputRun(days, perDay, 'week');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.periods).toEqual([{ start: days[3], count: 3 + 0 + 1 + 1 + 4 + 0 + 2 }]);
  });

  it('refuses mismatched series', () => {
    expect(throughputRun(days, [1, 2], 'day').ok).toBe(false);
  });
});
