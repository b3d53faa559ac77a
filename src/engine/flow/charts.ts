// Chart data from flow metrics: the cycle-time scatterplot with its percentile lines, the lead-time histogram and
// the throughput run chart (per day or per week) with its histogram. Pure and linear, so the worker computes them.
import { err, ok, type Result } from '../result.ts';
import type { CardLeadTime } from './lead-time.ts';
import { standardPercentiles, type Percentiles } from './percentile.ts';

export const DAY_SECONDS = 86_400;

export interface ScatterFilter {
  /** Card id → part number, needed to filter by part. */
  partOf?: Readonly<Record<string, string>>;
  /** Only cards of this part number. */
  part?: string;
  /** Only cards finished at or after / before this epoch ms. */
  from?: number;
  to?: number;
}

/** A finished card (lead time in seconds), with its part when the parts were given. */
export interface ScatterPoint extends CardLeadTime {
  part?: string;
}

export interface CycleTimeScatter extends Percentiles {
  points: ScatterPoint[];
}

/** One dot per finished card (date done × lead time) after the filters, and the 50/85/95th percentiles of those dots. */
export function cycleTimeScatter(perCard: readonly CardLeadTime[], filter: ScatterFilter = {}): Result<CycleTimeScatter> {
  const { partOf, part, from, to } = filter;
  if (from !== undefined && !Number.isFinite(from)) return err(`The start date of the filter is not a date (${from}).`);
  if (to !== undefined && !Number.isFinite(to)) return err(`The end date of the filter is not a date (${to}).`);
  if (from !== undefined && to !== undefined && from > to) return err('The filter starts after it ends; swap the dates.');
  if (part !== undefined && !partOf) return err('Filtering by part needs the part of each card.');
  const points: ScatterPoint[] = [];
  for (const c of perCard) {
    const p = partOf?.[c.cardId];
    if (part !== undefined && p !== part) continue;
    if (from !== undefined && c.completedAt < from) continue;
    if (to !== undefined && c.completedAt > to) continue;
    // Without parts the card's record is the dot as it is: no copy per card on a million-event log.
    points.push(partOf ? { ...c, part: p } : c);
  }
  const sorted = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) sorted[i] = points[i].leadTime;
  sorted.sort();
  return ok({ points, ...standardPercentiles(sorted) });
}

export interface HistogramBin {
  /** Bin from `from` (inclusive) to `to` (exclusive), in the histogram's unit. */
  from: number;
  to: number;
  count: number;
}

/** Lead times (seconds) in bins of `binDays` days (1 by default), from 0 to the longest; empty bins kept. */
export function leadTimeHistogram(perCard: readonly CardLeadTime[], binDays = 1): Result<HistogramBin[]> {
  if (!Number.isFinite(binDays) || binDays <= 0) return err(`A histogram bin must be a positive number of days; got ${binDays}.`);
  if (perCard.length === 0) return ok([]);
  let max = 0;
  for (const c of perCard) max = Math.max(max, c.leadTime);
  const width = binDays * DAY_SECONDS;
  const counts = new Int32Array(Math.floor(max / width) + 1);
  for (const c of perCard) counts[Math.floor(c.leadTime / width)]++;
  return ok(Array.from(counts, (count, i) => ({ from: i * binDays, to: (i + 1) * binDays, count })));
}

export interface ThroughputRun {
  /** Start (epoch ms) of each period and the cards finished in it. */
  periods: { start: number; count: number }[];
  /** How many periods finished 0, 1, 2, … cards (index = cards). */
  histogram: number[];
  mean: number;
}

/**
 * Throughput per day, or per week of 7 days counted back from the last day (so the latest week is complete; an
 * incomplete first week is left out rather than shown as a slow one).
 */
export function throughputRun(days: readonly number[], perDay: ArrayLike<number>, period: 'day' | 'week'): Result<ThroughputRun> {
  if (days.length !== perDay.length) return err(`Days (${days.length}) and daily counts (${perDay.length}) must match.`);
  if (period !== 'day' && period !== 'week') return err(`Throughput is per "day" or "week"; got "${String(period)}".`);
  const periods: ThroughputRun['periods'] = [];
  if (period === 'day') {
    for (let d = 0; d < days.length; d++) periods.push({ start: days[d], count: perDay[d] });
  } else {
    for (let end = days.length; end - 7 >= 0; end -= 7) {
      let c = 0;
      for (let d = end - 7; d < end; d++) c += perDay[d];
      periods.unshift({ start: days[end - 7], count: c });
    }
  }
  let max = 0;
  let sum = 0;
  for (const p of periods) {
    max = Math.max(max, p.count);
    sum += p.count;
  }
  const histogram = new Array<number>(periods.length ? max + 1 : 0).fill(0);
  for (const p of periods) histogram[p.count]++;
  return ok({ periods, histogram, mean: periods.length ? sum / periods.length : 0 });
}
