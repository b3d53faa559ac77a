// Forecast against actual demand: one-step-ahead errors, their running MAD and the tracking signal that flags a biased forecast.
import type { LogEntry } from '../events.ts';
import { err, ok, type Result } from '../result.ts';

/** A forecast is called biased while |tracking signal| exceeds this (the usual ±4 MAD limit). */
export const TRACKING_LIMIT = 4;

export interface TrackingPoint {
  actual: number;
  forecast: number;
  /** actual − forecast: positive when demand beat the forecast. */
  error: number;
  /** Running sum of the errors (CFE). */
  cumulativeError: number;
  /** Mean absolute error up to this period. */
  mad: number;
  /** CFE ÷ MAD; null while MAD is 0 (no error yet). */
  signal: number | null;
  biased: boolean;
}

export interface Tracking {
  points: TrackingPoint[];
  /** Periods whose |signal| exceeded the limit. */
  biasedPeriods: number;
  /** The latest point's signal. */
  latest: number | null;
}

/** The tracking signal over time: for each period t, (Σ errors to t) ÷ (mean |error| to t); |signal| > limit is biased. */
export function trackingSignal(actual: readonly number[], forecast: readonly number[], limit = TRACKING_LIMIT): Result<Tracking> {
  if (actual.length !== forecast.length) return err(`Actual demand (${actual.length} periods) and forecasts (${forecast.length}) must cover the same periods.`);
  if (!(limit > 0) || !Number.isFinite(limit)) return err(`The tracking-signal limit must be a positive number; got ${limit}.`);
  const points: TrackingPoint[] = [];
  let cfe = 0;
  let abs = 0;
  let biasedPeriods = 0;
  for (let t = 0; t < actual.length; t++) {
    const a = actual[t];
    const f = forecast[t];
    if (!Number.isFinite(a) || !Number.isFinite(f)) return err(`Period ${t + 1} has no number for its actual demand or forecast.`);
    const error = a - f;
    cfe += error;
    abs += Math.abs(error);
    const mad = abs / (t + 1);
    const signal = mad > 0 ? cfe / mad : null;
    const biased = signal !== null && Math.abs(signal) > limit;
    if (biased) biasedPeriods++;
    points.push({ actual: a, forecast: f, error, cumulativeError: cfe, mad, signal, biased });
  }
  return ok({ points, biasedPeriods, latest: points.length ? points[points.length - 1].signal : null });
}

type Entry = LogEntry & { card?: { partNumber?: string; quantity?: number }; fields?: { partNumber?: string; quantity?: number } };

const DAY_MS = 86_400_000;

/**
 * Actual demand of a part from the log: pieces of its cards completed (returned) per working day, oldest first, from
 * the day of `from` to the day of `to` in local time (utcOffsetMinutes); days past the calendar's working days in a
 * week (Monday first) are left out. With period 'week', sums of 7 calendar days counted back from the last day.
 */
export function demandFromLog(
  events: readonly LogEntry[], partNumber: string, span: { from: number; to: number }, workingDaysPerWeek: number,
  utcOffsetMinutes = 0, period: 'day' | 'week' = 'day',
): Result<{ starts: number[]; pieces: number[] }> {
  if (!(span.to >= span.from)) return err('The demand window must end after it starts.');
  if (!(workingDaysPerWeek > 0 && workingDaysPerWeek <= 7)) return err(`Working days per week must be more than 0 and at most 7; got ${workingDaysPerWeek}.`);
  const offset = utcOffsetMinutes * 60_000;
  const first = Math.floor((span.from + offset) / DAY_MS);
  const last = Math.floor((span.to + offset) / DAY_MS);
  const perDay = new Float64Array(last - first + 1);
  const cards = new Map<string, { partNumber?: string; quantity?: number }>();
  for (const raw of events) {
    const e = raw as Entry;
    if (!e.cardId) continue;
    if (e.type === 'create') {
      if (e.card) cards.set(e.cardId, e.card);
    } else if (e.type === 'edit' && e.fields) {
      const c = cards.get(e.cardId);
      if (c) cards.set(e.cardId, { ...c, ...e.fields });
    } else if (e.type === 'complete') {
      const c = cards.get(e.cardId);
      if (!c || c.partNumber !== partNumber || !(typeof c.quantity === 'number' && c.quantity > 0)) continue;
      const d = Math.floor((e.at + offset) / DAY_MS) - first;
      if (d >= 0 && d < perDay.length) perDay[d] += c.quantity;
    }
  }
  const starts: number[] = [];
  const pieces: number[] = [];
  if (period === 'week') {
    for (let end = perDay.length; end - 7 >= 0; end -= 7) {
      let sum = 0;
      for (let d = end - 7; d < end; d++) sum += perDay[d];
      starts.unshift((first + end - 7) * DAY_MS - offset);
      pieces.unshift(sum);
    }
  } else {
    for (let d = 0; d < perDay.length; d++) {
      const day = first + d;
      // 1970-01-01 was a Thursday: with Monday as 0 it is day 3 of its week.
      const weekday = (((day + 3) % 7) + 7) % 7;
      if (weekday >= workingDaysPerWeek) continue;
      starts.push(day * DAY_MS - offset);
      pieces.push(perDay[d]);
    }
  }
  return ok({ starts, pieces });
}
