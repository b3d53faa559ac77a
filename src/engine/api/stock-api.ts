// Engine calls for inventory turns, supplier delivery reliability and forecast-versus-actual tracking (issue 18).
import type { LogEntry } from '../events.ts';
import type { KanbanLoop, ShiftCalendar } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import { fitForecast, isForecastMethod, type ForecastMethod } from '../forecast.ts';
import { inventoryTurns, supplierReliability, type PartTurns, type SupplierReliability } from '../flow/stock-supply.ts';
import { demandFromLog, trackingSignal, type Tracking } from '../flow/tracking-signal.ts';

export type { PartTurns, SupplierReliability, Delivery } from '../flow/stock-supply.ts';
export type { Tracking, TrackingPoint } from '../flow/tracking-signal.ts';

export interface StockInput {
  events: readonly LogEntry[];
  parts: readonly { partNumber: string; demandPerDay: number }[];
  loops: readonly KanbanLoop[];
  calendar: ShiftCalendar;
  /** The window (epoch ms); its start defaults to the log's first event. */
  from?: number;
  to: number;
  utcOffsetMinutes?: number;
}

export interface StockFigures {
  from: number;
  to: number;
  turns: PartTurns[];
  suppliers: SupplierReliability[];
}

/** Inventory turns per part and each supplier loop's delivery reliability over one window of the log, in one call. */
export function stockFigures(input: StockInput): Result<StockFigures> {
  // By default from the first card event (the stream's set-up before any card holds no stock).
  const from = input.from ?? input.events.find((e) => e.cardId)?.at ?? input.to;
  if (!(input.to > from)) return err('The log is empty or the window has no length, so there is no stock to average yet.');
  const turns = inventoryTurns(input.events, input.parts, input.loops, input.calendar, { from, to: input.to });
  if (!turns.ok) return turns;
  const suppliers = supplierReliability(input.events, input.loops, input.calendar, input.utcOffsetMinutes ?? 0, { from, to: input.to });
  if (!suppliers.ok) return suppliers;
  return ok({ from, to: input.to, turns: turns.value, suppliers: suppliers.value });
}

export interface ForecastTrackingInput {
  partNumber: string;
  /** 'log': pieces completed per working day (or week) from the event log; 'history': the part's demand history as typed in. */
  source: 'log' | 'history';
  events?: readonly LogEntry[];
  history?: readonly number[];
  workingDaysPerWeek: number;
  from?: number;
  to: number;
  utcOffsetMinutes?: number;
  period?: 'day' | 'week';
  method: ForecastMethod;
  seasonLength?: number;
}

export interface ForecastTracking extends Tracking {
  /** Start (epoch ms) of each period for the log; null for a typed-in history (periods counted from the oldest). */
  starts: number[] | null;
  method: ForecastMethod;
}

/**
 * One-step-ahead forecasts against actual demand: the smoothing method is fitted on the series, and each period's
 * forecast is the one made from the periods before it; then the tracking signal of the errors over time.
 */
export function forecastTracking(input: ForecastTrackingInput): Result<ForecastTracking> {
  if (!isForecastMethod(input.method)) return err(`There is no forecast method "${String(input.method)}".`);
  let series: number[];
  let starts: number[] | null = null;
  if (input.source === 'log') {
    const events = input.events ?? [];
    const from = input.from ?? events.find((e) => e.cardId)?.at ?? input.to;
    // Up to the end of the day before `to`: the day in progress is not over, and its demand would read as a shortfall.
    const offset = (input.utcOffsetMinutes ?? 0) * 60_000;
    const to = Math.floor((input.to + offset) / 86_400_000) * 86_400_000 - offset - 1;
    if (!(to > from)) return err('The log has no whole day of demand yet; compare with the demand history instead.');
    const d = demandFromLog(events, input.partNumber, { from, to }, input.workingDaysPerWeek, input.utcOffsetMinutes ?? 0, input.period ?? 'day');
    if (!d.ok) return d;
    series = d.value.pieces;
    starts = d.value.starts;
  } else if (input.source === 'history') {
    series = [...(input.history ?? [])];
    if (series.length === 0) return err(`Part ${input.partNumber} has no demand history; enter one under Forecast, or compare with the log instead.`);
  } else return err(`Compare with the "log" or the "history"; got "${String(input.source)}".`);
  const fit = fitForecast(series, { method: input.method, horizon: 1, seasonLength: input.seasonLength });
  if (!fit.ok) return err(`${fit.error} (${series.length} ${input.period === 'week' ? 'weeks' : 'periods'} of demand for ${input.partNumber}.)`);
  const tracking = trackingSignal(series, fit.value.fitted);
  if (!tracking.ok) return tracking;
  return ok({ ...tracking.value, starts, method: input.method });
}

export const stockApi = { stockFigures, forecastTracking };
